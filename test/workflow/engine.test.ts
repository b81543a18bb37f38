import path from 'node:path';
import { Logger } from '@n8n/backend-common';
import { createEngine, readWorkflowFile, type Engine } from '../../simulator/engine';
import { testNodeTypes } from '../helpers/test-node-types';

const fixture = readWorkflowFile(path.join(__dirname, '../fixtures/workflows/engine-fixture.json'));

describe('in-process engine (n8n-core WorkflowExecute)', () => {
	let engine: Engine;

	beforeAll(async () => {
		engine = await createEngine({ loadPackage: false, extraNodeTypes: testNodeTypes });
	});

	it('evaluates a real expression parameter per item', async () => {
		const res = await engine.run(fixture, { items: [{ text: 'hola' }, { text: 'bom dia' }] });
		expect(res.error).toBeUndefined();
		const shouted = res.outputs.Shout[0].map((item) => item.json.shouted);
		expect(shouted).toEqual(['HOLA', 'BOM DIA']);
		expect(res.outputs.Shout[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('routes items to several outputs', async () => {
		const res = await engine.run(fixture, { items: [{ text: 'hi' }, { text: 'a long one' }, { text: 'yo' }] });
		const [short, long] = res.outputs.Split;
		expect(short.map((item) => item.json.text)).toEqual(['hi', 'yo']);
		expect(long.map((item) => item.json.text)).toEqual(['a long one']);
	});

	it('runs nodes with outside effects dry and captures their would-be messages', async () => {
		const res = await engine.run(fixture, { items: [{ text: 'short' }, { text: 'much longer' }] });
		expect(res.captured).toEqual([
			{ node: 'Send Email', type: 'n8n-nodes-base.emailSend', json: expect.objectContaining({ text: 'much longer' }) },
		]);
	});

	it('stops a branch at a Send and Wait, as n8n waits there for the person, and still captures its message', async () => {
		const node = (name: string, type: string, parameters: Record<string, unknown> = {}) => ({ id: name, name, type, typeVersion: 2.1, position: [0, 0], parameters });
		const workflow = {
			name: 'wait',
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger'),
				node('Ask', 'n8n-nodes-base.emailSend', { operation: 'sendAndWait', subject: 'answer me' }),
				node('After Ask', 'n8n-nodes-base.noOp'),
				node('Tell', 'n8n-nodes-base.emailSend', { operation: 'send' }),
				node('After Tell', 'n8n-nodes-base.noOp'),
			],
			connections: {
				Start: { main: [[{ node: 'Ask', type: 'main', index: 0 }, { node: 'Tell', type: 'main', index: 0 }]] },
				Ask: { main: [[{ node: 'After Ask', type: 'main', index: 0 }]] },
				Tell: { main: [[{ node: 'After Tell', type: 'main', index: 0 }]] },
			},
		};
		const res = await engine.run(workflow, { items: [{ text: 'one' }, { text: 'two' }] });
		expect(res.error).toBeUndefined();
		expect(res.captured.map((message) => `${message.node}:${message.json.text}`).sort()).toEqual(['Ask:one', 'Ask:two', 'Tell:one', 'Tell:two']);
		expect(res.outputs['After Tell'][0].map((item) => item.json.text)).toEqual(['one', 'two']);
		expect(res.outputs['After Ask']).toBeUndefined();
	});

	it('runs a prepared workflow many times without sharing state between runs', async () => {
		const prepared = engine.prepare(fixture);
		const results = await Promise.all(
			['one', 'twotwotwo', 'three33'].map((text) => engine.run(prepared, { items: [{ text }] })),
		);
		expect(results.map((res) => res.captured.length)).toEqual([0, 1, 1]);
		expect(results.map((res) => res.outputs.Shout[0][0].json.shouted)).toEqual(['ONE', 'TWOTWOTWO', 'THREE33']);
	});

	it('names the failing node when a node throws', async () => {
		const failing = {
			...fixture,
			nodes: [...fixture.nodes, { id: '9', name: 'Boom', type: 'test.explode', typeVersion: 1, position: [0, 0], parameters: {} }],
			connections: { ...fixture.connections, Shout: { main: [[{ node: 'Boom', type: 'main', index: 0 }]] } },
		};
		// n8n's logger gets each failure once (it used to log the error and then its cause, the same message).
		const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
		try {
			const res = await engine.run(failing, { items: [{ text: 'x' }] });
			expect(res.error).toEqual({ node: 'Boom', message: 'field "message.text" is missing' });
			expect(logged.mock.calls.map(([message]) => message)).toEqual(['field "message.text" is missing']);
		} finally {
			logged.mockRestore();
		}
	});

	it('reports an unknown node type with the node and the type', () => {
		const unknown = {
			...fixture,
			nodes: [...fixture.nodes, { id: '9', name: 'Mystery', type: 'acme.mystery', typeVersion: 1, position: [0, 0], parameters: {} }],
		};
		expect(() => engine.prepare(unknown, 'unknown.json')).toThrow(
			'unknown.json: node "Mystery" has type "acme.mystery", which this package does not provide',
		);
	});

	it('rejects a start node that does not exist', async () => {
		await expect(engine.run(fixture, { startNode: 'Nope', items: [] })).rejects.toThrow('start node "Nope" does not exist');
	});

	it('names the file and the problem in an invalid workflow', () => {
		expect(() => engine.prepare({ nodes: 'x', connections: {} }, 'bad.json')).toThrow('bad.json: "nodes" must be an array');
		expect(() =>
			engine.prepare({ nodes: [{ name: 'A', type: 'test.shout', typeVersion: 1, parameters: {} }], connections: { A: { main: [[{ node: 'B', type: 'main', index: 0 }]] } } }, 'w.json'),
		).toThrow('w.json: "A" connects to unknown node "B"');
	});
});

describe('prepare', () => {
	it('leaves the caller\'s workflow JSON untouched', async () => {
		const engine = await createEngine({ loadPackage: false, extraNodeTypes: testNodeTypes });
		const json = JSON.parse(JSON.stringify(fixture));
		json.nodes[3].parameters = { toEmail: 'agents@example.com' };
		const before = JSON.stringify(json);
		engine.prepare(json);
		expect(JSON.stringify(json)).toBe(before);
	});
});
