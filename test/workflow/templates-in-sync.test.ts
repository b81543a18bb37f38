import { readFileSync } from 'node:fs';
import path from 'node:path';

// The generator embeds workflows/knowledge/*.json into the templates; a stale template ships an old knowledge base.
const generator = require('../../workflows/src/build-templates.js') as { render(slug: string): string; templates: string[] };

describe('workflow templates', () => {
	it.each(generator.templates)('%s.json is what workflows/src/build-templates.js writes', (slug) => {
		const committed = readFileSync(path.join(__dirname, '../../workflows', `${slug}.json`), 'utf8');
		expect(committed).toBe(generator.render(slug));
	});

	it.each(generator.templates)('%s.json uses only our nodes and the built-in nodes the engine knows', (slug) => {
		const workflow = JSON.parse(generator.render(slug));
		const allowed = /^(n8n-nodes-support247\.|n8n-nodes-base\.(webhook|respondToWebhook|httpRequest|emailSend|noOp|stickyNote|scheduleTrigger|whatsAppTrigger|whatsApp|telegramTrigger|telegram)$)/;
		for (const node of workflow.nodes) expect(node.type).toMatch(allowed);
		const names = workflow.nodes.map((n: { name: string }) => n.name);
		expect(new Set(names).size).toBe(names.length);
	});
});
