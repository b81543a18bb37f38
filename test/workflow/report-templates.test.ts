import { dropMemoryBackend, memoryBackend } from '../../nodes/shared/conversation';
import { SupportInsights } from '../../nodes/SupportInsights/SupportInsights.node';
import { createEngine, type Engine } from '../../simulator/engine';
import { fillReportStore, REPORT_NOW } from '../helpers/report-fixture';

// The templates as users import them, with the store switched to this process's memory and "now" pinned.
const generator = require('../../workflows/src/build-templates.js') as { render(slug: string): string };
const STORE = 'report-templates';

function template(slug: string, node: string) {
	const workflow = JSON.parse(generator.render(slug));
	const insights = workflow.nodes.find((n: { name: string }) => n.name === node);
	insights.parameters = { ...insights.parameters, backend: 'memory', memoryName: STORE, now: REPORT_NOW };
	return workflow;
}

describe('weekly report and dashboard templates on the n8n engine', () => {
	let engine: Engine;
	beforeAll(async () => {
		// The node from source, so it shares this test's in-memory store.
		engine = await createEngine({ extraNodeTypes: { 'n8n-nodes-support247.supportInsights': new SupportInsights() } });
		await fillReportStore(memoryBackend(STORE));
	});
	afterAll(() => dropMemoryBackend(STORE));

	it('weekly-report: the Monday schedule builds the week\u2019s figures and hands Send Email the HTML and subject', async () => {
		const res = await engine.run(template('weekly-report', 'Build Report'), { items: [{ timestamp: REPORT_NOW }] });
		expect(res.error).toBeUndefined();
		const mails = res.captured.filter((m) => m.node === 'Email the Report');
		expect(mails).toHaveLength(1);
		const { report, html, subject } = mails[0].json as { report: Record<string, any>; html: string; subject: string };
		expect(report).toMatchObject({ cases: 6, ai: { resolved: 2, rate: 0.3333 }, escalations: { total: 4 }, sla: { breached: 2 }, csat: { mean: 3.5 } });
		expect(subject).toBe('Aurora Store support: the week: 2026-03-02 to 2026-03-09 · AI resolved 33.3 % · CSAT 3.5');
		expect(html).toContain('Escalations by reason');
		expect(html).toContain('low confidence');
		expect(html).not.toMatch(/<style|<script|class="/);
		// The fixture's two Person's Reply answers of the week, newest (b1, 03-09 08:40) first.
		expect(report.suggestions).toMatchObject({ total: 2, newest: [{ by: 'luis', language: 'en' }, { by: 'maria', language: 'es' }] });
		expect(html).toContain('Suggested answers from people: 2, newest first');
		const emailNode = JSON.parse(generator.render('weekly-report')).nodes.find((n: { name: string }) => n.name === 'Email the Report');
		expect(emailNode.parameters).toMatchObject({ emailFormat: 'html', html: '={{ $json.html }}', subject: '={{ $json.subject }}' });
	});

	it('support-dashboard: the webhook answers with the page for 24 h, 7 d and 30 d', async () => {
		const res = await engine.run(template('support-dashboard', 'Build Dashboard'), { items: [{ headers: {}, query: {} }] });
		expect(res.error).toBeUndefined();
		const [page] = res.captured.filter((m) => m.node === 'Show the Page');
		const html = String(page.json.html);
		expect(html).toContain('<meta http-equiv="refresh" content="60">');
		expect(html).toContain('name="viewport"');
		const cases = [...html.matchAll(/data-window="(\w+)"[\s\S]*?data-figure="cases">(\d+)</g)].map((m) => [m[1], Number(m[2])]);
		expect(cases).toEqual([
			['24h', 3],
			['7d', 6],
			['30d', 7],
		]);
		expect(html).toContain('data-count="2">Suggested answers from people: 2, newest first');
		const hook = JSON.parse(generator.render('support-dashboard')).nodes.find((n: { name: string }) => n.name === 'Dashboard Webhook');
		expect(hook.parameters).toMatchObject({ httpMethod: 'GET', authentication: 'headerAuth', responseMode: 'responseNode' });
	});
});
