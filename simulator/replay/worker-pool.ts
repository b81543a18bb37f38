import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { REPO_ROOT } from '../engine';
import type { ReplayTicket } from '../tickets';
import type { TicketOutcome } from './outcome';
import { splitByShard } from './shard';
import type { BatchPart } from './ticket-reader';

/** Enough for the engine, our nodes and a large knowledge base's model. */
const WORKER_HEAP_MB = Number(process.env.SUPPORT247_WORKER_HEAP_MB ?? 256);
/**
 * Each batch leaves megabytes of short-lived engine data (task data, item copies); with V8's default
 * young generation a worker scavenged so often that its collector threads took a third of its time.
 * 24 MB scavenges as fast as 48 MB did in alternated runs of 20,000 tickets, and peak RSS is ~50 MB lower.
 */
const WORKER_YOUNG_MB = Number(process.env.SUPPORT247_WORKER_YOUNG_MB ?? 24);

type Pending = { resolve: (outcomes: TicketOutcome[]) => void; reject: (error: Error) => void };

/**
 * Spreads batches over worker threads, each with its own engine; the calling thread only hands batches
 * on and scores their outcomes. Each conversation belongs to one worker (shardOf), which runs its parts
 * in the order they were sent, so a conversation's turns replay in order through one store.
 */
export class WorkerPool {
	private readonly workers: Worker[] = [];
	private readonly pending = new Map<number, Pending>();
	private nextId = 0;

	private constructor() {}

	get size(): number {
		return this.workers.length;
	}

	static async start(size: number, data: { workflow: unknown; workflowName?: string; startNode?: string; credentials?: unknown }): Promise<WorkerPool> {
		const pool = new WorkerPool();
		// Workers load compiled JavaScript, as n8n loads our nodes: the build must have run.
		const script = path.join(REPO_ROOT, 'dist', 'simulator', 'replay', 'worker.js');
		const started = Promise.all(
			Array.from({ length: size }, () => {
				// A bounded old generation makes V8 collect instead of growing: replays stream, nothing needs to stay.
				const worker = new Worker(script, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
				pool.workers.push(worker);
				return new Promise<void>((resolve, reject) => {
					worker.on('message', (message: { ready?: boolean; fatal?: string; id?: number; outcomes?: TicketOutcome[]; error?: string }) => {
						if (message.ready) resolve();
						else if (message.fatal) reject(new Error(message.fatal));
						else if (message.id !== undefined) {
							const waiter = pool.pending.get(message.id);
							pool.pending.delete(message.id);
							if (message.error) waiter?.reject(new Error(message.error));
							else waiter?.resolve(message.outcomes ?? []);
						}
					});
					worker.on('error', (error) => {
						reject(error);
						for (const waiter of pool.pending.values()) waiter.reject(error);
						pool.pending.clear();
					});
				});
			}),
		);
		// A workflow one worker cannot prepare fails them all: none may stay behind, busy starting.
		await started.catch(async (error: Error) => {
			await pool.close();
			throw error;
		});
		return pool;
	}

	/** One worker's part of a batch, as tickets or as the reader thread's serialised bytes. */
	runOn(shard: number, batch: ReplayTicket[] | Uint8Array): Promise<TicketOutcome[]> {
		const worker = this.workers[shard % this.workers.length];
		const id = this.nextId++;
		return new Promise<TicketOutcome[]>((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			worker.postMessage({ id, batch });
		});
	}

	/** A whole batch: split by conversation, as tickets or already split by the reader thread. */
	async run(batch: ReplayTicket[] | BatchPart[]): Promise<TicketOutcome[]> {
		const parts =
			batch.length > 0 && 'bytes' in batch[0]
				? (batch as BatchPart[]).map(({ shard, bytes }) => this.runOn(shard, bytes))
				: splitByShard(batch as ReplayTicket[], this.workers.length).map(({ shard, items }) => this.runOn(shard, items));
		return (await Promise.all(parts)).flat();
	}

	async close(): Promise<void> {
		await Promise.all(this.workers.map((worker) => worker.terminate()));
	}
}
