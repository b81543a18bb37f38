import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { createEngine, readWorkflowFile, type Engine } from '../../simulator/engine';
import { replay } from '../../simulator/replay/replay';
import type { TicketOutcome } from '../../simulator/replay/outcome';

const root = path.resolve(__dirname, '../..');
const template = readWorkflowFile(path.join(root, 'workflows', 'support-247-tiered.json'));
const tickets = path.join(root, 'test', 'fixtures', 'tickets', 'small-history.csv');

/** Evaluates a parameter with n8n's own expression engine, as Respond to Webhook would. */
const evaluate: INodeType = {
	description: {
		displayName: 'Evaluate',
		name: 'evaluate',
		group: ['transform'],
		version: 1,
		description: 'Test only',
		defaults: { name: 'Evaluate' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Body', name: 'body', type: 'json', default: '' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((_, i) => ({ json: { body: this.getNodeParameter('body', i) as never }, pairedItem: { item: i } }))];
	},
};

/**
 * A stand-in for a live n8n on loopback: each POST runs the main template on the real engine from
 * its web chat webhook, and answers with the template's own Respond to Webhook expression.
 */
function fakeN8n(engine: Engine): Server {
	const prepared = engine.prepare(template);
	const responder = template.nodes.find((n) => n.name === 'Reply Channel: Web Chat');
	const respond = engine.prepare({
		nodes: [
			{ id: 's', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'e', name: 'Evaluate', type: 'test.evaluate', typeVersion: 1, position: [0, 0], parameters: { body: responder?.parameters.responseBody } },
		],
		connections: { Start: { main: [[{ node: 'Evaluate', type: 'main', index: 0 }]] } },
	});
	return createServer((request, response) => {
		let raw = '';
		request.on('data', (chunk) => (raw += chunk));
		request.on('end', async () => {
			const result = await engine.run(prepared, { startNode: 'Web Chat Webhook', items: [{ headers: request.headers, params: {}, query: {}, body: JSON.parse(raw) }] });
			const answered = result.captured.find((c) => c.node === 'Reply Channel: Web Chat');
			if (!answered) {
				response.writeHead(500).end('no answer');
				return;
			}
			const evaluated = await engine.run(respond, { items: [answered.json as IDataObject] });
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(evaluated.outputs.Evaluate[0][0].json.body));
		});
	});
}

describe('support-sim replay --target (a live webhook)', () => {
	let engine: Engine;
	let server: Server;
	let url: string;

	beforeAll(async () => {
		engine = await createEngine({ extraNodeTypes: { 'test.evaluate': evaluate } });
		server = fakeN8n(engine);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/support247/chat`;
	});

	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
	});

	it('reaches the same tier for every ticket as the in-process replay, with the same metrics', async () => {
		const inProcess = new Map<string, TicketOutcome>();
		const live = new Map<string, TicketOutcome>();
		const common = { workflow: template, workflowName: 'support-247-tiered.json', tickets, zone: 'America/Mexico_City' };
		// In-process replays enter by the ticket's channel; a live replay can only enter by the web chat webhook.
		const local = await replay({ ...common, engine, startNode: 'Web Chat Webhook', onOutcome: (o) => inProcess.set(o.id, o) });
		const remote = await replay({ ...common, target: url, concurrency: 3, onOutcome: (o) => live.set(o.id, o) });

		expect(remote.tickets).toEqual(local.tickets);
		expect(remote.tickets.unrouted).toBe(0);
		expect([...live.keys()].sort()).toEqual([...inProcess.keys()].sort());
		for (const [id, outcome] of inProcess) {
			expect({ id, tier: live.get(id)?.tier, answered: live.get(id)?.answered }).toEqual({ id, tier: outcome.tier, answered: outcome.answered });
		}
		expect(remote.tiers).toEqual(local.tiers);
		expect(remote.escalation).toEqual(local.escalation);
		expect(remote.resolution).toEqual(local.resolution);
		expect(remote.offHours).toEqual(local.offHours);
		expect(remote.sla.forecast).toEqual(local.sla.forecast);
		expect(remote.live).toMatchObject({ target: url, concurrency: 3, requests: 10 });
		expect(remote.live?.latencyMs.p50).toEqual(expect.any(Number));
		expect(remote.live?.latencyMs.p99).toBeGreaterThanOrEqual(remote.live?.latencyMs.p50 as number);
	});

	it('counts a ticket whose request fails as unrouted instead of dropping it', async () => {
		const closed = createServer((_, response) => response.writeHead(503).end('down'));
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		try {
			const report = await replay({
				workflow: template,
				workflowName: 'w',
				tickets,
				zone: 'America/Mexico_City',
				target: `http://127.0.0.1:${(closed.address() as AddressInfo).port}/webhook/x`,
				concurrency: 5,
			});
			expect(report.tickets).toMatchObject({ read: 12, replayed: 10, rejected: 2, unrouted: 10 });
		} finally {
			await new Promise((resolve) => closed.close(resolve));
		}
	});
});
