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

/**
 * The CSAT question and the follow-up on the channels a business already has: the v2 routers send each case
 * by the node of its channel, with the 24-hour window measured from the customer's last message (`message.receivedAt`)
 * to the run (`reply.at`). What n8n's own WhatsApp and Telegram nodes then send is asserted in a real n8n
 * (test/e2e/outreach-templates.e2e.test.ts); here, which node and which request body.
 */
describe('outreach on the official channels', () => {
	const PHONE_NUMBER_ID = '106540352242922';
	const cloud = (phone: string, name: string) => ({ channel: 'whatsapp', customer: { phone, name }, whatsappCloud: { waId: phone.slice(1), phoneNumberId: PHONE_NUMBER_ID } });
	const meta = (channel: 'messenger' | 'instagram', id: string, name: string) => ({ channel, customer: { id, name }, meta: { senderId: id, recipientId: '106540000000001' } });
	const telegram = (id: string, name: string) => ({ channel: 'telegram', customer: { id, name }, telegram: { chatId: id } });
	const policy = { policy: resolveConversationPolicy() };
	type Json = Record<string, any>;
	const nodesOf = (result: RunResult, prefix: string) => result.captured.filter((c) => c.node.startsWith(prefix)).map((c) => [c.node, c.json.customer?.name ?? c.json.customer?.phone]);
	const one = (result: RunResult, node: string, who: string) => {
		const found = sent(result, node).filter((j) => j.customer?.name === who);
		expect(found).toHaveLength(1);
		return found[0] as Json;
	};

	describe('support-247-tiered: CSAT Question Route', () => {
		const STORE = 'csat-official';
		// Thursday 2026-03-05 12:00 in Mexico City; "late" customers wrote 25 hours earlier.
		const NOW = '2026-03-05T12:00:00-06:00';
		const RECENT = '2026-03-05T11:20:00-06:00';
		const LATE = '2026-03-04T11:00:00-06:00';
		afterAll(() => dropMemoryBackend(STORE));
		let asked: RunResult;

		beforeAll(async () => {
			const backend = memoryBackend(STORE);
			const resolved = (id: string, who: Record<string, unknown>, at: string, language: string) =>
				appendToConversation(backend, caseTicket({ id, who: who as never, at, text: 'What are your opening hours on Saturday?', tier: 'L1', rules: ['knowledgeAnswer'], reasons: ['k'], language, answered: true, open: true, reply: '10 to 2.' }), { replyRole: 'ai', includeCustomerTurn: true }, policy);
			await resolved('wa-in', cloud('+5215512345678', 'María'), RECENT, 'es');
			await resolved('wa-late', cloud('+5215587654321', 'Pedro'), LATE, 'es');
			await resolved('ms-in', meta('messenger', '6543210987654321', 'Kim'), RECENT, 'en');
			await resolved('ms-late', meta('messenger', '6543210987650000', 'Lee'), LATE, 'en');
			await resolved('ig-in', meta('instagram', '1234567890123456', 'Bia'), RECENT, 'pt');
			await resolved('ig-late', meta('instagram', '1234567890120000', 'Rui'), LATE, 'pt');
			await resolved('tg-late', telegram('123456789', 'Ivan'), LATE, 'en');
			asked = await engine.run(engine.prepare(template('support-247-tiered', STORE, { 'Find Resolved Conversations': NOW })), { startNode: 'Every 10 Minutes', items: [{}] });
			expect(asked.error).toBeUndefined();
		});

		it('leaves each case by the node of its channel and window, none twice, none dropped', () => {
			expect(nodesOf(asked, 'CSAT Question:').sort()).toEqual([
				['CSAT Question: Instagram', 'Bia'],
				['CSAT Question: Messenger', 'Kim'],
				['CSAT Question: Telegram', 'Ivan'],
				['CSAT Question: WhatsApp Cloud', 'María'],
				['CSAT Question: WhatsApp Template', 'Pedro'],
				['CSAT Question: Window Closed', 'Lee'],
				['CSAT Question: Window Closed', 'Rui'],
			]);
			expect(asked.outputs['CSAT Question: Other']).toBeUndefined();
		});

		it('WhatsApp Cloud within 24 hours: the list of five from the number the customer wrote to', () => {
			const { outbound } = one(asked, 'CSAT Question: WhatsApp Cloud', 'María');
			expect(outbound).toMatchObject({ route: 'whatsapp-cloud', from: PHONE_NUMBER_ID, to: '5215512345678', window: { open: true } });
			expect(outbound.body).toMatchObject({ messaging_product: 'whatsapp', to: '5215512345678', type: 'interactive', interactive: { type: 'list', action: { button: 'Calificar' } } });
			expect(outbound.body.interactive.body.text).toContain('María');
			expect(outbound.body.interactive.action.sections[0].rows.map((r: Json) => r.id)).toEqual(['csat_1', 'csat_2', 'csat_3', 'csat_4', 'csat_5']);
		});

		it('WhatsApp Cloud after 24 hours: the approved csat_question template in the customer\'s language, the question as {{1}}', () => {
			const item = one(asked, 'CSAT Question: WhatsApp Template', 'Pedro');
			expect(item.outbound).toMatchObject({ route: 'whatsapp-cloud-template', from: PHONE_NUMBER_ID, to: '5215587654321', window: { open: false }, template: { name: 'csat_question', language: 'es_MX' } });
			expect(item.outbound.body).toEqual({
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: '5215587654321',
				type: 'template',
				template: { name: 'csat_question', language: { code: 'es_MX' }, components: [{ type: 'body', parameters: [{ type: 'text', text: item.reply.text }] }] },
			});
			expect(item.reply.text).toContain('Pedro');
			// A template parameter may hold no line break (the Cloud API refuses it).
			expect(item.reply.text).not.toContain('\n');
		});

		it.each([
			['Messenger', 'Kim', '6543210987654321'],
			['Instagram', 'Bia', '1234567890123456'],
		])('%s within 24 hours: a Send API RESPONSE with the five scores as quick replies', (channel, who, id) => {
			const { outbound } = one(asked, `CSAT Question: ${channel}`, who);
			expect(outbound.body).toMatchObject({ recipient: { id }, messaging_type: 'RESPONSE' });
			expect(outbound.body.tag).toBeUndefined();
			expect(outbound.body.message.quick_replies.map((q: Json) => q.payload)).toEqual(['csat_1', 'csat_2', 'csat_3', 'csat_4', 'csat_5']);
		});

		it.each([
			['Lee', 'messenger'],
			['Rui', 'instagram'],
		])('%s on %s after 24 hours: nothing to Meta, the team is told the case was not asked', (who, channel) => {
			const item = one(asked, 'CSAT Question: Window Closed', who);
			expect(item.outbound).toMatchObject({ route: 'window-closed', channel, closed: { reason: 'automated_reply' }, window: { open: false } });
			expect(item.outbound.body).toBeUndefined();
			expect(item.outreach).toMatchObject({ purpose: 'csat', customerText: 'What are your opening hours on Saturday?' });
		});

		it('Telegram a day later all the same (no window), with the five scores for the keyboard', () => {
			const item = one(asked, 'CSAT Question: Telegram', 'Ivan');
			expect(item.outbound).toMatchObject({ route: 'telegram', to: '123456789' });
			// The Telegram node builds its inline keyboard from reply.options (titles) and sends csat_1 … csat_5 back.
			expect(item.reply.options.map((o: Json) => o.id)).toEqual(['csat_1', 'csat_2', 'csat_3', 'csat_4', 'csat_5']);
			expect(item.outbound.body.reply_markup.inline_keyboard).toHaveLength(5);
		});

		it('asks nobody twice', async () => {
			const again = await engine.run(engine.prepare(template('support-247-tiered', STORE, { 'Find Resolved Conversations': '2026-03-05T12:10:00-06:00' })), { startNode: 'Every 10 Minutes', items: [{}] });
			expect(again.captured).toEqual([]);
		});
	});

	describe('morning-follow-up: Follow-Up Route', () => {
		const STORE = 'follow-up-official';
		// Monday 2026-03-09, 09:05 in Mexico City: the night runs from Saturday's 14:00 close.
		const NOW = '2026-03-09T09:05:00-06:00';
		afterAll(() => dropMemoryBackend(STORE));
		let morning: RunResult;

		beforeAll(async () => {
			const backend = memoryBackend(STORE);
			const open = (id: string, who: Record<string, unknown>, at: string, language: string, text: string) =>
				appendToConversation(backend, caseTicket({ id, who: who as never, at, text, tier: 'L1', rules: ['x'], reasons: ['x'], language, answered: false, open: false }), { replyRole: 'ai', includeCustomerTurn: true }, policy);
			await open('wa-in', cloud('+5215512345678', 'María'), '2026-03-09T02:00:00-06:00', 'es', '¿Tienen la talla 42 en azul?');
			await open('wa-late', cloud('+5215587654321', 'Pedro'), '2026-03-07T15:00:00-06:00', 'es', '¿Hacen envíos a Monterrey?');
			await open('ms-late', meta('messenger', '6543210987650000', 'Lee'), '2026-03-07T15:30:00-06:00', 'en', 'Do you repair zippers?');
			await open('ig-in', meta('instagram', '1234567890123456', 'Bia'), '2026-03-08T22:00:00-06:00', 'pt', 'Vocês têm loja em Guadalajara?');
			await open('tg-late', telegram('123456789', 'Ivan'), '2026-03-07T16:00:00-06:00', 'en', 'Can I pay in dollars?');
			morning = await engine.run(template('morning-follow-up', STORE, { "Last Night's Conversations": NOW }), { startNode: 'Every 15 Minutes', items: [{}] });
			expect(morning.error).toBeUndefined();
		});

		it('sends each case by its channel and window; Messenger past 24 hours goes to the morning queue and the shift', () => {
			expect(nodesOf(morning, 'Follow-Up:').sort()).toEqual([
				['Follow-Up: Instagram', 'Bia'],
				['Follow-Up: Telegram', 'Ivan'],
				['Follow-Up: WhatsApp Cloud', 'María'],
				['Follow-Up: WhatsApp Template', 'Pedro'],
			]);
			expect(sent(morning, 'Morning Queue').map((j) => j.customer.name)).toEqual(['Lee']);
			expect(sent(morning, 'Notify Morning Shift').map((j) => j.customer.name)).toEqual(['Lee']);
			const [lee] = sent(morning, 'Morning Queue');
			expect(lee.outbound).toMatchObject({ route: 'window-closed', channel: 'messenger', closed: { reason: 'automated_reply' }, window: { humanAgentUntil: '2026-03-14T21:30:00.000Z' } });
			expect(lee.reply.text).toContain('zippers');
		});

		it('WhatsApp Cloud: free text within 24 hours, the approved follow_up template with the message as {{1}} after', () => {
			const inside = one(morning, 'Follow-Up: WhatsApp Cloud', 'María');
			expect(inside.outbound.body).toMatchObject({ type: 'text', to: '5215512345678', text: { body: inside.reply.text } });
			expect(inside.reply.text).toContain('talla 42');
			const late = one(morning, 'Follow-Up: WhatsApp Template', 'Pedro');
			expect(late.outbound).toMatchObject({ from: PHONE_NUMBER_ID, template: { name: 'follow_up', language: 'es_MX' } });
			expect(late.outbound.body.template.components).toEqual([{ type: 'body', parameters: [{ type: 'text', text: late.reply.text }] }]);
			expect(late.reply.text).toContain('Monterrey');
			expect(late.reply.text).not.toContain('\n');
		});

		it('Instagram within 24 hours and Telegram at any time get the message itself', () => {
			const bia = one(morning, 'Follow-Up: Instagram', 'Bia');
			expect(bia.outbound.body).toMatchObject({ recipient: { id: '1234567890123456' }, messaging_type: 'RESPONSE', message: { text: bia.reply.text } });
			expect(bia.reply.language).toBe('pt');
			const ivan = one(morning, 'Follow-Up: Telegram', 'Ivan');
			expect(ivan.outbound).toMatchObject({ route: 'telegram', to: '123456789', body: { chat_id: '123456789', text: ivan.reply.text } });
		});
	});
});
