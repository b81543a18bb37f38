import { episodeTurns, identitiesOf, normalizePhone, resolveConversationPolicy } from '../../nodes/shared/conversation';
import type { ConversationRecord, Turn } from '../../nodes/shared/conversation';
import type { Ticket } from '../../nodes/shared/ticket';
import { toTicketShape } from '../../nodes/shared/ticket-input';

const at = '2026-03-02T10:00:00-06:00';
const base = (over: Partial<Ticket>): Ticket => ({ ticketId: 't', channel: 'webchat', customer: {}, message: { text: 'hola', receivedAt: at }, ...over });
const keys = (t: Ticket) => identitiesOf(t).identities.map((i) => `${i.kind}:${i.value}:${i.strength}`);
const claims = (t: Ticket) => identitiesOf(t).claims.map((c) => `${c.kind}:${c.value}`);

describe('identities of a ticket', () => {
	it('trusts the WhatsApp number the platform delivered from, in one form whatever its spelling', () => {
		const t = base({ channel: 'whatsapp', customer: { phone: '+52 1 55 1234-5678' }, whatsapp: { jid: '5215512345678@s.whatsapp.net' } });
		expect(keys(t)).toEqual(['whatsapp:+5215512345678:verified']);
		expect(normalizePhone('+52 (55) 1234 5678')).toBe('+525512345678');
		expect(normalizePhone('12-34')).toBeUndefined();
	});

	it('marks the mailbox sender as weak and the customer id from the business as verified', () => {
		expect(keys(base({ channel: 'email', customer: { email: ' Ana@Example.COM ', id: 'crm-1' } }))).toEqual(['email:ana@example.com:weak', 'customer:crm-1:verified']);
	});

	it('trusts only the session on web chat: a typed email, phone or customer id is a claim', () => {
		const t = base({ sessionId: 'sess-1', customer: { email: 'ana@example.com', phone: '+52 55 1234 5678', id: 'crm-1' }, message: { text: 'mi otro correo es ana.b@example.org', receivedAt: at } });
		expect(keys(t)).toEqual(['webchat:sess-1:verified']);
		expect(claims(t).sort()).toEqual(['customer:crm-1', 'email:ana.b@example.org', 'email:ana@example.com', 'phone:+525512345678']);
		expect(identitiesOf(t, { trustWebchatCustomerId: true }).identities.map((i) => i.kind)).toEqual(['webchat', 'customer']);
	});

	it('finds the session of a web chat that came through a Webhook or Chat Trigger', () => {
		const shaped = toTicketShape({ body: { sessionId: 'sess-9', text: 'hola', created_at: at } }, () => at) as unknown as Ticket;
		expect(keys(shaped)).toEqual(['webchat:sess-9:verified']);
	});

	it('has nothing to find a web chat without a session by', () => {
		expect(identitiesOf(base({ customer: { email: 'ana@example.com' } })).identities).toEqual([]);
	});
});

describe('episodes', () => {
	const policy = resolveConversationPolicy({ episodeGapHours: 24 });
	const turn = (id: string, role: Turn['role'], when: string, extra: Partial<Turn> = {}): Turn => ({ id, role, text: id, channel: 'whatsapp', at: when, ...extra });
	const record = (turns: Turn[], extra: Partial<ConversationRecord> = {}): ConversationRecord =>
		({ id: 'c', identities: {}, claims: [], turns, seenTurnIds: [], takeover: null, createdAt: turns[0]?.at ?? at, updatedMs: 0, ...extra }) as ConversationRecord;

	it('starts afresh after a long silence, so last week’s answers are not failures today', () => {
		const r = record([turn('q1', 'customer', '2026-03-01T10:00:00-06:00'), turn('a1', 'ai', '2026-03-01T10:00:00-06:00'), turn('q2', 'customer', '2026-03-03T10:00:00-06:00'), turn('a2', 'ai', '2026-03-03T10:00:00-06:00')]);
		expect(episodeTurns(r, '2026-03-03T10:05:00-06:00', policy).map((t) => t.id)).toEqual(['q2', 'a2']);
		expect(episodeTurns(r, '2026-03-05T10:05:00-06:00', policy)).toEqual([]);
	});

	it('starts afresh after a person’s answer, a handoff, a resolved answer or a release', () => {
		const turns = [turn('q1', 'customer', at), turn('a1', 'ai', at), turn('h1', 'ai', '2026-03-02T10:01:00-06:00', { handoff: true }), turn('q2', 'customer', '2026-03-02T10:02:00-06:00')];
		expect(episodeTurns(record(turns), '2026-03-02T10:03:00-06:00', policy).map((t) => t.id)).toEqual(['q2']);
		const released = record([turn('q1', 'customer', at), turn('a1', 'ai', at), turn('q2', 'customer', '2026-03-02T10:10:00-06:00')], { lastRelease: { at: '2026-03-02T10:05:00-06:00', reason: 'released' } });
		expect(episodeTurns(released, '2026-03-02T10:11:00-06:00', policy).map((t) => t.id)).toEqual(['q2']);
	});

	it('rejects a policy with a bad field, naming it', () => {
		expect(() => resolveConversationPolicy({ maxTurns: 0 })).toThrow('maxTurns');
		expect(() => resolveConversationPolicy({ takeoverIdleMinutes: Number.NaN })).toThrow('takeoverIdleMinutes');
	});
});
