import { MemoryBackend, type Lookup } from '../../nodes/shared/conversation';
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
