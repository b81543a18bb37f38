import * as path from 'path';
import { ConversationStore } from '../../nodes/ConversationStore/ConversationStore.node';
import { conversationStoreProperties } from '../../nodes/ConversationStore/description';
import { DEFAULT_CONVERSATION_POLICY, dropMemoryBackend, memoryBackend } from '../../nodes/shared/conversation';
import { createEngine, type Engine } from '../../simulator/engine';

/**
 * A conversation over several messages on n8n-core's WorkflowExecute, one execution per message as in
 * live use: Load → Off-Hours Greeter → Support Triage → Knowledge Lookup → Escalation Router → Append.
 */
const P = 'n8n-nodes-support247';
const kbFile = path.join(__dirname, '../fixtures/kb-store.json');
const hours = { timeZone: 'America/Mexico_City', hours_monday: '09:00-18:00', hours_tuesday: '09:00-18:00', hours_wednesday: '09:00-18:00', hours_thursday: '09:00-18:00', hours_friday: '09:00-18:00', hours_saturday: '10:00-14:00', hours_sunday: '', calendarOptions: { holidayCountry: 'MX' } };

function node(name: string, type: string, parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
	return { id: name, name, type, typeVersion: 1, position: [0, 0], parameters, ...extra };
}
const to = (...targets: string[]) => targets.map((n) => [{ node: n, type: 'main', index: 0 }]);

function pipeline(store: string) {
	const backend = { backend: 'memory', memoryName: store };
	return {
		name: 'conversation',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger'),
			node('Load', `${P}.conversationStore`, { operation: 'load', ...backend }),
			node('Greeter', `${P}.offHoursGreeter`, { ...hours, businessName: 'Tienda Sol' }),
			node('Triage', `${P}.supportTriage`, { knowledgeSource: 'file', knowledgeFile: kbFile }),
			node('Lookup', `${P}.knowledgeLookup`, { knowledgeSource: 'file', knowledgeFile: kbFile }),
			node('Router', `${P}.escalationRouter`),
			node('Append', `${P}.conversationStore`, { operation: 'append', ...backend }),
		],
		connections: {
			Start: { main: to('Load') },
			Load: { main: to('Greeter') },
			Greeter: { main: to('Triage', 'Triage') },
			Triage: { main: to('Lookup') },
			Lookup: { main: to('Router', 'Router') },
			Router: { main: to('Append', 'Append', 'Append', 'Append') },
		},
	};
}

function action(store: string, operation: 'takeOver' | 'release', person: string) {
	return {
		name: operation,
		nodes: [node('Start', 'n8n-nodes-base.manualTrigger'), node('Store', `${P}.conversationStore`, { operation, person, backend: 'memory', memoryName: store })],
		connections: { Start: { main: to('Store') } },
	};
}

const PHONE = '+5215512345678';
const message = (id: string, text: string, receivedAt: string) => ({
	ticketId: id,
	channel: 'whatsapp',
	customer: { name: 'Lucía Pérez', phone: PHONE, language: 'es' },
	message: { id, text, receivedAt },
});

type Json = Record<string, any>;

