import path from 'node:path';
import { memoryBackend } from '../../nodes/shared/conversation';
import { createEngine, readWorkflowFile, type Engine } from '../../simulator/engine';

/**
 * A burst on the main template, on n8n-core's WorkflowExecute: three web chat POSTs of one session within
 * the quiet time run as three executions at once, as n8n runs three requests. Only the last goes on; its
 * one reply answers every question, and the other two requests are answered by "Joined Into A Later Message".
 */
const template = readWorkflowFile(path.join(__dirname, '../../workflows/support-247-tiered.json'));
// Wednesday 23:30 in Mexico City: the store is closed, so the AI answers.
const T0 = Date.parse('2026-03-04T23:30:00-06:00');
const post = (ticketId: string, text: string, seconds: number) => ({
	headers: {},
	body: { ticketId, text, sessionId: 'widget-7', created_at: new Date(T0 + seconds * 1000).toISOString(), customer: { name: 'Ana', language: 'es' } },
});

type Json = Record<string, any>;

/** Start → Collect Burst alone, on a memory store of its own, with a short wait (`parameters` added to the node's). */
const collectOnly = (store: string, parameters: Json = {}, node: Json = {}) => ({
	name: 'collect burst',
	nodes: [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'collect',
			name: 'Collect Burst',
			type: 'n8n-nodes-support247.conversationStore',
			typeVersion: 1,
			position: [200, 0],
			parameters: { operation: 'collectBurst', backend: 'memory', memoryName: store, quietTimeSeconds: 0.05, ...parameters },
			...node,
		},
	],
	connections: { Start: { main: [[{ node: 'Collect Burst', type: 'main', index: 0 }]] } },
});

