/**
 * npm run bench: simulator throughput (workers 1 and 2) against the raw domain functions, a
 * 1,000,000-ticket streaming run with --workers 1 and 2 (wall time, peak RSS, scaling), the growth table on the adversarial corpus
 * (bench/growth.ts, bench/results/growth.json), and the quality figures, written to
 * bench/results/latest.json and latest.md. `-- --live` runs the live end-to-end test, which measures the
 * real-n8n webhook latency into .cache/bench/, and publishes those files in bench/results/ (without it the
 * last published ones are reported). `-- --quick` uses 20,000 and 100,000 tickets for a fast look.
 * The dashboard on a 1,000,000-turn SQLite store (bench/dashboard.ts) runs under n8n's Node 24
 * (node:sqlite), from $N8N_CACHE_DIR or .cache/n8n; without it the last published figures are reported.
 * The throughput rows run on two sets: the bench's own (tickets.ts) and a realistic mix (realistic-tickets.ts);
 * `-- --mix-cost` also times 20,000 of each with --workers 2, alternated (bench/results/mix-cost.json).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../simulator/engine';
import { DEFAULT_WORKER_HEAP_MB } from '../simulator/replay/worker-pool';
import { compareWithBaseline, type BaselineComparison } from './throughput/baseline';
import { engineThroughput, rawThroughput, triageCost } from './throughput/measure';
import { median } from './throughput/median';
import { mixCost, type MixCost } from './throughput/mix-cost';
import { writeRealisticTickets } from './throughput/realistic-tickets';
import { startupRatio } from './throughput/startup';
import { writeBenchTickets } from './throughput/tickets';
import { twoThreadCeiling } from './throughput/two-thread-ceiling';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const THROUGHPUT_TICKETS = quick ? 20_000 : 100_000;
const SCALE_TICKETS = quick ? 100_000 : 1_000_000;
const results = path.join(REPO_ROOT, 'bench', 'results');
const cache = path.join(REPO_ROOT, '.cache', 'bench');
/** What test/e2e/live-web-chat.e2e.test.ts measures (into .cache/bench/), published by --live. */
const LIVE_FILES = ['live-latency.json', 'live-vs-simulator.json'];

const log = (line: string) => process.stderr.write(`${line}\n`);

