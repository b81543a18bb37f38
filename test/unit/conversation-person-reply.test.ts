import {
	appendToConversation,
	loadConversation,
	MemoryBackend,
	parsePersonAction,
	recordPersonReply,
	resolveConversationPolicy,
	suggestedEntries,
	takeOverConversation,
	type ConversationRecord,
	type PersonReplyInput,
	webChatUpdates,
} from '../../nodes/shared/conversation';
import type { Ticket } from '../../nodes/shared/ticket';

const options = { policy: resolveConversationPolicy({ takeoverIdleMinutes: 60 }) };
const ASKED = '2026-03-04T11:00:00-06:00';
const ANSWERED = '2026-03-04T11:20:00-06:00';

/** A web chat ticket the router sent to L3, as the SLA Timer passes it to the form. */
const handedOff = (over: Partial<Ticket> = {}): Ticket =>
	({
		ticketId: 'w-1',
		channel: 'webchat',
		sessionId: 'sess-ana',
		customer: { name: 'Ana' },
		message: { id: 'w-1', text: '¿Puedo devolver un producto abierto después de 30 días?', receivedAt: ASKED },
		triage: { intent: 'returns', language: 'es', confidence: 0.4 },
		route: { tier: 'L3', reasons: ['low confidence (0.40)'], handoff: { summary: 'devolución', facts: {}, queue: 'returns' } },
		reply: { text: 'Te paso con una persona del equipo.', language: 'es' },
		...over,
	}) as Ticket;

/** The handoff as the template stores it: the customer's turn and the holding reply, then the takeover. */
async function handOff(backend: MemoryBackend, ticket = handedOff()): Promise<void> {
	await appendToConversation(backend, ticket, { replyRole: 'ai', includeCustomerTurn: true }, options);
	await takeOverConversation(backend, ticket, 'returns', options);
}

async function recordOf(backend: MemoryBackend): Promise<ConversationRecord> {
	const [record] = await backend.listSince(0, '', 10);
	return record;
}

const answer = (over: Partial<PersonReplyInput> = {}): PersonReplyInput => ({ text: 'Sí, hasta 45 días si conservas la caja.', by: 'Luis', at: ANSWERED, action: 'keep', ...over });

