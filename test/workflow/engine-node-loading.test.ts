import path from 'node:path';
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy } from 'n8n-workflow';
import { createEngine, readWorkflowFile, workflowNodeTypes } from '../../simulator/engine';
import { REPO_ROOT } from '../../simulator/engine';

const template = readWorkflowFile(path.join(REPO_ROOT, 'workflows', 'support-247-tiered.json'));
const ours = (types: string[]) => types.filter((type) => type.startsWith('n8n-nodes-support247.')).sort();

describe('engine start-up loads only the node types a workflow uses', () => {
	it('loads the node types the template names, and not the package\'s other nodes', async () => {
		const engine = await createEngine({ nodeTypes: workflowNodeTypes(template) });
		const loaded = ours(engine.nodeTypes.knownTypes());
		expect(loaded).toEqual(expect.arrayContaining(['n8n-nodes-support247.supportTriage', 'n8n-nodes-support247.escalationRouter', 'n8n-nodes-support247.slaTimer']));
		const named = new Set(template.nodes.map((node) => node.type));
		expect(loaded.filter((type) => !named.has(type))).toEqual([]);
		// The main template has no Support Insights node, so a replay of it never loads the insights code.
		expect(named.has('n8n-nodes-support247.supportInsights')).toBe(false);
		expect(loaded).not.toContain('n8n-nodes-support247.supportInsights');
		// The template still prepares and runs a ticket end to end on the smaller engine.
		const prepared = engine.prepare(template);
		const result = await engine.run(prepared, {
			startNode: 'Web Chat Webhook',
			items: [{ ticketId: 't1', channel: 'webchat', language: 'es', customer: { name: 'Ana' }, message: { text: '¿A qué hora abren?', receivedAt: '2026-09-08T10:00:00-06:00' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs['Escalation Router']?.flat().length).toBe(1);
	});

	it('loads every node of the package when no types are given', async () => {
		const engine = await createEngine();
		expect(ours(engine.nodeTypes.knownTypes())).toEqual(expect.arrayContaining(['n8n-nodes-support247.conversationStore', 'n8n-nodes-support247.supportInsights']));
	});

	it('falls back to every type for JSON that is not a workflow yet', () => {
		expect(workflowNodeTypes({ nodes: 'no' })).toBeUndefined();
		expect(workflowNodeTypes(template)).toContain('n8n-nodes-support247.supportTriage');
	});

	it('replaces the silent n8n log with calls that do nothing', async () => {
		await createEngine({ loadPackage: false });
		expect(process.env.N8N_LOG_LEVEL).toBe('silent');
		const log = jest.spyOn(Container.get(Logger) as unknown as { log: () => void }, 'log');
		LoggerProxy.debug('a line nobody reads');
		LoggerProxy.error('nor this one');
		expect(log).not.toHaveBeenCalled();
	});
});
