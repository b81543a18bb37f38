import { performance } from 'node:perf_hooks';
import { deserialize } from 'node:v8';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createEngine, workflowNodeTypes, type Engine, type WorkflowJson } from '../engine';
import { MetricsAccumulator, type ReplayReport } from '../metrics/accumulator';
import { DEFAULT_COST_MODEL, type CostModel } from '../metrics/cost-model';
import type { InputLimits } from '../../nodes/shared/input-limits';
import { readTickets, type ColumnMap, type ReplayTicket } from '../tickets';
import { BatchRunner, waves } from './batch-runner';
import { NumberList, percentile } from '../metrics/stats';
import { sendTicket } from './live';
import { MisrouteWriter } from './misroutes';
import type { TicketOutcome } from './outcome';
import { TicketReader, type BatchPart } from './ticket-reader';
import { WorkerPool } from './worker-pool';

export interface ReplayOptions {
	workflow: WorkflowJson;
	workflowName: string;
	tickets: string;
	preset?: string;
	map?: ColumnMap;
	zone: string;
	startNode?: string;
	workers?: number;
	/** Each worker thread's heap ceiling in MB (default DEFAULT_WORKER_HEAP_MB): more memory, fewer full collections. */
	workerHeapMb?: number;
	limit?: number;
	/** The input limit on text and history where tickets are read (default: DEFAULT_INPUT_LIMITS). */
	limits?: InputLimits;
	batchSize?: number;
	cost?: CostModel;
	holidayCountry?: string;
	holidayState?: string;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	errorsFile?: string;
	onProgress?: (done: number) => void;
	/** Every outcome as it is scored, e.g. to compare two replays ticket by ticket. */
	onOutcome?: (outcome: TicketOutcome) => void;
	/** False: read the ticket file in this thread (default: a thread of its own, except from standard input). */
	readerThread?: boolean;
	/** Reuse an engine across replays in one process (sweeps, tests). */
	engine?: Engine;
	/** Replay through a live n8n webhook instead of the in-process engine. */
	target?: string;
	concurrency?: number;
}

/**
 * Tickets per batch: each batch is one execution per entry channel, and n8n's work per execution
 * (task data, contexts, the run order) is shared by its items. 1,000 cost about 12 % less CPU than
 * 200 on 20,000 tickets with --workers 1, with the same peak RSS; larger batches gained little more.
 */
export const DEFAULT_BATCH_SIZE = 1000;

/**
 * Streams tickets from the file, runs them in batches on the real engine (in this thread, or over
 * worker threads), and scores each outcome as it arrives, so memory does not grow with the history.
 */
