import { ConversationStore } from '../../nodes/ConversationStore/ConversationStore.node';
import { SupportCsat } from '../../nodes/SupportCsat/SupportCsat.node';
import { SupportOutreach } from '../../nodes/SupportOutreach/SupportOutreach.node';
import { appendToConversation, dropMemoryBackend, memoryBackend, resolveConversationPolicy, takeOverConversation, type ConversationRecord } from '../../nodes/shared/conversation';
import { createEngine, type Engine, type RunResult } from '../../simulator/engine';
import { caseTicket } from '../helpers/report-fixture';

// The templates as users import them; the store nodes run from source, so this test can read their memory store.
const generator = require('../../workflows/src/build-templates.js') as { render(slug: string): string };
const P = 'n8n-nodes-support247';
const STORE_TYPES = new Set([`${P}.conversationStore`, `${P}.supportCsat`, `${P}.supportOutreach`]);

function template(slug: string, store: string, now: Record<string, string> = {}) {
	const workflow = JSON.parse(generator.render(slug));
	for (const node of workflow.nodes) {
		if (!STORE_TYPES.has(node.type)) continue;
		node.parameters = { ...node.parameters, backend: 'memory', memoryName: store };
		delete node.parameters.databaseFile;
		if (now[node.name]) node.parameters.options = { ...(node.parameters.options ?? {}), now: now[node.name] };
	}
	return workflow;
}

async function records(store: string): Promise<ConversationRecord[]> {
	const backend = memoryBackend(store);
	const found: ConversationRecord[] = [];
	for await (const record of (await import('../../nodes/shared/conversation')).conversationsSince(backend, 0)) found.push(record);
	return found;
}

const sent = (result: RunResult, node: string) => result.captured.filter((c) => c.node === node).map((c) => c.json as Record<string, any>);

let engine: Engine;
beforeAll(async () => {
	engine = await createEngine({
		extraNodeTypes: { [`${P}.conversationStore`]: new ConversationStore(), [`${P}.supportCsat`]: new SupportCsat(), [`${P}.supportOutreach`]: new SupportOutreach() },
	});
});