function readJson(file: string): Record<string, unknown> | undefined {
	return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

async function main(): Promise<void> {
	mkdirSync(results, { recursive: true });
	const tickets = path.join(cache, `tickets-${THROUGHPUT_TICKETS}.csv`);
	log(`bench: building ${THROUGHPUT_TICKETS} tickets from ../shared/datasets`);
	await writeBenchTickets(tickets, THROUGHPUT_TICKETS, REPO_ROOT);

	log('bench: raw domain functions');
	const raw = await rawThroughput(REPO_ROOT, tickets);
	log(`  ${raw.ticketsPerSecond} tickets/s`);
	const baseline = rawAgainstBaseline(tickets);
	log('bench: Support Triage alone (embedded default)');
	const triage = await triageCost(REPO_ROOT, tickets);
	log(`  ${triage.msPerTicket} ms a ticket, p99 ${triage.p99Ms} ms`);
	log('bench: simulator, --workers 1');
	const w1 = await engineThroughput(REPO_ROOT, tickets, 1);
	log(`  ${w1.ticketsPerSecond} tickets/s`);
	log('bench: simulator, --workers 2');
	const w2 = await engineThroughput(REPO_ROOT, tickets, 2);
	log(`  ${w2.ticketsPerSecond} tickets/s`);
	log('bench: the raw domain functions in two threads against one, alternated (no engine: the ceiling for --workers 2)');
	const ceiling = await twoThreadCeiling(tickets);
	log(`  ${ceiling.twoThreads} against ${ceiling.oneThread} tickets/s: ${ceiling.ratio}×`);
	const heap = heapTradeoff(tickets);
	const realistic = await realisticThroughput(THROUGHPUT_TICKETS);
	const mix = await mixCostBench(tickets);

	log('bench: start-up, a 10-ticket replay against require(\'n8n-core\'), alternated');
	const startup = startupRatio(REPO_ROOT);
	log(`  ${startup.replaySeconds} s against ${startup.requireCoreSeconds} s: ${startup.ratio}×`);

	const scaleFile = path.join(cache, `tickets-${SCALE_TICKETS}.csv`);
	log(`bench: building ${SCALE_TICKETS} tickets`);
	await writeBenchTickets(scaleFile, SCALE_TICKETS, REPO_ROOT);
	log(`bench: streaming ${SCALE_TICKETS} tickets, --workers 1`);
	const scale1 = streamed(scaleFile, 1);
	log(`  ${scale1.wallSeconds} s, peak RSS ${scale1.peakRssMb} MB`);
	log(`bench: streaming ${SCALE_TICKETS} tickets, --workers 2`);
	const scale = streamed(scaleFile, 2);
	log(`  ${scale.wallSeconds} s, peak RSS ${scale.peakRssMb} MB`);
	const scaleScaling = Number((scale.ticketsPerSecond / scale1.ticketsPerSecond).toFixed(2));

	log('bench: growth on the adversarial corpus (10 KB, 100 KB, 1 MB)');
	const growthRun = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'bench', 'growth.js'), '--write'], { encoding: 'utf8' });
	if (growthRun.status !== 0) throw new Error(`growth run failed: ${growthRun.stderr}`);
	log(growthRun.stdout.trimEnd());
	const gapsTickets = quick ? 20_000 : 100_000;
	log(`bench: knowledge gaps, ${gapsTickets} unanswered tickets`);
	const gapsRun = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'bench', 'gaps.js'), '--tickets', String(gapsTickets)], { encoding: 'utf8' });
	if (gapsRun.status !== 0) throw new Error(`gaps run failed: ${gapsRun.stderr}`);
	const gaps = JSON.parse(gapsRun.stdout.trim().split('\n').pop() as string);
	log(`  ${gaps.seconds} s (${gaps.cpuSeconds} s CPU), ${gaps.topics} topics`);

	const dashboard = dashboardBench(quick);

	let quality = readJson(path.join(results, 'quality.json'));
	if (!quality || args.has('--quality')) {
		log('bench: quality (npm run bench:quality)');
		execFileSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'bench', 'quality.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
		quality = readJson(path.join(results, 'quality.json'));
	}
	if (args.has('--live')) {
		log('bench: live webhook latency through a real n8n (end-to-end suite)');
		const started = Date.now();
		const e2e = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', 'jest.e2e.config.js', 'test/e2e/live'], { cwd: REPO_ROOT, stdio: 'inherit' });
		if (e2e.status !== 0) throw new Error(`the live end-to-end test failed (exit ${e2e.status ?? e2e.signal}); bench/results/ keeps its live figures`);
		for (const name of LIVE_FILES) {
			const measured = path.join(cache, name);
			if (!existsSync(measured) || statSync(measured).mtimeMs < started) throw new Error(`the live end-to-end test wrote no ${path.relative(REPO_ROOT, measured)}`);
			copyFileSync(measured, path.join(results, name));
		}
	}
	const live = readJson(path.join(results, 'live-latency.json'));
	const liveVsSimulator = readJson(path.join(results, 'live-vs-simulator.json')) as { tickets: number; liveSeconds: number; simulatorSeconds: number; ratio: number } | undefined;

	const overhead = Number((raw.ticketsPerSecond / w1.ticketsPerSecond).toFixed(2));
	const scaling = Number((w2.ticketsPerSecond / w1.ticketsPerSecond).toFixed(2));
	const latest = {
		date: new Date().toISOString().slice(0, 10),
		machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
		triage: { ...triage, goals: { msPerTicket: 0.3 } },
		throughput: { tickets: THROUGHPUT_TICKETS, raw, workers1: w1, workers2: w2, engineOverhead: overhead, scaling, twoThreadCeiling: ceiling, workerHeap: heap, goals: { ticketsPerSecond: 10_000, overhead: 1.2, scaling: 1.7 } },
		rawAgainstBaseline: baseline ?? null,
		startup: { ...startup, goals: { ratio: 2 } },
		scale: { ...scale, workers1: scale1, scaling: scaleScaling, goals: { ticketsPerSecond: 10_000, peakRssMb: 500, scaling: 1.7, atTickets: 1_000_000 } },
		gaps: { ...gaps, goals: { seconds: 60 } },
		dashboard: dashboard ?? null,
		quality,
		live: live ?? null,
		liveVsSimulator: liveVsSimulator ?? null,
		realisticMix: realistic,
		mixCost: mix ?? null,
	};
	writeFileSync(path.join(results, quick ? 'quick.json' : 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);
	const q = quality as { table?: Array<Record<string, unknown>> } | undefined;
	const md = [
		`# Benchmarks (${latest.date}, ${latest.machine.cores} cores, ${latest.machine.cpu}, Node ${latest.machine.node})`,
		'',
		'| measure | result | goal |',
		'|---|---|---|',
		`| raw domain functions, ${THROUGHPUT_TICKETS.toLocaleString('en-US')} tickets | ${raw.ticketsPerSecond.toLocaleString('en-US')} tickets/s | — |`,
		...(baseline
			? [
					`| raw domain functions against the commit the goals were set on (${baseline.commit.slice(0, 7)}, built from git; same ${baseline.tickets.toLocaleString('en-US')} tickets, fresh processes alternated, medians of ${baseline.rounds}) | ${baseline.currentTicketsPerSecond.toLocaleString('en-US')} against ${baseline.baselineTicketsPerSecond.toLocaleString('en-US')} tickets/s: ${baseline.speedup}× | ≥ 3× |`,
				]
			: []),
		`| Support Triage alone (embedded: lexicon, intent model, humanScore), ${triage.tickets.toLocaleString('en-US')} tickets | ${triage.msPerTicket} ms a ticket (p99 ${triage.p99Ms} ms) | ≤ 0.3 ms a ticket |`,
		`| simulator on the n8n engine, --workers 1 | ${w1.ticketsPerSecond.toLocaleString('en-US')} tickets/s | — |`,
		`| simulator on the n8n engine, --workers 2 | ${w2.ticketsPerSecond.toLocaleString('en-US')} tickets/s | ≥ 10,000 tickets/s |`,
		`| scaling (workers 2 ÷ workers 1, same run) | ${scaling}× | ≥ 1.7× |`,
		`| the raw domain functions in two threads ÷ one, no engine (${ceiling.tickets.toLocaleString('en-US')} tickets each, medians of ${ceiling.rounds}): what two threads can give here | ${ceiling.twoThreads.toLocaleString('en-US')} ÷ ${ceiling.oneThread.toLocaleString('en-US')} tickets/s = ${ceiling.ratio}× | — |`,
		`| --workers 2 with --worker-heap ${heap.heapMb} against the default ${heap.defaultHeapMb} MB, ${heap.tickets.toLocaleString('en-US')} tickets streamed (processes alternated, medians of ${heap.rounds}): memory for time | ${heap.wallSeconds} s against ${heap.defaultWallSeconds} s (${heap.ratio}×), peak RSS ${heap.peakRssMb} against ${heap.defaultPeakRssMb} MB | — |`,
		`| engine overhead (raw ÷ workers 1, same run) | ${overhead}× | ≤ 1.2× |`,
		...realisticRowsMd(realistic, { raw: raw.ticketsPerSecond, w1: w1.ticketsPerSecond, w2: w2.ticketsPerSecond }, mix),
		`| start-up: a 10-ticket replay ÷ node -e "require('n8n-core')" | ${startup.replaySeconds} s ÷ ${startup.requireCoreSeconds} s = ${startup.ratio}× | ≤ 2× |`,
		`| ${SCALE_TICKETS.toLocaleString('en-US')} tickets streamed, --workers 1 | ${scale1.wallSeconds} s (${Math.round(scale1.ticketsPerSecond).toLocaleString('en-US')} tickets/s), peak RSS ${scale1.peakRssMb} MB | — |`,
		`| ${SCALE_TICKETS.toLocaleString('en-US')} tickets streamed, --workers 2 | ${scale.wallSeconds} s (${Math.round(scale.ticketsPerSecond).toLocaleString('en-US')} tickets/s), peak RSS ${scale.peakRssMb} MB | ≥ 10,000 tickets/s, ≤ 500 MB at 1,000,000 |`,
		`| scaling over ${SCALE_TICKETS.toLocaleString('en-US')} tickets (workers 2 ÷ workers 1, same run) | ${scaleScaling}× | ≥ 1.7× |`,
		`| knowledge gaps: ${gaps.tickets.toLocaleString('en-US')} unanswered tickets clustered into ${gaps.topics.toLocaleString('en-US')} topics | ${gaps.seconds} s (${gaps.cpuSeconds} s CPU), peak RSS ${gaps.peakRssMb} MB | ≤ 60 s |`,
		...(dashboard
			? [`| dashboard page (24 h / 7 d / 30 d and the 7-day gaps) from a SQLite store of ${dashboard.turns.toLocaleString('en-US')} turns, ${dashboard.runs} runs after a warm-up | median ${dashboard.medianMs.toLocaleString('en-US')} ms, p95 ${dashboard.p95Ms.toLocaleString('en-US')} ms | ≤ 300 ms |`]
			: []),
		...(live ? liveRows(live as unknown as LiveLatency) : []),
		...(liveVsSimulator
			? [`| the same ${liveVsSimulator.tickets} demo tickets one by one through the live webhook, against the simulator | ${liveVsSimulator.liveSeconds} s against ${liveVsSimulator.simulatorSeconds} s: ${liveVsSimulator.ratio}× | — |`]
			: []),
		'',
		...(q?.table ? ['Quality: see `bench/results/quality.json` and the table in the README.'] : []),
	].join('\n');
	writeFileSync(path.join(results, quick ? 'quick.md' : 'latest.md'), `${md}\n`);
	process.stdout.write(`${md}\n`);
}

