/**
 * What two threads can give this workload on this machine, with no engine and no coordination: the raw
 * domain functions in one worker thread, then in two at once (each its own copy of the tickets and
 * models), alternated. Two busy isolates share the caches and memory, and each brings its own garbage
 * collection, which a lone thread leaves to V8's helper threads on the idle core; so this ratio, not
 * 2×, is the ceiling against which `--workers 2 ÷ --workers 1` is read.
 */
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { median } from './median';

export interface TwoThreadCeiling {
	tickets: number;
	rounds: number;
	/** tickets/s of one thread alone, and of two together (their sum), medians of the rounds. */
	oneThread: number;
	twoThreads: number;
	ratio: number;
}

interface Job {
	tickets: string;
	limit: number;
}

/** Resolves when every thread has warmed up and timed its run; each thread starts timing at the same signal. */
async function runThreads(count: number, job: Job): Promise<number[]> {
	const workers = Array.from({ length: count }, () => new Worker(__filename, { workerData: job }));
	try {
		const ready = workers.map((worker) => new Promise<void>((resolve, reject) => {
			worker.once('message', () => resolve());
			worker.once('error', reject);
		}));
		await Promise.all(ready);
		const done = workers.map((worker) => new Promise<number>((resolve, reject) => {
			worker.once('message', (rate: number) => resolve(rate));
			worker.once('error', reject);
		}));
		for (const worker of workers) worker.postMessage('go');
		return await Promise.all(done);
	} finally {
		await Promise.all(workers.map((worker) => worker.terminate()));
	}
}


export async function twoThreadCeiling(tickets: string, limit = 10_000, rounds = 3): Promise<TwoThreadCeiling> {
	const one: number[] = [];
	const two: number[] = [];
	for (let round = 0; round < rounds; round++) {
		for (const count of round % 2 === 0 ? [1, 2] : [2, 1]) {
			const rates = await runThreads(count, { tickets, limit });
			(count === 1 ? one : two).push(rates.reduce((sum, rate) => sum + rate, 0));
		}
	}
	const oneThread = Math.round(median(one));
	const twoThreads = Math.round(median(two));
	return { tickets: limit, rounds, oneThread, twoThreads, ratio: Number((twoThreads / oneThread).toFixed(2)) };
}

/** One thread: reads and warms up (untimed), says it is ready, then times `limit` tickets on the signal. */
async function threadMain(): Promise<void> {
	const { tickets, limit } = workerData as Job;
	const { readWorkflowFile, REPO_ROOT } = await import('../../simulator/engine');
	const { readTickets } = await import('../../simulator/tickets');
	const { rawPipeline } = await import('./raw');
	const workflow = readWorkflowFile(path.join(REPO_ROOT, 'workflows', 'support-247-tiered.json'));
	const all: import('../../simulator/tickets').ReplayTicket[] = [];
	for await (const event of readTickets(tickets, { zone: 'America/Mexico_City' })) {
		if (event.kind === 'ticket') all.push(event.value);
		if (all.length >= limit) break;
	}
	const warm = rawPipeline(workflow);
	for (const item of all.slice(0, 200)) await warm(item);
	const pipeline = rawPipeline(workflow);
	parentPort?.once('message', async () => {
		const started = performance.now();
		for (const item of all) await pipeline(item);
		parentPort?.postMessage(all.length / ((performance.now() - started) / 1000));
	});
	parentPort?.postMessage('ready');
}

if (!isMainThread) void threadMain();