describe('a burst of web chat messages on the main template', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createEngine();
	});

	it('answers three messages sent within the quiet time once, covering both questions', async () => {
		const prepared = engine.prepare(template);
		// The engine replays without waiting (quiet time 0); this test is about the wait, so give it one back.
		const collect = prepared.workflow.getNode('Collect Burst');
		if (!collect) throw new Error('the template has no Collect Burst');
		collect.parameters.quietTimeSeconds = 1;
		const posts = [post('w1', 'hola', 0), post('w2', '¿A qué hora abren el sábado?', 1), post('w3', 'y necesito la factura de mi compra', 2)];
		const runs = await Promise.all(posts.map((item) => engine.run(prepared, { startNode: 'Web Chat Webhook', items: [item] })));
		for (const run of runs) expect(run.error).toBeUndefined();

		const replies = runs.flatMap((run) => run.outputs['Reply Channel: Web Chat']?.[0] ?? []);
		expect(replies.map((item) => item.json.ticketId)).toEqual(['w3']);
		const answered = replies[0].json as Json;
		expect(answered.message.text).toBe('hola\n¿A qué hora abren el sábado?\ny necesito la factura de mi compra');
		expect(answered.message.parts.map((p: Json) => p.id)).toEqual(['w1', 'w2', 'w3']);
		expect(answered.route.tier).toBe('L1');
		expect(answered.knowledge.parts.filter((p: Json) => p.answered).map((p: Json) => p.bestId)).toEqual(['hours_locations', 'get_invoice']);
		expect(answered.reply.text).toContain(answered.knowledge.answer.split('\n\n')[0].slice(0, 40));
		expect(answered.reply.text).toContain(answered.knowledge.answer.split('\n\n')[1].slice(0, 40));

		const joined = runs.flatMap((run) => run.outputs['Joined Into A Later Message']?.[0] ?? []);
		expect(joined.map((item) => [item.json.ticketId, (item.json.burst as Json).joinedInto])).toEqual(
			expect.arrayContaining([
				['w1', 'w3'],
				['w2', 'w3'],
			]),
		);
		expect(joined).toHaveLength(2);

		// One customer turn in the conversation, with the three messages.
		const store = memoryBackend(prepared.memoryStores[0]);
		const [record] = await store.listSince(0, '', 10);
		expect(record.turns.filter((turn) => turn.role === 'customer').map((turn) => turn.text)).toEqual([answered.message.text]);
	});

	describe("a request's own quiet time (quietTime in the body)", () => {
		// The engine replays without waiting (quiet time 0): give the prepared node its wait back.
		const prepared = (store: string, fromBody: boolean) => {
			const ready = engine.prepare(collectOnly(store, { quietTimeFromBody: fromBody }));
			(ready.workflow.getNode('Collect Burst') as { parameters: Json }).parameters.quietTimeSeconds = 0.05;
			return ready;
		};
		const noWait = (ticketId: string, text: string, seconds: number) => {
			const item = post(ticketId, text, seconds);
			return { ...item, body: { ...item.body, sessionId: 'widget-quiet', quietTime: 0 } };
		};

		it('lets each message go on alone when Let the Request Shorten It is on', async () => {
			const run = await engine.run(prepared('bursts-quiet-on', true), { items: [noWait('q1', 'hola', 0), noWait('q2', '¿y el envío?', 0.01)] });
			expect(run.error).toBeUndefined();
			const [last, joined] = run.outputs['Collect Burst'];
			expect(last.map((item) => [item.json.ticketId, (item.json.message as Json).text])).toEqual([
				['q1', 'hola'],
				['q2', '¿y el envío?'],
			]);
			expect(joined).toEqual([]);
		});

		it('ignores it when the option is off: the two messages are answered as one', async () => {
			const run = await engine.run(prepared('bursts-quiet-off', false), { items: [noWait('q1', 'hola', 0), noWait('q2', '¿y el envío?', 0.01)] });
			expect(run.error).toBeUndefined();
			const [last, joined] = run.outputs['Collect Burst'];
			expect(last.map((item) => [item.json.ticketId, (item.json.message as Json).text])).toEqual([['q2', 'hola\n¿y el envío?']]);
			expect(joined.map((item) => item.json.ticketId)).toEqual(['q1']);
		});
	});

	describe('a message whose time is not a date', () => {
		const store = 'bursts-bad-time';
		// A short wait: the good message must really be gathered, not passed on alone.
		const collect = (extra: Json = {}) => collectOnly(store, {}, extra);
		const good = post('t1', 'hola', 0);
		const bad = { headers: {}, body: { ...post('t2', '¿y el envío?', 1).body, sessionId: 'widget-8', created_at: 'ayer por la tarde' } };

		it('fails that item, by its index, naming message.receivedAt', async () => {
			const run = await engine.run(collect(), { items: [good, bad] });
			expect(run.error?.node).toBe('Collect Burst');
			expect(run.error?.message).toBe('message.receivedAt: "ayer por la tarde" is not a valid date-time');
			const failure = run.runData['Collect Burst'][0].error as unknown as { name: string; context: { itemIndex?: number } };
			expect(failure.name).toBe('NodeOperationError');
			expect(failure.context.itemIndex).toBe(1);
		});

		it('with continueOnFail, sends it on with its error and gathers the others', async () => {
			const run = await engine.run(collect({ onError: 'continueRegularOutput' }), { items: [good, bad] });
			expect(run.error).toBeUndefined();
			const [last, joined] = run.outputs['Collect Burst'];
			expect(joined).toEqual([]);
			expect(last.map((item) => [item.json.ticketId ?? (item.json.body as Json)?.ticketId, item.pairedItem])).toEqual([
				['t1', { item: 0 }],
				['t2', { item: 1 }],
			]);
			expect(last[0].json.error).toBeUndefined();
			expect(last[1].json.error).toBe('message.receivedAt: "ayer por la tarde" is not a valid date-time');
			// The good message was recorded and settled as a burst of its own: nothing of it stays behind.
			expect(await memoryBackend(store).transactBurst('webchat:widget-7', (current) => ({ save: current ?? null, result: current }))).toBeUndefined();
		});
	});
});