interface Streamed {
	tickets: number;
	wallSeconds: number;
	ticketsPerSecond: number;
	peakRssMb: number;
}

/** A large history through the template in a process of its own (bench/scale.ts), so its peak RSS is its own. */
function streamed(file: string, workers: number, heapMb?: number): Streamed {
	const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'bench', 'scale.js'), file, String(workers), ...(heapMb ? [String(heapMb)] : [])], { encoding: 'utf8' });
	if (run.status !== 0) throw new Error(`scale run with --workers ${workers} failed: ${run.stderr}`);
	return JSON.parse(run.stdout.trim().split('\n').pop() as string) as Streamed;
}

interface HeapTradeoff {
	tickets: number;
	rounds: number;
	heapMb: number;
	defaultHeapMb: number;
	wallSeconds: number;
	defaultWallSeconds: number;
	/** Wall time with the big heap ÷ with the default one. */
	ratio: number;
	peakRssMb: number;
	defaultPeakRssMb: number;
}

/**
 * What a big worker heap buys: the workers' ceiling bounds memory and sets how often V8 runs full
 * collections: with 256 MB two workers ran 35 over 50,000 tickets, where one engine in the main thread,
 * under Node's own ceiling, ran 4.
 */
function heapTradeoff(file: string, heapMb = 4096, rounds = 3): HeapTradeoff {
	log(`bench: --workers 2 with --worker-heap ${heapMb} against the default, alternated`);
	const runs: { big: Streamed[]; plain: Streamed[] } = { big: [], plain: [] };
	for (let round = 0; round < rounds; round++) {
		runs.plain.push(streamed(file, 2));
		runs.big.push(streamed(file, 2, heapMb));
	}
	const wallSeconds = median(runs.big.map((run) => run.wallSeconds));
	const defaultWallSeconds = median(runs.plain.map((run) => run.wallSeconds));
	const result = {
		tickets: runs.plain[0].tickets,
		rounds,
		heapMb,
		defaultHeapMb: DEFAULT_WORKER_HEAP_MB,
		wallSeconds,
		defaultWallSeconds,
		ratio: Number((wallSeconds / defaultWallSeconds).toFixed(2)),
		peakRssMb: median(runs.big.map((run) => run.peakRssMb)),
		defaultPeakRssMb: median(runs.plain.map((run) => run.peakRssMb)),
	};
	log(`  ${result.wallSeconds} s against ${result.defaultWallSeconds} s, peak RSS ${result.peakRssMb} against ${result.defaultPeakRssMb} MB`);
	return result;
}