export async function replay(options: ReplayOptions): Promise<ReplayReport> {
	const started = performance.now();
	const accumulator = new MetricsAccumulator({
		zone: options.zone,
		cost: options.cost ?? DEFAULT_COST_MODEL,
		holidayCountry: options.holidayCountry,
		holidayState: options.holidayState,
	});
	const errors = options.errorsFile ? new MisrouteWriter(options.errorsFile) : undefined;
	const workers = Math.max(1, options.workers ?? 1);
	let batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
	// A bounded number of batches in flight keeps every worker busy without reading ahead unboundedly.
	let maxInFlight = workers * 2;

	// Set below for a live target, else once the engine or the workers have started.
	let run!: (batch: ReplayTicket[]) => Promise<TicketOutcome[]>;
	let pool: WorkerPool | undefined;
	let close = async () => {};
	const latencies = new NumberList();
	if (options.target) {
		const target = options.target;
		// One wave of `concurrency` requests at a time: simple, and the server sees a steady load.
		batchSize = Math.max(1, options.concurrency ?? 4);
		maxInFlight = 1;
		run = async (batch) => {
			const outcomes: TicketOutcome[] = [];
			// Turns of one conversation go one after another, as its customer sent them.
			for (const wave of waves(batch)) {
				const sent = await Promise.all(wave.map((item) => sendTicket(item, { target })));
				for (const { latencyMs } of sent) if (latencyMs !== undefined) latencies.push(latencyMs);
				outcomes.push(...sent.map(({ outcome }) => outcome));
			}
			return outcomes;
		};
	}
	// Reading gets a thread of its own unless tickets come on standard input: it parses the first
	// batches while the engine or the workers load, and then beside them.
	const reader =
		options.target || options.tickets === '-' || options.readerThread === false
			? undefined
			: TicketReader.start(
					{ tickets: options.tickets, preset: options.preset, map: options.map, zone: options.zone, limit: options.limit, limits: options.limits, batchSize, shards: workers },
					maxInFlight,
				);
	if (!options.target) {
		try {
			if (workers > 1) {
				const workerPool = await WorkerPool.start(workers, { workflow: options.workflow, workflowName: options.workflowName, startNode: options.startNode, credentials: options.credentials }, options.workerHeapMb);
				pool = workerPool;
				run = (batch) => workerPool.run(batch);
				close = () => workerPool.close();
			} else {
				const engine = options.engine ?? (await createEngine({ credentials: options.credentials, nodeTypes: workflowNodeTypes(options.workflow) }));
				const runner = new BatchRunner(engine, engine.prepare(options.workflow, options.workflowName), { startNode: options.startNode });
				run = (batch) => runner.run(batch);
			}
		} catch (error) {
			await reader?.close();
			throw error;
		}
	}

	let done = 0;
	const score = (outcomes: TicketOutcome[]) => {
		for (const outcome of outcomes) {
			accumulator.add(outcome);
			errors?.outcome(outcome);
			options.onOutcome?.(outcome);
		}
		done += outcomes.length;
		options.onProgress?.(done);
	};
	const rejectRow = (line: number, reason: string) => {
		accumulator.reject(line, reason);
		errors?.rejected(line, reason);
	};
	const inFlight = new Set<Promise<void>>();
	const dispatch = async (job: Promise<void>) => {
		inFlight.add(job);
		job.finally(() => inFlight.delete(job)).catch(() => {});
		if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
	};

	try {
		if (reader) {
			// Over workers this thread only forwards bytes and scores; alone, it runs the batch itself.
			const source = reader;
			const runParts = pool ? (parts: BatchPart[]) => (pool as WorkerPool).run(parts) : (parts: BatchPart[]) => run(parts.flatMap((part) => deserialize(part.bytes) as ReplayTicket[]));
			for await (const event of source.events()) {
				if (event.kind === 'rejected') rejectRow(event.line, event.reason);
				else await dispatch(runParts(event.parts).then(score).finally(() => source.grant(1)));
			}
		} else {
			let batch: ReplayTicket[] = [];
			let taken = 0;
			for await (const event of readTickets(options.tickets, { preset: options.preset, map: options.map, zone: options.zone, limits: options.limits })) {
				if (options.limit !== undefined && taken >= options.limit) break;
				taken++;
				if (event.kind === 'rejected') {
					rejectRow(event.line, event.reason);
					continue;
				}
				batch.push(event.value);
				if (batch.length >= batchSize) {
					await dispatch(run(batch).then(score));
					batch = [];
				}
			}
			if (batch.length) await dispatch(run(batch).then(score));
		}
		await Promise.all(inFlight);
	} finally {
		await reader?.close();
		await close();
		await errors?.close();
	}
	const wallSeconds = (performance.now() - started) / 1000;
	const report: ReplayReport = accumulator.summary({ wallSeconds, workflow: options.workflowName, tickets: options.tickets });
	if (options.target) {
		const values = latencies.values();
		report.live = {
			target: options.target,
			concurrency: batchSize,
			requests: values.length,
			latencyMs: { p50: percentile(values, 50), p90: percentile(values, 90), p99: percentile(values, 99), max: percentile(values, 100) },
		};
	}
	return report;
}