describe('support-247-tiered: CSAT after a resolved case, and a low score reopened to a person', () => {
	const STORE = 'csat-template';
	afterAll(() => dropMemoryBackend(STORE));
	// Wednesday 2026-03-04 in Mexico City.
	const T0 = '2026-03-04T11:00:00-06:00';
	const ana = { name: 'Ana', language: 'es', phone: '+5215512345678' };
	const run = (workflow: unknown, startNode: string, items: unknown[]) => engine.run(workflow, { startNode, items: items as never });

	it('asks once on each channel, reads the answers, thanks a 5 and hands a 1 to the human queue as csat_low', async () => {
		const workflow = engine.prepare(template('support-247-tiered', STORE));
		const first = await run(workflow, 'WhatsApp Trigger', [{ ticketId: 'w1', channel: 'whatsapp', customer: ana, message: { id: 'w1', text: '¿Cuánto tarda el envío a Guadalajara?', receivedAt: T0 } }]);
		expect(first.error).toBeUndefined();
		expect(sent(first, 'Reply Channel: WhatsApp')).toHaveLength(1);
		const chat = await run(workflow, 'Web Chat Webhook', [{ ticketId: 'c1', channel: 'webchat', sessionId: 'sess-1', customer: { name: 'Kim', language: 'en' }, message: { id: 'c1', text: 'What are your opening hours on Saturday?', receivedAt: T0 } }]);
		expect(chat.error).toBeUndefined();
		const mail = await run(workflow, 'Support Inbox Trigger', [{ ticketId: 'e1', channel: 'email', customer: { name: 'João', language: 'pt', email: 'joao@example.com' }, message: { id: 'e1', text: 'Quais formas de pagamento vocês aceitam?', subject: 'Pagamento', receivedAt: T0 } }]);
		expect(mail.error).toBeUndefined();

		// 20 minutes on, the conversations are not quiet long enough; at 40 each gets its question, once.
		const sweep = (now: string) => run(engine.prepare(template('support-247-tiered', STORE, { 'Find Resolved Conversations': now })), 'Every 10 Minutes', [{}]);
		const early = await sweep('2026-03-04T11:20:00-06:00');
		expect(early.captured).toEqual([]);
		const asked = await sweep('2026-03-04T11:40:00-06:00');
		expect(asked.error).toBeUndefined();
		const [wa] = sent(asked, 'CSAT Question: WhatsApp');
		expect(wa.customer).toMatchObject({ phone: '+5215512345678', name: 'Ana' });
		expect(wa.reply.language).toBe('es');
		expect(wa.reply.text).toContain('Ana');
		expect(wa.reply.choices.map((c: { id: string }) => c.id)).toEqual(['csat_1', 'csat_2', 'csat_3', 'csat_4', 'csat_5']);
		const [web] = sent(asked, 'CSAT Question: Web Chat');
		expect(web).toMatchObject({ sessionId: 'sess-1', reply: { language: 'en' } });
		expect(web.reply.options).toHaveLength(5);
		const [email] = sent(asked, 'CSAT Question: Email');
		expect(email.customer.email).toBe('joao@example.com');
		expect(email.reply.language).toBe('pt');
		const links = [...String(email.reply.text).matchAll(/csat\?t=([^&\s]+)&s=(\d)/g)].map((m) => [decodeURIComponent(m[1]), m[2]]);
		expect(links.map(([, s]) => s)).toEqual(['1', '2', '3', '4', '5']);
		expect((await sweep('2026-03-04T11:50:00-06:00')).captured).toEqual([]);

		// Ana taps 1 on the WhatsApp list: stored, reopened to a person, never seen by triage.
		const low = await run(workflow, 'WhatsApp Trigger', [{ ticketId: 'w2', channel: 'whatsapp', customer: ana, message: { id: 'w2', text: '1 · Muy malo', receivedAt: '2026-03-04T11:45:00-06:00' } }]);
		expect(low.error).toBeUndefined();
		expect(low.outputs['Escalation Router']).toBeUndefined();
		const [queued] = sent(low, 'Human Queue');
		expect(queued.route).toMatchObject({ tier: 'L3', reasons: ['csat_low'] });
		expect(queued.route.handoff.summary).toContain('Guadalajara');
		expect(sent(low, 'Notify Agents')).toHaveLength(1);
		const [sorry] = sent(low, 'Reply Channel: WhatsApp');
		expect(sorry.reply.text).toMatch(/persona/);

		// Kim presses 5: thanked, nobody paged.
		const good = await run(workflow, 'Web Chat Webhook', [{ ticketId: 'c2', channel: 'webchat', sessionId: 'sess-1', customer: { name: 'Kim', language: 'en' }, message: { id: 'c2', text: 'csat_5', receivedAt: '2026-03-04T11:46:00-06:00' } }]);
		expect(good.error).toBeUndefined();
		expect(sent(good, 'Human Queue')).toEqual([]);
		expect(sent(good, 'Reply Channel: Web Chat')[0].reply.text).toBe('Thanks for your rating Kim!');

		// João clicks the "2" link in the email: a page, and the case reopened.
		const [t] = links[1];
		const clicks = engine.prepare(template('support-247-tiered', STORE, { 'CSAT Link Answer': '2026-03-04T12:30:00-06:00' }));
		const click = await run(clicks, 'CSAT Link', [{ headers: {}, params: {}, query: { t, s: '2' }, body: {} }]);
		expect(click.error).toBeUndefined();
		expect(String(sent(click, 'CSAT Thanks Page')[0].reply.text)).toMatch(/pessoa/);
		expect(sent(click, 'Human Queue')[0].route.reasons).toEqual(['csat_low']);
		const again = await run(clicks, 'CSAT Link', [{ headers: {}, params: {}, query: { t, s: '5' }, body: {} }]);
		expect(sent(again, 'CSAT Thanks Page')[0].reply).toBeUndefined();
		expect(sent(again, 'Human Queue')).toEqual([]);

		const stored = await records(STORE);
		const scores = stored.flatMap((r) => (r.csat ?? []).map((a) => [a.channel, a.score, a.resolver])).sort();
		expect(scores).toEqual([
			['email', 2, 'ai'],
			['webchat', 5, 'ai'],
			['whatsapp', 1, 'ai'],
		]);
		// The reopened WhatsApp case is in a person's hands now.
		expect(stored.find((r) => r.identities['whatsapp:+5215512345678'])?.takeover?.by).toBe('support team');
	});
});

