import {
	appendToConversation,
	csatDue,
	DEFAULT_CSAT_RULES,
	dropMemoryBackend,
	findDue,
	followUpDue,
	memoryBackend,
	nightBefore,
	recordCsat,
	resolveConversationPolicy,
	takeOverConversation,
	releaseConversation,
	type ConversationBackend,
	type ConversationRecord,
} from '../../nodes/shared/conversation';
import { getCalendar, toMillis } from '../../nodes/shared/calendar';
import type { Ticket } from '../../nodes/shared/ticket';
import { agentAnswer, caseTicket } from '../helpers/report-fixture';

const options = { policy: resolveConversationPolicy() };
const ANA = { channel: 'whatsapp', customer: { phone: '+5215500000001', name: 'Ana López' } };
const BOB = { channel: 'email', customer: { email: 'bob@example.com', name: 'Bob' } };
const CAT = { channel: 'webchat', sessionId: 'sess-cat', customer: {} };

// The store's hours (workflows/src/build-templates.js STORE_HOURS): Mexico City, Mon–Fri 9–18, Sat 10–14, Sunday and MX holidays closed.
const calendar = getCalendar({
	timeZone: 'America/Mexico_City',
	weekly: { monday: '09:00-18:00', tuesday: '09:00-18:00', wednesday: '09:00-18:00', thursday: '09:00-18:00', friday: '09:00-18:00', saturday: '10:00-14:00', sunday: '' },
	holidays: { country: 'MX' },
});
const at = (iso: string) => toMillis(iso);

let n = 0;
async function store(): Promise<ConversationBackend> {
	const name = `outreach-rules-${++n}`;
	return memoryBackend(name);
}
afterAll(() => {
	for (let i = 1; i <= n; i++) dropMemoryBackend(`outreach-rules-${i}`);
});

async function record(backend: ConversationBackend, ticket: Ticket): Promise<ConversationRecord> {
	const result = await backend.transact({ identityKeys: ticket.channel === 'whatsapp' ? [`whatsapp:${ticket.customer?.phone}`] : ticket.channel === 'email' ? [`email:${ticket.customer?.email}`] : [`webchat:${(ticket as { sessionId?: string }).sessionId}`] }, (found) => ({ result: found[0] }));
	return result as ConversationRecord;
}

const answered = (id: string, who: typeof ANA | typeof BOB | typeof CAT, at: string, text = '¿a qué hora abren?') =>
	caseTicket({ id, who, at, text, tier: 'L1', rules: ['knowledgeAnswer'], reasons: ['knowledge answer (score 0.9)'], language: 'es', answered: true, reply: 'Abrimos a las 9.' });
const escalated = (id: string, who: typeof ANA | typeof BOB | typeof CAT, at: string, text = 'quiero hablar con alguien, mi tarjeta no pasa') =>
	caseTicket({ id, who, at, text, tier: 'L3', rules: ['lowConfidence'], reasons: ['low confidence: answer score 0.3 below 0.5'], language: 'es', open: false, reply: 'Te paso con una persona.' });

async function append(backend: ConversationBackend, ticket: Ticket) {
	await appendToConversation(backend, ticket, { replyRole: 'ai', includeCustomerTurn: true }, options);
}