/** Today's raw domain functions beside the baseline commit's, same run; a checkout without that commit (a shallow clone) skips it and says why. */
function rawAgainstBaseline(tickets: string): BaselineComparison | undefined {
	log('bench: raw domain functions, now against the baseline commit, alternated');
	try {
		const compared = compareWithBaseline(REPO_ROOT, tickets);
		log(`  ${compared.currentTicketsPerSecond} against ${compared.baselineTicketsPerSecond} tickets/s: ${compared.speedup}×`);
		return compared;
	} catch (error) {
		log(`  skipped: ${(error as Error).message}`);
		return undefined;
	}
}

/** The realistic mix (es/pt/en, WhatsApp bursts, emails with quoted history, conversations) through the same three measures. */
async function realisticThroughput(count: number) {
	const file = path.join(cache, `realistic-${count}.csv`);
	log(`bench: building ${count} realistic tickets (es 45 %, pt 30 %, en 25 %; WhatsApp, web chat, email; conversations)`);
	await writeRealisticTickets(file, count, REPO_ROOT);
	log('bench: realistic mix, raw domain functions');
	const raw = await rawThroughput(REPO_ROOT, file);
	log(`  ${raw.ticketsPerSecond} tickets/s`);
	log('bench: realistic mix, simulator, --workers 1');
	const workers1 = await engineThroughput(REPO_ROOT, file, 1);
	log(`  ${workers1.ticketsPerSecond} tickets/s`);
	log('bench: realistic mix, simulator, --workers 2');
	const workers2 = await engineThroughput(REPO_ROOT, file, 2);
	log(`  ${workers2.ticketsPerSecond} tickets/s`);
	const engineOverhead = Number((raw.ticketsPerSecond / workers1.ticketsPerSecond).toFixed(2));
	const scaling = Number((workers2.ticketsPerSecond / workers1.ticketsPerSecond).toFixed(2));
	return { tickets: count, raw, workers1, workers2, engineOverhead, scaling };
}

