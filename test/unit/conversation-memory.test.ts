import { MemoryBackend, timeoutFor, type Lookup } from '../../nodes/shared/conversation';
import type { ConversationRecord, Mutation } from '../../nodes/shared/conversation/types';
import { memoryStore, storeOver } from '../helpers/memory-store';
import { conversationContract, wa } from '../helpers/conversation-contract';
// The SQLite backend runs the same contract under Node 24 in test/e2e/conversation-sqlite.e2e.test.ts.
conversationContract('memory', memoryStore);

/** A backend that reads, waits, then writes: what the contract's burst test exists to catch. */
class ReadThenWriteBackend extends MemoryBackend {
	async transact<T>(lookup: Lookup, mutate: (found: ConversationRecord[]) => Mutation<T>): Promise<T> {
		let snapshot: ConversationRecord[] = [];
		await super.transact(lookup, (found) => {
			snapshot = found;
			return { result: undefined };
		});
		await new Promise((resolve) => setImmediate(resolve));
		return await super.transact(lookup, () => mutate(snapshot));
	}
}

describe('the burst check', () => {
	it('catches a backend whose read and write are not one step', async () => {
		const store = storeOver(new ReadThenWriteBackend());
		await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(wa(`b${i}`, `2026-03-02T10:0${i}:00-06:00`, `m${i}`))));
		const loaded = await store.load(wa('after', '2026-03-02T10:30:00-06:00'));
		expect(loaded.conversation.turns.length).toBeLessThan(10);
	});
});

describe('the memory backend expires by time', () => {
	const HOUR = 3_600_000;
	const base = Date.parse('2026-03-02T00:00:00Z');
	const save = (backend: MemoryBackend, id: string, updatedMs: number) =>
		backend.transact({ ids: [id] }, () => ({ save: { id, identities: { [`customer:${id}`]: {} }, updatedMs } as unknown as ConversationRecord, result: undefined }));
	const remove = (backend: MemoryBackend, id: string) => backend.transact({ ids: [id] }, () => ({ remove: [id], result: undefined }));
	const ids = async (backend: MemoryBackend) => (await backend.listSince(-Infinity, '', 10_000)).map((r) => r.id).sort();

	it('deletes exactly the conversations updated before the cutoff, whichever hour they were saved in before', async () => {
		const backend = new MemoryBackend();
		const expected = new Map<string, number>();
		// Deterministic spread over ten hours, some saved twice (moving to another hour), some removed.
		let seed = 7;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		for (let i = 0; i < 300; i++) {
			const id = `c${i % 200}`;
			const at = base + Math.floor(next() * 10 * HOUR);
			await save(backend, id, at);
			expected.set(id, at);
		}
		for (const id of ['c3', 'c50', 'c199']) {
			await remove(backend, id);
			expected.delete(id);
		}
		// Mid-hour, on an hour's edge, before everything, and past everything.
		for (const cutoff of [base - HOUR, base + 2.5 * HOUR, base + 4 * HOUR, base + 4 * HOUR + 1, base + 7.25 * HOUR, base + 11 * HOUR]) {
			const gone = [...expected].filter(([, at]) => at < cutoff).map(([id]) => id);
			expect(await backend.expire(cutoff)).toBe(gone.length);
			for (const id of gone) expected.delete(id);
			expect(await ids(backend)).toEqual([...expected.keys()].sort());
			expect(await backend.count()).toBe(expected.size);
		}
		expect(expected.size).toBe(0);
	});

	it('a conversation saved again later is kept by a cutoff between its two saves', async () => {
		const backend = new MemoryBackend();
		await save(backend, 'a', base);
		await save(backend, 'a', base + 5 * HOUR);
		await save(backend, 'b', base + HOUR);
		expect(await backend.expire(base + 2 * HOUR)).toBe(1);
		expect(await ids(backend)).toEqual(['a']);
		// Its identity still finds it.
		const found = await backend.transact({ identityKeys: ['customer:a'] }, (records) => ({ result: records.map((r) => r.id) }));
		expect(found).toEqual(['a']);
	});
});

describe('the memory backend forgets a conversation only these keys know', () => {
	const save = (backend: MemoryBackend, id: string, identities: string[]) =>
		backend.transact({ ids: [id] }, () => ({
			save: { id, identities: Object.fromEntries(identities.map((key) => [key, {}])), updatedMs: 0 } as unknown as ConversationRecord,
			result: undefined,
		}));
	const idOf = (backend: MemoryBackend, key: string) => backend.transact({ identityKeys: [key] }, (found) => ({ result: found.map((r) => r.id) }));

	it('deletes a conversation reached by the keys alone, and keeps one another identity also reaches', async () => {
		const backend = new MemoryBackend();
		await save(backend, 'own', ['customer:conversation:r1']);
		await save(backend, 'shared', ['customer:conversation:r2', 'phone:+5215512345678']);
		await save(backend, 'other', ['customer:conversation:r3']);
		expect(backend.forgetOnlyKnownBy(['customer:conversation:r1', 'webchat:conversation:r1'])).toBe(1);
		expect(backend.forgetOnlyKnownBy(['customer:conversation:r2', 'webchat:conversation:r2'])).toBe(0);
		expect(backend.forgetOnlyKnownBy(['customer:conversation:missing'])).toBe(0);
		expect(await idOf(backend, 'customer:conversation:r1')).toEqual([]);
		expect(await idOf(backend, 'customer:conversation:r2')).toEqual(['shared']);
		expect(await idOf(backend, 'phone:+5215512345678')).toEqual(['shared']);
		expect(await idOf(backend, 'customer:conversation:r3')).toEqual(['other']);
		expect(await backend.count()).toBe(2);
		// Gone from the expiry index too: nothing is left to expire but the two kept.
		expect(await backend.expire(1)).toBe(2);
	});
});

describe('the memory backend and store timeouts', () => {
	it('needs no timeout while it answers at once, and gets the configured one once it is slowed', () => {
		const backend = new MemoryBackend();
		expect(backend.neverStalls).toBe(true);
		expect(timeoutFor(backend, 2000)).toBe(0);
		backend.setDelay(400);
		expect(backend.neverStalls).toBe(false);
		expect(timeoutFor(backend, 2000)).toBe(2000);
		// A backend that could not be opened, or one that says nothing, keeps the timeout.
		expect(timeoutFor(undefined, 2000)).toBe(2000);
	});
});
