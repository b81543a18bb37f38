import { appendToConversation, dropMemoryBackend, findDue, memoryBackend, resolveConversationPolicy } from '../../nodes/shared/conversation';
import { readCsatAnswer } from '../../nodes/shared/csat';
import type { Ticket } from '../../nodes/shared/ticket';
import { caseTicket } from '../helpers/report-fixture';

const options = { policy: resolveConversationPolicy() };
const ANA = { channel: 'whatsapp', customer: { phone: '+5215500000001', name: 'Ana' } };
const BOB = { channel: 'email', customer: { email: 'bob@example.com', name: 'Bob' } };
const STORE = 'csat-answer-unit';
afterEach(() => dropMemoryBackend(STORE));

async function askedStore(who: typeof ANA | typeof BOB) {
	const backend = memoryBackend(STORE);
	const ticket = caseTicket({ id: 'q1', who, at: '2026-03-10T10:00:00-06:00', text: 'what time do you open?', tier: 'L1', rules: ['knowledgeAnswer'], reasons: ['k'], language: 'en', answered: true, reply: 'At 9.' });
	const { conversationId } = await appendToConversation(backend, ticket, { replyRole: 'ai', includeCustomerTurn: true }, options);
	const [asked] = await findDue(backend, { purpose: 'csat', now: '2026-03-10T10:40:00-06:00', token: () => 'secret-token' });
	expect(asked.conversationId).toBe(conversationId);
	return { backend, conversationId: conversationId as string };
}

const chat = (id: string, text: string, at: string, conversationId: string): Partial<Ticket> => ({ ...caseTicket({ id, who: ANA, at, text }), conversation: { id: conversationId, identities: [], unresolvedAiTurns: 0, greeted: false, takeover: null } });

describe('reading the answer to the CSAT question', () => {
	it('a chat answer is stored once and thanked; a new question after it is not an answer', async () => {
		const { backend, conversationId } = await askedStore(ANA);
		const free = await readCsatAnswer(backend, { ticket: chat('m2', 'I also need 2 shirts in size M please', '2026-03-10T10:45:00-06:00', conversationId), text: 'I also need 2 shirts in size M please', now: '2026-03-10T10:45:00-06:00' }, options);
		expect(free).toEqual({ kind: 'none', why: 'not a score' });
		const rated = await readCsatAnswer(backend, { ticket: chat('m3', '4 · Good', '2026-03-10T10:46:00-06:00', conversationId), text: '4 · Good', now: '2026-03-10T10:46:00-06:00' }, options);
		expect(rated).toMatchObject({ kind: 'rated', score: 4, stored: true, resolver: 'ai', tier: 'L1', outcome: { reply: { text: 'Thanks for your rating Ana!', language: 'en' } } });
		const again = await readCsatAnswer(backend, { ticket: chat('m4', '5', '2026-03-10T10:47:00-06:00', conversationId), text: '5', now: '2026-03-10T10:47:00-06:00' }, options);
		expect(again.kind).toBe('none');
	});

	it('"péssimo" reopens the case: L3, csat_low', async () => {
		const { backend, conversationId } = await askedStore(ANA);
		const low = await readCsatAnswer(backend, { ticket: chat('m2', 'péssimo', '2026-03-10T11:00:00-06:00', conversationId), text: 'péssimo', now: '2026-03-10T11:00:00-06:00', queue: 'care' }, options);
		expect(low).toMatchObject({ kind: 'low', score: 1, outcome: { route: { tier: 'L3', reasons: ['csat_low'], handoff: { queue: 'care' } } } });
	});

	it('an email link rates only with its own token, once, and finds the customer’s address', async () => {
		const { backend, conversationId } = await askedStore(BOB);
		const link = (t: string) => readCsatAnswer(backend, { ticket: {}, text: '2', reference: t, now: '2026-03-10T12:00:00-06:00' }, options);
		expect((await link(`${conversationId}~guessed`)).kind).toBe('none');
		expect((await link('nonsense')).kind).toBe('none');
		const low = await link(`${conversationId}~secret-token`);
		expect(low).toMatchObject({ kind: 'low', score: 2, stored: true, ticket: { channel: 'email', customer: { email: 'bob@example.com', name: 'Bob' } } });
		expect((await link(`${conversationId}~secret-token`)).kind).toBe('none');
	});

	it('a question older than the answer window takes no answer', async () => {
		const { backend, conversationId } = await askedStore(ANA);
		const late = await readCsatAnswer(backend, { ticket: chat('m2', '5', '2026-03-14T11:00:00-06:00', conversationId), text: '5', now: '2026-03-14T11:00:00-06:00' }, options);
		expect(late).toEqual({ kind: 'none', why: 'no question waiting for an answer' });
	});
});