/** With --mix-cost, 20,000 tickets of each set, --workers 2, alternated; otherwise the last published figures. */
async function mixCostBench(benchTickets: string): Promise<MixCost | undefined> {
	const out = path.join(results, 'mix-cost.json');
	if (!args.has('--mix-cost')) return readJson(out) as unknown as MixCost | undefined;
	const count = 20_000;
	const files = { bench: path.join(cache, `tickets-${count}.csv`), realistic: path.join(cache, `realistic-${count}.csv`) };
	if (files.bench !== benchTickets) await writeBenchTickets(files.bench, count, REPO_ROOT);
	await writeRealisticTickets(files.realistic, count, REPO_ROOT);
	log(`bench: cost per ticket, realistic mix against the bench set, ${count.toLocaleString('en-US')} each, --workers 2, alternated`);
	const figures = await mixCost(REPO_ROOT, files, 3, 2, log);
	writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), ...figures }, null, 2)}\n`);
	log(`  realistic ÷ bench: ${figures.wallRatio}× wall, ${figures.cpuRatio}× CPU`);
	return figures;
}

function realisticRowsMd(mix: Awaited<ReturnType<typeof realisticThroughput>>, bench: { raw: number; w1: number; w2: number }, cost: MixCost | undefined): string[] {
	const n = (value: number) => value.toLocaleString('en-US');
	return [
		`| realistic mix (es 45 %, pt 30 %, en 25 %; WhatsApp bursts, web chat, emails with quoted history; conversations), ${n(mix.tickets)} tickets: raw domain functions | ${n(mix.raw.ticketsPerSecond)} tickets/s (bench set ${n(bench.raw)}) | — |`,
		`| realistic mix, --workers 1 | ${n(mix.workers1.ticketsPerSecond)} tickets/s (bench set ${n(bench.w1)}) | — |`,
		`| realistic mix, --workers 2 | ${n(mix.workers2.ticketsPerSecond)} tickets/s (bench set ${n(bench.w2)}) | — |`,
		`| realistic mix: scaling, engine overhead | ${mix.scaling}×, ${mix.engineOverhead}× | ≥ 1.7×, ≤ 1.2× |`,
		...(cost
			? [`| cost per ticket, realistic ÷ bench set (${n(cost.tickets)} each, --workers 2, alternated, median of ${cost.rounds.length / 2}) | ${cost.wallRatio}× wall (${cost.realistic.wallMsPerTicket} against ${cost.bench.wallMsPerTicket} ms), ${cost.cpuRatio}× CPU | — |`]
			: []),
	];
}

interface DashboardFigures {
	turns: number;
	runs: number;
	medianMs: number;
	p95Ms: number;
}

/** The dashboard benchmark under Node 24 (node:sqlite); the last published figures when there is no Node 24. */
function dashboardBench(quick: boolean): DashboardFigures | undefined {
	const file = path.join(results, quick ? 'dashboard-quick.json' : 'dashboard.json');
	const node24 = path.join(process.env.N8N_CACHE_DIR || path.join(REPO_ROOT, '.cache', 'n8n'), 'node24', 'node_modules', 'node', 'bin', 'node');
	if (!existsSync(node24)) {
		log(`bench: dashboard skipped (no Node 24 at ${node24}; scripts/install-n8n.sh installs it)`);
		return readJson(file) as unknown as DashboardFigures | undefined;
	}
	log(`bench: dashboard on a SQLite store of ${quick ? '100,000' : '1,000,000'} turns (Node 24)`);
	const run = spawnSync(node24, [path.join(REPO_ROOT, 'dist', 'bench', 'dashboard.js'), ...(quick ? ['--quick'] : []), '--out', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
	if (run.status !== 0) throw new Error(`dashboard run failed (exit ${run.status ?? run.signal})`);
	const figures = readJson(file) as unknown as DashboardFigures;
	log(`  median ${figures.medianMs} ms, p95 ${figures.p95Ms} ms`);
	return figures;
}

interface LiveLatency {
	p50Ms: number;
	p99Ms: number;
	floor?: { p50Ms: number; p99Ms: number };
	withoutStore?: { p50Ms: number; p99Ms: number };
	storeAddedP50Ms?: number;
}

/** The template's webhook latency, and beside it n8n's own floor measured on the same server. */
function liveRows(live: LiveLatency): string[] {
	const rows = [`| live webhook through the main template, real n8n | p50 ${live.p50Ms} ms, p99 ${live.p99Ms} ms | p50 < 30 ms, p99 < 100 ms |`];
	if (live.floor) {
		rows.push(`| bare Webhook → Respond to Webhook on the same n8n, interleaved | p50 ${live.floor.p50Ms} ms, p99 ${live.floor.p99Ms} ms | — |`);
		const added = (ms: number) => Number(ms.toFixed(1));
		rows.push(`| the template's added latency over that floor | p50 ${added(live.p50Ms - live.floor.p50Ms)} ms, p99 ${added(live.p99Ms - live.floor.p99Ms)} ms | p50 ≤ 2 ms, p99 ≤ 10 ms |`);
	}
	if (live.withoutStore) {
		rows.push(
			`| the same template without the Conversation Store's nodes, interleaved | p50 ${live.withoutStore.p50Ms} ms, p99 ${live.withoutStore.p99Ms} ms: the store adds ${live.storeAddedP50Ms} ms at p50 | ≤ 2 ms at p50 |`,
		);
	}
	return rows;
}

main().catch((error) => {
	process.stderr.write(`bench: ${(error as Error).message}\n`);
	process.exit(1);
});