describe('CSAT is due once a case is resolved', () => {
	it('after an AI answer and a quiet half hour, never before, never in a takeover, never twice', async () => {
		const backend = await store();
		await append(backend, answered('q1', ANA, '2026-03-10T10:00:00-06:00'));
		const r = await record(backend, answered('q1', ANA, '2026-03-10T10:00:00-06:00'));
		expect(csatDue(r, at('2026-03-10T10:20:00-06:00'))).toBeNull();
		expect(csatDue(r, at('2026-03-10T10:31:00-06:00'))).toMatchObject({ purpose: 'csat', action: 'customer', reason: 'ai_resolved', caseId: 'q1', channel: 'whatsapp', recipient: { phone: '+5215500000001' }, name: 'Ana López', language: 'es', tier: 'L1' });
		// Too old: not asked about at all.
		expect(csatDue(r, at('2026-03-13T10:31:00-06:00'))).toBeNull();

		const first = await findDue(backend, { purpose: 'csat', now: '2026-03-10T10:31:00-06:00', token: () => 'tok1' });
		expect(first.map((c) => [c.caseId, c.token])).toEqual([['q1', 'tok1']]);
		expect(await findDue(backend, { purpose: 'csat', now: '2026-03-10T11:31:00-06:00' })).toEqual([]);
		expect((await record(backend, answered('q1', ANA, '2026-03-10T10:00:00-06:00'))).outreach).toEqual({ csatAskedAt: '2026-03-10T10:31:00-06:00', csatCase: 'q1', csatToken: 'tok1' });

		// A new case later on is a new question.
		await append(backend, answered('q2', ANA, '2026-03-10T15:00:00-06:00', '¿hacen envíos?'));
		expect((await findDue(backend, { purpose: 'csat', now: '2026-03-10T16:00:00-06:00' })).map((c) => c.caseId)).toEqual(['q2']);
	});

	it('while a person holds the conversation nobody asks; once they answered and released it, the person’s case is asked about', async () => {
		const backend = await store();
		const ticket = escalated('e1', BOB, '2026-03-10T10:00:00-06:00');
		await append(backend, ticket);
		await takeOverConversation(backend, caseTicket({ id: 'take', who: BOB, at: '2026-03-10T10:05:00-06:00', text: '' }), 'maria', options);
		await agentAnswer(backend, BOB, 'e1-answer', '2026-03-10T10:10:00-06:00', 'Ya quedó tu pago.');
		expect(csatDue(await record(backend, ticket), at('2026-03-10T11:00:00-06:00'))).toBeNull();
		// A person who answered and never pressed Release: after the idle hour it counts as handed back.
		expect(csatDue(await record(backend, ticket), at('2026-03-10T11:10:00-06:00'))).toMatchObject({ reason: 'agent_resolved' });
		expect(csatDue(await record(backend, ticket), at('2026-03-10T11:10:00-06:00'), { ...DEFAULT_CSAT_RULES, takeoverIdleMinutes: 0 })).toBeNull();
		await releaseConversation(backend, caseTicket({ id: 'rel', who: BOB, at: '2026-03-10T10:15:00-06:00', text: '' }), 'maria', options);
		const r = await record(backend, ticket);
		expect(csatDue(r, at('2026-03-10T10:40:00-06:00'))).toBeNull();
		expect(csatDue(r, at('2026-03-10T10:46:00-06:00'))).toMatchObject({ reason: 'agent_resolved', channel: 'email', recipient: { email: 'bob@example.com' } });
	});

	it('an escalation nobody answered, a pending L2 reply, or an already rated case gets no question', async () => {
		const backend = await store();
		await append(backend, escalated('e1', ANA, '2026-03-10T10:00:00-06:00'));
		expect(csatDue(await record(backend, answered('x', ANA, '2026-03-10T10:00:00-06:00')), at('2026-03-10T12:00:00-06:00'))).toBeNull();

		const pendingTicket = { ...caseTicket({ id: 'p1', who: CAT, at: '2026-03-10T10:00:00-06:00', text: '¿dónde está mi pedido?', tier: 'L2', rules: ['actionIntent'], reasons: ['x'], language: 'es', reply: 'Lo estoy revisando…' }) };
		pendingTicket.reply = { text: 'Lo estoy revisando…', language: 'es', pending: true } as Ticket['reply'];
		await append(backend, pendingTicket);
		expect(csatDue(await record(backend, pendingTicket), at('2026-03-10T12:00:00-06:00'))).toBeNull();

		const rated = answered('r1', BOB, '2026-03-10T10:00:00-06:00');
		await append(backend, rated);
		await recordCsat(backend, caseTicket({ id: 'r1-csat', who: BOB, at: '2026-03-10T10:05:00-06:00', text: '5' }), 5, options);
		expect(csatDue(await record(backend, rated), at('2026-03-10T12:00:00-06:00'))).toBeNull();
	});

	it('two runs at once claim each question once', async () => {
		const backend = await store();
		for (let i = 0; i < 5; i++) await append(backend, answered(`m${i}`, { channel: 'whatsapp', customer: { phone: `+52155000001${i}`, name: `C${i}` } }, '2026-03-10T10:00:00-06:00'));
		const [a, b] = await Promise.all([findDue(backend, { purpose: 'csat', now: '2026-03-10T11:00:00-06:00' }), findDue(backend, { purpose: 'csat', now: '2026-03-10T11:00:00-06:00' })]);
		expect(a.length + b.length).toBe(5);
		expect(new Set([...a, ...b].map((c) => c.conversationId)).size).toBe(5);
	});
});