describe("a person's reply to a handed-off ticket", () => {
	it('stores an agent turn at the time of the answer and keeps the conversation with the person', async () => {
		const backend = new MemoryBackend();
		await handOff(backend);
		const result = await recordPersonReply(backend, handedOff(), answer(), options);
		expect(result).toMatchObject({ stored: true, action: 'keep', takeover: { by: 'returns', since: ASKED } });
		const record = await recordOf(backend);
		expect(record.turns.map((t) => [t.role, t.at])).toEqual([
			['customer', ASKED],
			['ai', ASKED],
			['agent', ANSWERED],
		]);
		expect(record.turns[2]).toMatchObject({ id: 'w-1:agent', text: 'Sí, hasta 45 días si conservas la caja.', by: 'Luis', channel: 'webchat' });
		expect(record.turns[2].resolved).toBeUndefined();
		// The idle clock restarts at the answer: an hour after the question, but not after the answer, the bot stays silent.
		const next = { ...handedOff(), ticketId: 'w-2', message: { id: 'w-2', text: 'gracias', receivedAt: '2026-03-04T12:10:00-06:00' } } as Ticket;
		expect((await loadConversation(backend, next, options)).conversation.takeover).toEqual({ by: 'returns', since: ASKED });
	});

	it('saves the question, the answer and the language as a suggested knowledge entry, once', async () => {
		const backend = new MemoryBackend();
		await handOff(backend);
		const first = await recordPersonReply(backend, handedOff(), answer(), options);
		const again = await recordPersonReply(backend, handedOff(), answer({ at: '2026-03-04T11:25:00-06:00' }), options);
		expect(again.stored).toBe(false);
		const record = await recordOf(backend);
		expect(record.suggestions).toEqual([
			{
				id: `${record.id}/w-1`,
				question: '¿Puedo devolver un producto abierto después de 30 días?',
				answer: 'Sí, hasta 45 días si conservas la caja.',
				language: 'es',
				by: 'Luis',
				at: ANSWERED,
				ticketId: 'w-1',
				channel: 'webchat',
				reason: 'low confidence (0.40)',
				status: 'pending',
			},
		]);
		expect(first.suggestion).toEqual(record.suggestions?.[0]);
		expect(record.turns.filter((t) => t.role === 'agent')).toHaveLength(1);
	});

	it('marks the answer resolved and hands the conversation back to the bot', async () => {
		const backend = new MemoryBackend();
		await handOff(backend);
		const result = await recordPersonReply(backend, handedOff(), answer({ action: 'resolve' }), options);
		expect(result.takeover).toBeNull();
		expect(result.released).toEqual({ at: ANSWERED, reason: 'released', by: 'Luis' });
		const record = await recordOf(backend);
		expect(record.turns[2].resolved).toBe(true);
		const next = { ...handedOff(), ticketId: 'w-2', message: { id: 'w-2', text: 'otra pregunta', receivedAt: '2026-03-04T11:30:00-06:00' } } as Ticket;
		const loaded = await loadConversation(backend, next, options);
		expect(loaded.conversation.takeover).toBeNull();
		// The episode starts after the person's answer: earlier AI turns are not failures any more.
		expect(loaded.history).toEqual([]);
	});

	it('hands back without marking resolved, and a retried answer does not take the conversation again', async () => {
		const backend = new MemoryBackend();
		await handOff(backend);
		await recordPersonReply(backend, handedOff(), answer({ action: 'release' }), options);
		const retried = await recordPersonReply(backend, handedOff(), answer({ action: 'keep', at: '2026-03-04T11:21:00-06:00' }), options);
		expect(retried).toMatchObject({ stored: false, takeover: null });
		const record = await recordOf(backend);
		expect(record.turns[2].resolved).toBeUndefined();
		expect(record.lastRelease).toEqual({ at: ANSWERED, reason: 'released', by: 'Luis' });
	});

	it('answers a conversation found only by its id, and refuses a ticket with nothing to find it by', async () => {
		const backend = new MemoryBackend();
		await handOff(backend);
		const id = (await recordOf(backend)).id;
		const byId = { ...handedOff(), sessionId: undefined, conversation: { id, identities: [], unresolvedAiTurns: 0, greeted: false, takeover: null } } as Ticket;
		expect((await recordPersonReply(backend, byId, answer(), options)).conversationId).toBe(id);
		await expect(recordPersonReply(backend, { ...handedOff(), sessionId: undefined } as Ticket, answer(), options)).rejects.toThrow('no identity or conversation id');
		await expect(recordPersonReply(backend, handedOff(), answer({ text: '  ' }), options)).rejects.toThrow('answer');
		await expect(recordPersonReply(backend, handedOff(), answer({ by: '' }), options)).rejects.toThrow('person');
		await expect(recordPersonReply(backend, handedOff(), answer({ at: 'yesterday' }), options)).rejects.toThrow('respondedAt');
	});

	it('caps a long answer at the input limit', async () => {
		const backend = new MemoryBackend();
		await handOff(backend);
		await recordPersonReply(backend, handedOff(), answer({ text: 'x'.repeat(50), maxTextLength: 10 }), options);
		const record = await recordOf(backend);
		expect(record.turns[2].text).toBe('x'.repeat(10));
		expect(record.suggestions?.[0].answer).toBe('x'.repeat(10));
	});

	it('lists the suggestions to review newest first, as knowledge entries', async () => {
		const backend = new MemoryBackend();
		await handOff(backend);
		await recordPersonReply(backend, handedOff(), answer(), options);
		const other = handedOff({ ticketId: 'w-9', sessionId: 'sess-bo', message: { id: 'w-9', text: 'Do you ship to Canada?', receivedAt: ASKED }, triage: { intent: 'shipping', language: 'en', confidence: 0.3 } } as Partial<Ticket>);
		await handOff(backend, other);
		await recordPersonReply(backend, other, answer({ text: 'Not yet, only Mexico and the US.', at: '2026-03-04T12:00:00-06:00' }), options);
		const entries = suggestedEntries(await backend.listSince(0, '', 10));
		expect(entries.map((e) => [e.title, e.answer, e.language])).toEqual([
			['Do you ship to Canada?', 'Not yet, only Mexico and the US.', 'en'],
			['¿Puedo devolver un producto abierto después de 30 días?', 'Sí, hasta 45 días si conservas la caja.', 'es'],
		]);
		expect(entries[0].questions).toEqual(['Do you ship to Canada?']);
		expect(entries[0].tags).toEqual(['suggested', 'from-person']);
		expect(suggestedEntries(await backend.listSince(0, '', 10), Date.parse('2026-03-04T17:30:00Z'))).toHaveLength(1);
	});
});

