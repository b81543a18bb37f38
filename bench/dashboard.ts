/**
 * The live dashboard on a big store: a SQLite Conversation Store filled with 1,000,000 turns over 30
 * days (bench/dashboard/fill.ts, one transaction), then the time from the request to the page's HTML,
 * through the code the dashboard template's Support Insights node runs (storeReport: read the store,
 * the 24 h / 7 d / 30 d figures from the case tables, the 7-day gaps, the HTML). The first request
 * clusters the gaps (cold); the runs after it find them kept, as every request within the refresh
 * does: median and p95 of those, wall and CPU. Then the migration of the same store: its case tables
 * dropped, the time to fill them again (on the first caseFigures), and the figures compared with the ones before.
 * Needs node:sqlite, so it runs under n8n's Node 24 on the built package:
 *
 *   npm run build && <node 24> dist/bench/dashboard.js [--quick] [--runs 9] [--out <file.json>]
 *
 * Writes bench/results/dashboard.json (or --out). Goal: first paint ≤ 300 ms at 1,000,000 turns.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { storeReport, type StoreReportSettings } from '../nodes/SupportInsights/storeReport';
import { SqliteBackend, type CaseFigures } from '../nodes/shared/conversation';
import { entriesFromInline } from '../nodes/shared/knowledge';
import { monthOfConversations } from './dashboard/fill';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const quick = args.includes('--quick');
const TURNS = quick ? 100_000 : 1_000_000;
const RUNS = Math.max(1, Number(option('--runs') ?? 9));
const REPO = path.resolve(__dirname, '../..');
const out = option('--out') ?? path.join(REPO, 'bench', 'results', quick ? 'dashboard-quick.json' : 'dashboard.json');
/** Monday 09:00 in Mexico City, as the template's `$now` would give it. */
const NOW = '2026-03-09T09:00:00.000-06:00';
const GOAL_MS = 300;

const log = (line: string) => process.stderr.write(`${line}\n`);
const round = (ms: number) => Math.round(ms * 10) / 10;

/** The dashboard template's own knowledge base, so the gaps' nearest entries are found as in production. */
function templateKnowledge() {
	const template = JSON.parse(readFileSync(path.join(REPO, 'workflows', 'support-dashboard.json'), 'utf8')) as { nodes: Array<{ type: string; parameters: Record<string, unknown> }> };
	const node = template.nodes.find((n) => n.type.endsWith('.supportInsights'));
	return entriesFromInline(node?.parameters.knowledgeJson ?? '[]');
}

function nearestRank(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function loadAverage(): string {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bench only reports the machine's load
	return (require('node:os') as typeof import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ');
}

const figuresOf = async (backend: SqliteBackend): Promise<CaseFigures[]> =>
	Promise.all([24, 168, 720].map((hours) => backend.caseFigures(Date.parse(NOW) - hours * 3_600_000, Date.parse(NOW))));

/** Drops the store's case tables, as a store written before them has none, and times their migration. */
async function migrate(file: string) {
	const before = new SqliteBackend(file);
	const expected = JSON.stringify(await figuresOf(before));
	await before.close();
	const { DatabaseSync } = require('node:sqlite') as { DatabaseSync: new (file: string) => { exec(sql: string): void; close(): void } };
	const db = new DatabaseSync(file);
	db.exec('DROP TABLE s247_case; DROP TABLE s247_case_csat; DROP TABLE s247_case_suggestion; DROP TABLE s247_case_last; DROP TABLE s247_case_bucket; PRAGMA user_version = 0; VACUUM;');
	db.close();
	const after = new SqliteBackend(file);
	const started = performance.now();
	const migrated = after.migrateCases();
	const seconds = (performance.now() - started) / 1000;
	const same = JSON.stringify(await figuresOf(after)) === expected;
	await after.close();
	log(`migration: ${migrated.toLocaleString('en-US')} conversations in ${seconds.toFixed(1)} s, figures ${same ? 'identical' : 'DIFFERENT'}`);
	return { conversations: migrated, seconds: Math.round(seconds * 10) / 10, sameFigures: same };
}

async function main(): Promise<void> {
	const folder = mkdtempSync(path.join(tmpdir(), 's247-dashboard-bench-'));
	const file = path.join(folder, 'conversations.sqlite');
	try {
		const filling = new SqliteBackend(file);
		const fillStarted = performance.now();
		let turns = 0;
		const conversations = await filling.importRecords(
			(function* counted() {
				for (const record of monthOfConversations({ nowMs: Date.parse(NOW), turns: TURNS })) {
					turns += record.turns.length;
					yield record;
				}
			})(),
		);
		await filling.close();
		const fillSeconds = (performance.now() - fillStarted) / 1000;
		log(`filled ${turns.toLocaleString('en-US')} turns in ${conversations.toLocaleString('en-US')} conversations in ${fillSeconds.toFixed(1)} s (${Math.round(statSync(file).size / 2 ** 20)} MB)`);

		const settings: StoreReportSettings = {
			operation: 'dashboard',
			backend: 'sqlite',
			databaseFile: file,
			memoryName: 'default',
			window: '30d',
			now: NOW,
			topGaps: 5,
			title: 'Aurora Store support',
			refreshSeconds: 60,
			gapRefreshMinutes: 15,
			knowledge: templateKnowledge(),
		};
		const times: number[] = [];
		const cpu: number[] = [];
		let html = '';
		let coldMs = 0;
		for (let run = 0; run <= RUNS; run++) {
			const started = performance.now();
			const cpuStarted = process.cpuUsage();
			const page = await storeReport(settings);
			const ms = performance.now() - started;
			const used = process.cpuUsage(cpuStarted);
			html = String(page.html);
			if (run > 0) {
				times.push(ms);
				cpu.push((used.user + used.system) / 1000);
			} else coldMs = ms;
			log(`  ${run === 0 ? 'cold (gaps clustered)' : `run ${run}`}: ${round(ms)} ms`);
		}
		const sorted = [...times].sort((a, b) => a - b);
		const sortedCpu = [...cpu].sort((a, b) => a - b);
		const migration = await migrate(file);
		const result = {
			measuredAt: new Date().toISOString(),
			node: process.versions.node,
			turns,
			conversations,
			fillSeconds: Math.round(fillSeconds * 10) / 10,
			databaseMb: Math.round(statSync(file).size / 2 ** 20),
			runs: RUNS,
			medianMs: round(nearestRank(sorted, 50)),
			p95Ms: round(nearestRank(sorted, 95)),
			minMs: round(sorted[0]),
			medianCpuMs: round(nearestRank(sortedCpu, 50)),
			p95CpuMs: round(nearestRank(sortedCpu, 95)),
			coldMs: round(coldMs),
			migration,
			load: loadAverage(),
			htmlBytes: Buffer.byteLength(html),
			goal: { medianMs: GOAL_MS, met: nearestRank(sorted, 50) <= GOAL_MS },
		};
		writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
		process.stdout.write(`${JSON.stringify(result)}\n`);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	log(`${(error as Error).stack ?? error}`);
	process.exit(1);
});