describe('the night before opening, from the business calendar', () => {
	const window = (now: string) => {
		const night = nightBefore(calendar, at(now), 60);
		return night && [calendar.toIso(night.fromMs), calendar.toIso(night.toMs)];
	};

	it('Tuesday 09:05: from Monday 18:00 to Tuesday 09:00; Monday 09:10: from Saturday 14:00 (Sunday closed)', () => {
		expect(window('2026-03-10T09:05:00-06:00')).toEqual(['2026-03-09T18:00:00.000-06:00', '2026-03-10T09:00:00.000-06:00']);
		expect(window('2026-03-09T09:10:00-06:00')).toEqual(['2026-03-07T14:00:00.000-06:00', '2026-03-09T09:00:00.000-06:00']);
	});

	it('after a holiday Monday (Benito Juárez, 2026-03-16) the night runs from Saturday to Tuesday opening', () => {
		expect(window('2026-03-16T09:05:00-06:00')).toBeNull();
		expect(window('2026-03-17T09:30:00-06:00')).toEqual(['2026-03-14T14:00:00.000-06:00', '2026-03-17T09:00:00.000-06:00']);
	});

	it('is null while closed and once the opening is more than an hour ago', () => {
		expect(window('2026-03-10T08:55:00-06:00')).toBeNull();
		expect(window('2026-03-10T10:01:00-06:00')).toBeNull();
		expect(window('2026-03-08T10:00:00-06:00')).toBeNull();
	});
});

describe('the morning follow-up', () => {
	const night = { fromMs: at('2026-03-09T18:00:00-06:00'), toMs: at('2026-03-10T09:00:00-06:00') };

	it('escalated with no person’s answer goes to the morning queue; not found by the AI goes to the customer; answered cases are left alone', async () => {
		const backend = await store();
		const e = escalated('e1', ANA, '2026-03-09T23:10:00-06:00');
		await append(backend, e);
		expect(followUpDue(await record(backend, e), night)).toMatchObject({ purpose: 'followUp', action: 'queue', reason: 'escalated', caseId: 'e1', routeReason: 'low confidence: answer score 0.3 below 0.5' });

		// No reply at all (the AI had nothing and the ticket waited): unresolved, to the customer.
		const silent = caseTicket({ id: 'u1', who: CAT, at: '2026-03-10T02:00:00-06:00', text: '¿tienen la talla 42?', tier: 'L1', rules: ['x'], reasons: ['x'], language: 'es', answered: false });
		await append(backend, silent);
		expect(followUpDue(await record(backend, silent), night)).toMatchObject({ action: 'customer', reason: 'unresolved', recipient: { sessionId: 'sess-cat' } });

		const ok = answered('a1', BOB, '2026-03-09T22:00:00-06:00');
		await append(backend, ok);
		expect(followUpDue(await record(backend, ok), night)).toBeNull();
	});

	it('a person who already answered, a takeover, a case outside the night or one followed up before: nothing', async () => {
		const backend = await store();
		const e = escalated('e1', BOB, '2026-03-09T23:10:00-06:00');
		await append(backend, e);
		await takeOverConversation(backend, caseTicket({ id: 't', who: BOB, at: '2026-03-09T23:11:00-06:00', text: '' }), 'night-shift', options);
		expect(followUpDue(await record(backend, e), night)).toBeNull();
		await releaseConversation(backend, caseTicket({ id: 'r', who: BOB, at: '2026-03-09T23:30:00-06:00', text: '' }), 'night-shift', options);
		expect(followUpDue(await record(backend, e), night)).toMatchObject({ action: 'queue' });
		await agentAnswer(backend, BOB, 'e1-answer', '2026-03-09T23:20:00-06:00', 'Listo.');
		expect(followUpDue(await record(backend, e), night)).toBeNull();

		const day = escalated('d1', ANA, '2026-03-09T17:00:00-06:00');
		await append(backend, day);
		expect(followUpDue(await record(backend, day), night)).toBeNull();

		const late = escalated('l1', CAT, '2026-03-10T01:00:00-06:00');
		await append(backend, late);
		expect((await findDue(backend, { purpose: 'followUp', now: '2026-03-10T09:05:00-06:00', night })).map((c) => c.caseId)).toEqual(['l1']);
		expect(await findDue(backend, { purpose: 'followUp', now: '2026-03-10T09:20:00-06:00', night })).toEqual([]);
		expect(await findDue(backend, { purpose: 'followUp', now: '2026-03-10T09:20:00-06:00' })).toEqual([]);
	});
});