describe('Conversation Store on the engine: a conversation over several messages', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createEngine({ extraNodeTypes: { [`${P}.conversationStore`]: new ConversationStore() } });
	});

	async function send(store: string, id: string, text: string, at: string): Promise<Json> {
		const res = await engine.run(pipeline(store), { items: [message(id, text, at)] });
		expect(res.error).toBeUndefined();
		const appended = res.outputs.Append[0];
		expect(appended).toHaveLength(1);
		return appended[0].json as Json;
	}

	it('greets once, remembers the turns, escalates repeated failure, stays silent while a person has it, and answers again after release', async () => {
		const store = 'three-turns';
		dropMemoryBackend(store);
		// Thursday night, closed: first contact.
		const first = await send(store, 'wa-1', '¿a q hora abren el sabado?', '2026-03-05T23:00:00-06:00');
		expect(first.hours).toMatchObject({ open: false, greet: true });
		expect(first.route.tier).toBe('L1');
		expect(first.reply.text).toBeTruthy();
		expect(first.conversation).toMatchObject({ identities: [`whatsapp:${PHONE}`], unresolvedAiTurns: 0, greeted: false, takeover: null, appended: { stored: 2, duplicates: 0 } });

		const second = await send(store, 'wa-2', '¿cuánto cuesta el envío?', '2026-03-05T23:05:00-06:00');
		expect(second.hours.greet).toBe(false);
		expect(second.conversation).toMatchObject({ id: first.conversation.id, greeted: true, unresolvedAiTurns: 1 });
		expect(second.history.map((t: Json) => [t.role, t.text])).toEqual([
			['customer', '¿a q hora abren el sabado?'],
			['ai', first.reply.text],
		]);
		expect(second.route.tier).toBe('L1');

		// A third message after two AI answers: the repeated-failure rule hands it to a person.
		const third = await send(store, 'wa-3', '¿aceptan PayPal?', '2026-03-05T23:10:00-06:00');
		expect(third.conversation.unresolvedAiTurns).toBe(2);
		expect(third.route).toMatchObject({ tier: 'L3', rules: expect.arrayContaining(['repeatedFailure']) });
		expect(third.hours.greet).toBe(false);

		const taken = await engine.run(action(store, 'takeOver', 'agent-ana'), { items: [message('wa-3', '', '2026-03-05T23:12:00-06:00')] });
		expect(taken.error).toBeUndefined();
		expect((taken.outputs.Store[0][0].json as Json).conversation.takeover).toEqual({ by: 'agent-ana', since: '2026-03-05T23:12:00-06:00' });

		const during = await send(store, 'wa-4', '¿a q hora abren el sabado?', '2026-03-05T23:15:00-06:00');
		expect(during.conversation.takeover).toEqual({ by: 'agent-ana', since: '2026-03-05T23:12:00-06:00' });
		expect(during.route).toMatchObject({ tier: 'L3', reasons: expect.arrayContaining(['taken over by a person']), handoff: { assignee: 'agent-ana' } });
		expect(during.route.reasons[0]).toBe('taken over by a person');
		expect(during.reply).toBeUndefined();
		expect(during.hours.greet).toBe(false);
		expect(during.conversation.appended).toEqual({ stored: 1, duplicates: 0 });

		await engine.run(action(store, 'release', 'agent-ana'), { items: [message('wa-4', '', '2026-03-05T23:20:00-06:00')] });
		const after = await send(store, 'wa-5', '¿a q hora abren el sabado?', '2026-03-05T23:25:00-06:00');
		expect(after.conversation.takeover).toBeNull();
		expect(after.conversation.unresolvedAiTurns).toBe(0);
		expect(after.route.tier).toBe('L1');
		expect(after.reply.text).toBeTruthy();
		expect(after.hours.greet).toBe(false);

		const turns = after.conversation.turns as Json[];
		expect(turns.map((t) => `${t.role}:${t.id}`)).toEqual(['customer:wa-1', 'ai:wa-1:ai', 'customer:wa-2', 'ai:wa-2:ai', 'customer:wa-3', 'ai:wa-3:ai', 'customer:wa-4']);
		expect(turns[5].handoff).toBe(true);
	});

	it('stores a redelivered message once', async () => {
		const store = 'redelivery';
		dropMemoryBackend(store);
		await send(store, 'wa-1', '¿a q hora abren el sabado?', '2026-03-05T12:00:00-06:00');
		const again = await send(store, 'wa-1', '¿a q hora abren el sabado?', '2026-03-05T12:00:00-06:00');
		expect(again.conversation.appended).toEqual({ stored: 0, duplicates: 2 });
		expect(again.conversation.turns).toHaveLength(2);
	});

	it('loses no turn when two messages of one customer run in two executions at once', async () => {
		const store = 'simultaneous';
		dropMemoryBackend(store);
		const runs = await Promise.all(
			['wa-a', 'wa-b', 'wa-c', 'wa-d'].map((id, i) => engine.run(pipeline(store), { items: [message(id, '¿a q hora abren el sabado?', `2026-03-05T12:00:0${i}-06:00`)] })),
		);
		for (const res of runs) expect(res.error).toBeUndefined();
		const after = await send(store, 'wa-e', '¿a q hora abren el sabado?', '2026-03-05T12:01:00-06:00');
		// What the next message's Load found: every one of the four simultaneous messages.
		const customerTurns = (after.conversation.turns as Json[]).filter((t) => t.role === 'customer').map((t) => t.id);
		expect(customerTurns).toEqual(['wa-a', 'wa-b', 'wa-c', 'wa-d']);
	});

	it('knows a web chat customer by the widget session of a Webhook payload, and not by the email they type', async () => {
		const store = 'webchat';
		dropMemoryBackend(store);
		await send(store, 'wa-1', '¿a q hora abren el sabado?', '2026-03-05T12:00:00-06:00');
		const webhook = (id: string, sessionId: string, text: string, created_at: string) => ({ headers: {}, body: { id, sessionId, text, created_at, email: 'lucia@example.com', phone: PHONE } });
		const run = async (item: Json) => {
			const res = await engine.run(pipeline(store), { items: [item] });
			expect(res.error).toBeUndefined();
			return res.outputs.Append[0][0].json as Json;
		};
		const first = await run(webhook('web-1', 'sess-1', '¿a q hora abren el sabado?', '2026-03-05T12:05:00-06:00'));
		expect(first.conversation).toMatchObject({ identities: ['webchat:sess-1'], turns: [] });
		expect(first.conversation.claims.map((c: Json) => c.kind).sort()).toEqual(['email', 'phone']);
		const second = await run(webhook('web-2', 'sess-1', '¿cuánto cuesta el envío?', '2026-03-05T12:06:00-06:00'));
		expect(second.conversation.id).toBe(first.conversation.id);
		expect(second.history.map((t: Json) => t.role)).toEqual(['customer', 'ai']);
	});

	it('hands an idle takeover back to the bot after the idle time', async () => {
		const store = 'idle';
		dropMemoryBackend(store);
		await send(store, 'wa-1', '¿a q hora abren el sabado?', '2026-03-05T12:00:00-06:00');
		await engine.run(action(store, 'takeOver', 'agent-ana'), { items: [message('wa-1', '', '2026-03-05T12:01:00-06:00')] });
		const later = await send(store, 'wa-2', '¿a q hora abren el sabado?', '2026-03-05T13:30:00-06:00');
		expect(later.conversation.takeover).toBeNull();
		expect(later.conversation.released).toMatchObject({ reason: 'idle', at: '2026-03-05T13:01:00.000-06:00' });
		expect(later.route.tier).toBe('L1');
	});

	it('never drops a ticket when the database goes away mid-run: it reaches a person, and its turns are written once the database is back', async () => {
		const store = 'outage';
		dropMemoryBackend(store);
		await send(store, 'wa-1', '¿a q hora abren el sabado?', '2026-03-05T12:00:00-06:00');
		memoryBackend(store).setOutage('connect ECONNREFUSED 127.0.0.1:5432');
		const down = await send(store, 'wa-2', '¿a q hora abren el sabado?', '2026-03-05T12:05:00-06:00');
		expect(down.conversation).toMatchObject({ unavailable: true, appended: { pending: true } });
		expect(down.route).toMatchObject({ tier: 'L3', reasons: expect.arrayContaining(['conversation store unavailable: takeover state unknown']) });
		expect(down.reply).toBeUndefined();
		memoryBackend(store).setOutage(undefined);
		const back = await send(store, 'wa-3', '¿a q hora abren el sabado?', '2026-03-05T12:10:00-06:00');
		expect(back.conversation.unavailable).toBeUndefined();
		expect(back.history.map((t: Json) => `${t.role}:${t.text}`)).toEqual([
			'customer:¿a q hora abren el sabado?',
			expect.stringMatching(/^ai:/),
			'customer:¿a q hora abren el sabado?',
		]);
	});

	it('treats a database slower than the timeout as unreachable', async () => {
		const store = 'slow';
		dropMemoryBackend(store);
		memoryBackend(store).setDelay(400);
		const wf = pipeline(store);
		wf.nodes = wf.nodes.map((n) => (n.name === 'Load' ? { ...n, parameters: { ...n.parameters, options: { timeoutMs: 50 } } } : n));
		const res = await engine.run(wf, { items: [message('wa-1', '¿a q hora abren el sabado?', '2026-03-05T12:00:00-06:00')] });
		expect(res.error).toBeUndefined();
		const routed = res.outputs.Router[2][0].json as Json;
		expect(routed.conversation).toMatchObject({ unavailable: true, error: expect.stringContaining('no answer within 50 ms') });
		memoryBackend(store).setDelay(0);
	});

	it('names the bad field, or passes the error on with Continue On Fail', async () => {
		const bad = { ticketId: 'x', channel: 'whatsapp', customer: { phone: PHONE }, message: { text: 'hola', receivedAt: 'not a date' } };
		const wf = pipeline('bad');
		const res = await engine.run(wf, { items: [bad] });
		expect(res.error).toEqual({ node: 'Load', message: expect.stringContaining('message.receivedAt') });
		const lenient = { ...wf, nodes: wf.nodes.map((n) => (n.name === 'Load' ? { ...n, onError: 'continueRegularOutput' } : n)) };
		const res2 = await engine.run(lenient, { items: [bad] });
		expect(res2.outputs.Load[0][0]).toMatchObject({ json: { error: expect.stringContaining('message.receivedAt') }, pairedItem: { item: 0 } });
	});

	it('shows the domain defaults in the editor', () => {
		const options = conversationStoreProperties.find((p) => p.name === 'options')?.options as Array<{ name: string; default: unknown }>;
		const defaults = Object.fromEntries(options.map((o) => [o.name, o.default]));
		for (const key of ['maxTurns', 'takeoverIdleMinutes', 'episodeGapHours', 'retentionDays'] as const) expect(defaults[key]).toBe(DEFAULT_CONVERSATION_POLICY[key]);
	});
});
