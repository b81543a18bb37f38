import type { ReplayTicket } from '../tickets';

/** The conversation a replayed row belongs to: its own when the file names none. */
export function conversationOf(item: ReplayTicket): string {
	return item.conversation ?? item.ticket.ticketId;
}

/** Which of `shards` workers replays a conversation: always the same one, so its turns stay in order in one store. */
export function shardOf(conversation: string, shards: number): number {
	if (shards <= 1) return 0;
	// FNV-1a: a stable, even spread of ids; nothing here needs a cryptographic hash.
	let hash = 0x811c9dc5;
	for (let i = 0; i < conversation.length; i++) {
		hash ^= conversation.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0) % shards;
}

/** A batch split by worker, each part in file order. */
export function splitByShard(batch: ReplayTicket[], shards: number): Array<{ shard: number; items: ReplayTicket[] }> {
	const parts = new Map<number, ReplayTicket[]>();
	for (const item of batch) {
		const shard = shardOf(conversationOf(item), shards);
		const part = parts.get(shard);
		if (part) part.push(item);
		else parts.set(shard, [item]);
	}
	return [...parts].map(([shard, items]) => ({ shard, items }));
}
