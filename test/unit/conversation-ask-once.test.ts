import { MemoryBackend, recordPersonReply, resolveConversationPolicy, takeOverConversation } from '../../nodes/shared/conversation';
import type { Ticket } from '../../nodes/shared/ticket';

// A takeover that asks the person once: the first message of a takeover asks them (a reply form goes
// out), later ones only tell them until they answer or the request expires.
const options = { policy: resolveConversationPolicy({ takeoverIdleMinutes: 0 }) };
const ASK = { expiresMinutes: 7 * 24 * 60 };

const message = (id: string, at: string): Ticket =>
	({
		ticketId: id,
		channel: 'webchat',
		sessionId: 'sess-ana',
		message: { id, text: `mensaje ${id}`, receivedAt: at },
		route: { tier: 'L3', reasons: ['taken over by a person'], handoff: { summary: '', facts: {}, queue: 'returns' } },
	}) as Ticket;

const asked = async (backend: MemoryBackend, id: string, at: string, by = 'returns') => (await takeOverConversation(backend, message(id, at), by, options, ASK)).takeover?.personAsked;

describe('a takeover that asks the person once', () => {
	it('asks on the first message and only tells on the next ones while the request is unanswered', async () => {
		const backend = new MemoryBackend();
		expect(await asked(backend, 'm1', '2026-03-04T11:00:00-06:00')).toBe(false);
		expect(await asked(backend, 'm2', '2026-03-04T11:05:00-06:00')).toBe(true);
		expect(await asked(backend, 'm3', '2026-03-06T09:00:00-06:00')).toBe(true);
	});

	it('asks again once the person answered and kept the conversation', async () => {
		const backend = new MemoryBackend();
		await asked(backend, 'm1', '2026-03-04T11:00:00-06:00');
		await recordPersonReply(backend, message('m1', '2026-03-04T11:00:00-06:00'), { text: 'Hola, lo reviso.', by: 'Luis', at: '2026-03-04T11:30:00-06:00', action: 'keep' }, options);
		expect(await asked(backend, 'm2', '2026-03-04T11:40:00-06:00')).toBe(false);
		expect(await asked(backend, 'm3', '2026-03-04T11:45:00-06:00')).toBe(true);
	});

	it('asks again when the request is older than its expiry (the form no longer waits)', async () => {
		const backend = new MemoryBackend();
		await asked(backend, 'm1', '2026-03-04T11:00:00-06:00');
		expect(await asked(backend, 'm2', '2026-03-11T10:59:00-06:00')).toBe(true);
		expect(await asked(backend, 'm3', '2026-03-11T11:00:00-06:00')).toBe(false);
		expect(await asked(backend, 'm4', '2026-03-11T11:01:00-06:00')).toBe(true);
	});

	it('asks the new person when the conversation goes to someone else (an L3 case raised to L4)', async () => {
		const backend = new MemoryBackend();
		await asked(backend, 'm1', '2026-03-04T11:00:00-06:00', 'returns');
		expect(await asked(backend, 'm2', '2026-03-04T11:05:00-06:00', 'supervisor')).toBe(false);
		expect(await asked(backend, 'm3', '2026-03-04T11:06:00-06:00', 'supervisor')).toBe(true);
	});

	it('says nothing of asking when the takeover is not set to ask once', async () => {
		const backend = new MemoryBackend();
		const first = await takeOverConversation(backend, message('m1', '2026-03-04T11:00:00-06:00'), 'returns', options);
		expect(first.takeover).toEqual({ by: 'returns', since: '2026-03-04T11:00:00-06:00' });
	});
});
