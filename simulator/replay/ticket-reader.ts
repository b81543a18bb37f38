import type { InputLimits } from '../../nodes/shared/input-limits';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { REPO_ROOT } from '../engine';
import { TicketFileError, type ColumnMap } from '../tickets';

/** The reader keeps no tickets: its heap holds the parser, one batch and the ids already seen. */
const READER_HEAP_MB = 96;
/** Its garbage is one batch's rows at a time: a small young generation is enough, and keeps its memory small. */
const READER_YOUNG_MB = Number(process.env.SUPPORT247_READER_YOUNG_MB ?? 8);

export interface ReaderData {
	tickets: string;
	preset?: string;
	map?: ColumnMap;
	zone: string;
	limit?: number;
	limits?: InputLimits;
	batchSize: number;
	/** Workers to split each batch over, by conversation. */
	shards: number;
}

/** One worker's part of a batch, still serialised. */
export interface BatchPart {
	shard: number;
	bytes: Uint8Array;
}

export type ReaderMessage =
	| { kind: 'batch'; count: number; parts: BatchPart[] }
	| { kind: 'rejected'; line: number; reason: string }
	| { kind: 'end' }
	| { kind: 'error'; name: string; message: string };

/**
 * The coordinating side of the reader thread: an async stream of serialised batches and rejected
 * rows, in file order. `grant` lets the reader send more batches (one per batch finished).
 */
export class TicketReader {
	private readonly queue: ReaderMessage[] = [];
	private wake?: () => void;

	private constructor(private readonly worker: Worker) {
		worker.on('message', (message: ReaderMessage) => this.push(message));
		worker.on('error', (error) => this.push({ kind: 'error', name: error.name, message: error.message }));
	}

	static start(data: ReaderData, credits: number): TicketReader {
		const script = path.join(REPO_ROOT, 'dist', 'simulator', 'replay', 'reader-worker.js');
		const reader = new TicketReader(new Worker(script, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB, maxYoungGenerationSizeMb: READER_YOUNG_MB } }));
		reader.grant(credits);
		return reader;
	}

	grant(credits: number): void {
		this.worker.postMessage({ credits });
	}

	private push(message: ReaderMessage): void {
		this.queue.push(message);
		this.wake?.();
	}

	async *events(): AsyncGenerator<Extract<ReaderMessage, { kind: 'batch' | 'rejected' }>> {
		for (;;) {
			while (this.queue.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
			const message = this.queue.shift() as ReaderMessage;
			if (message.kind === 'end') return;
			if (message.kind === 'error') {
				// The same error the in-thread reader would throw, so the CLI prints the same line.
				throw message.name === 'TicketFileError' ? new TicketFileError(message.message) : new Error(message.message);
			}
			yield message;
		}
	}

	async close(): Promise<void> {
		await this.worker.terminate();
	}
}