describe('morning-follow-up on the engine', () => {
	const STORE = 'follow-up-template';
	const options = { policy: resolveConversationPolicy() };
	afterAll(() => dropMemoryBackend(STORE));

	beforeAll(async () => {
		const backend = memoryBackend(STORE);
		const put = (ticket: ReturnType<typeof caseTicket>) => appendToConversation(backend, ticket, { replyRole: 'ai', includeCustomerTurn: true }, options);
		const night = '2026-03-09T23:10:00-06:00';
		// Escalated at night, nobody answered: the morning queue.
		await put(caseTicket({ id: 'esc', who: { channel: 'email', customer: { email: 'bob@example.com', name: 'Bob Stone' } }, at: night, text: 'I was charged twice for order 5512', tier: 'L3', rules: ['lowConfidence'], reasons: ['low confidence'], language: 'en', open: false, reply: 'A person will answer you.' }));
		// Left unresolved by the AI (no answer went out): a follow-up to the customer.
		await put(caseTicket({ id: 'open', who: { channel: 'whatsapp', customer: { phone: '+5215500000002', name: 'Lucía' } }, at: '2026-03-10T01:30:00-06:00', text: '¿Tienen la talla 42 en azul?', tier: 'L1', rules: ['x'], reasons: ['x'], language: 'es', answered: false, open: false }));
		// Escalated too, but a person took it over: left alone.
		const held = { channel: 'whatsapp', customer: { phone: '+5215500000003', name: 'Rui' } };
		await put(caseTicket({ id: 'held', who: held, at: night, text: 'Quero cancelar', tier: 'L3', rules: ['humanRequested'], reasons: ['asked for a person'], language: 'pt', open: false, reply: 'Uma pessoa vai responder.' }));
		await takeOverConversation(backend, caseTicket({ id: 'take', who: held, at: '2026-03-09T23:30:00-06:00', text: '' }), 'night-shift', options);
		// Answered by the AI in the evening: nothing to follow up.
		await put(caseTicket({ id: 'fine', who: { channel: 'webchat', sessionId: 's-9', customer: {} }, at: '2026-03-09T20:00:00-06:00', text: 'opening hours?', tier: 'L1', rules: ['knowledgeAnswer'], reasons: ['k'], language: 'en', answered: true, open: false, reply: '9 to 6.' }));
	});

	const at = (now: string) => engine.run(template('morning-follow-up', STORE, { "Last Night's Conversations": now }), { startNode: 'Every 15 Minutes', items: [{}] });

	it('acts only in the first hour after opening (Tuesday 09:00 in Mexico City), each case once, never during a takeover', async () => {
		expect((await at('2026-03-10T08:45:00-06:00')).captured).toEqual([]);
		expect((await at('2026-03-10T10:15:00-06:00')).captured).toEqual([]);

		const morning = await at('2026-03-10T09:05:00-06:00');
		expect(morning.error).toBeUndefined();
		const [toLucia] = sent(morning, 'Follow-Up: WhatsApp');
		expect(toLucia.customer).toMatchObject({ phone: '+5215500000002', name: 'Lucía' });
		expect(toLucia.reply.language).toBe('es');
		expect(toLucia.reply.text).toContain('Lucía');
		expect(toLucia.reply.text).toContain('talla 42');
		expect(toLucia.reply.text.toLowerCase()).toContain('anoche');
		const [queued] = sent(morning, 'Morning Queue');
		expect(queued).toMatchObject({ customer: { email: 'bob@example.com' }, route: { reasons: ['follow_up'], handoff: { queue: 'morning' } } });
		expect(queued.route.handoff.summary).toContain('charged twice');
		expect(queued.route.handoff.draft).toMatch(/^(Good morning|Hi) Bob/);
		expect(sent(morning, 'Notify Morning Shift')).toHaveLength(1);
		const everyone = morning.captured.map((c) => String(c.json.ticketId));
		expect(everyone.some((id) => id.includes('held') || id.includes('fine'))).toBe(false);
		expect(morning.captured).toHaveLength(3);

		expect((await at('2026-03-10T09:20:00-06:00')).captured).toEqual([]);
	});
});
