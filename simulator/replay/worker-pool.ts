import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { REPO_ROOT } from '../engine';
import type { ReplayTicket } from '../tickets';
import type { TicketOutcome } from './outcome';
import { splitByShard } from './shard';
import type { BatchPart } from './ticket-reader';

/**
 * Each worker's heap ceiling (old generation), unless --worker-heap sets it: enough for the engine, our
 * nodes and a large knowledge base's model, and a bound so that V8 collects instead of growing.
 */
export const DEFAULT_WORKER_HEAP_MB = Number(process.env.SUPPORT247_WORKER_HEAP_MB ?? 256);
/** The smallest --worker-heap: below it n8n and our nodes do not load. */
export const MIN_WORKER_HEAP_MB = 128;

/**
 * The young generation for a heap ceiling. Each batch leaves megabytes of short-lived engine data (task
 * data, item copies): with V8's default young generation a worker scavenged so often that its collector
 * threads took a third of its time. 24 MB scavenged as fast as 48 MB did in alternated runs of 20,000
 * tickets, with a peak RSS ~50 MB lower. A heap of a gigabyte or more is a choice of speed over memory and
 * gets the coordinating thread's own 48 MB: 4096 MB with it collected less and was ~7 % faster over two
 * workers (50,000 tickets, median of 6 alternated pairs), at ~1.7× the peak RSS.
 */
export function youngGenerationMb(heapMb: number): number {
	const set = process.env.SUPPORT247_WORKER_YOUNG_MB;
	if (set !== undefined) return Number(set);
	return heapMb >= 1024 ? 48 : 24;
}

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
	/** Each worker's heap limit as V8 reports it, once the worker is ready. */
	readonly heapLimitsMb: number[] = [];

	private constructor() {}

	get size(): number {
		return this.workers.length;
	}

	static async start(
		size: number,
		data: { workflow: unknown; workflowName?: string; startNode?: string; credentials?: unknown },
		heapMb = DEFAULT_WORKER_HEAP_MB,
	): Promise<WorkerPool> {
		const pool = new WorkerPool();
		// Workers load compiled JavaScript, as n8n loads our nodes: the build must have run.
		const script = path.join(REPO_ROOT, 'dist', 'simulator', 'replay', 'worker.js');
		const started = Promise.all(
			Array.from({ length: size }, () => {
				// A bounded old generation makes V8 collect instead of growing: replays stream, nothing needs to stay.
				const worker = new Worker(script, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: youngGenerationMb(heapMb) } });
				const index = pool.workers.push(worker) - 1;
				return new Promise<void>((resolve, reject) => {
					worker.on('message', (message: { ready?: boolean; heapLimitMb?: number; fatal?: string; id?: number; outcomes?: TicketOutcome[]; error?: string }) => {
						if (message.ready) {
							pool.heapLimitsMb[index] = message.heapLimitMb ?? 0;
							resolve();
						} else if (message.fatal) reject(new Error(message.fatal));
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