describe('the form choice', () => {
	it.each([
		['Reply and keep the conversation', 'keep'],
		['Reply and mark it resolved', 'resolve'],
		['Reply and hand it back to the bot', 'release'],
		['Responder y marcar como resuelto', 'resolve'],
		['Responder e devolver ao bot', 'release'],
		['Responder y mantener la conversación', 'keep'],
		['resolve', 'resolve'],
		['', 'keep'],
		[undefined, 'keep'],
	])('%s → %s', (choice, action) => {
		expect(parsePersonAction(choice)).toBe(action);
	});

	it('names the field for a choice it cannot read', () => {
		expect(() => parsePersonAction('forward to legal')).toThrow(/action: "forward to legal"/);
	});
});

describe('web chat updates (what the widget polls for)', () => {
	it('gives the person’s answers in the session’s conversation after a time, and whether a person has it', async () => {
		const backend = new MemoryBackend();
		await handOff(backend);
		const now = '2026-03-04T11:30:00-06:00';
		expect(await webChatUpdates(backend, 'sess-ana', ASKED, now, options)).toMatchObject({ replies: [], withPerson: true });
		await recordPersonReply(backend, handedOff(), answer({ action: 'release' }), options);
		const updates = await webChatUpdates(backend, ' sess-ana ', ASKED, now, options);
		expect(updates.replies).toEqual([{ id: 'w-1:agent', text: 'Sí, hasta 45 días si conservas la caja.', at: ANSWERED, by: 'Luis' }]);
		expect(updates.withPerson).toBe(false);
		expect((await webChatUpdates(backend, 'sess-ana', ANSWERED, now, options)).replies).toEqual([]);
		expect((await webChatUpdates(backend, 'sess-ana', undefined, now, options)).replies).toHaveLength(1);
	});

	it('finds nothing for another session, for a conversation past its retention, and names a bad field', async () => {
		const backend = new MemoryBackend();
		await handOff(backend);
		await recordPersonReply(backend, handedOff(), answer(), options);
		expect(await webChatUpdates(backend, 'sess-other', undefined, ANSWERED, options)).toEqual({ conversationId: null, replies: [], withPerson: false });
		const yearLater = '2027-03-10T11:00:00-06:00';
		expect((await webChatUpdates(backend, 'sess-ana', undefined, yearLater, options)).replies).toEqual([]);
		await expect(webChatUpdates(backend, '  ', undefined, ANSWERED, options)).rejects.toThrow('sessionId');
		await expect(webChatUpdates(backend, 'x'.repeat(201), undefined, ANSWERED, options)).rejects.toThrow('sessionId');
		await expect(webChatUpdates(backend, 'sess-ana', 'soon', ANSWERED, options)).rejects.toThrow('after');
	});
});
