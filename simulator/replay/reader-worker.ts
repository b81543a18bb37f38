import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { readTickets, type ReplayTicket } from '../tickets';
import { splitByShard } from './shard';
import type { ReaderData, ReaderMessage } from './ticket-reader';

/**
 * Reads and converts the ticket file in a thread of its own, and hands batches on already serialised,
 * so the coordinating thread never builds a ticket object: it only forwards bytes and scores outcomes.
 * Batches are sent only against credits from the coordinator, so reading never runs far ahead.
 */
async function main(): Promise<void> {
	const { tickets, preset, map, zone, limit, limits, batchSize, shards } = workerData as ReaderData;
	let credits = 0;
	let wake: (() => void) | undefined;
	parentPort?.on('message', (message: { credits: number }) => {
		credits += message.credits;
		wake?.();
	});
	const post = (message: ReaderMessage) => parentPort?.postMessage(message);
	const send = async (batch: ReplayTicket[]) => {
		while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
		credits--;
		// Split here, by conversation, so the coordinator still only forwards bytes.
		post({ kind: 'batch', count: batch.length, parts: splitByShard(batch, shards).map(({ shard, items }) => ({ shard, bytes: serialize(items) })) });
	};

	let batch: ReplayTicket[] = [];
	let taken = 0;
	for await (const event of readTickets(tickets, { preset, map, zone, limits })) {
		if (limit !== undefined && taken >= limit) break;
		taken++;
		if (event.kind === 'rejected') {
			post({ kind: 'rejected', line: event.line, reason: event.reason });
			continue;
		}
		batch.push(event.value);
		if (batch.length >= batchSize) {
			await send(batch);
			batch = [];
		}
	}
	if (batch.length) await send(batch);
	post({ kind: 'end' });
}

main().catch((error: Error) => parentPort?.postMessage({ kind: 'error', name: error.name, message: error.message } satisfies ReaderMessage));
