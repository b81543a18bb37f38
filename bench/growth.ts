/**
 * Growth benchmark: each adversarial case (test/reliability/adversarial/corpus.ts) at 10 KB,
 * 100 KB and 1 MB through the text paths, with no input cap, so the functions themselves must be
 * linear: triage, knowledge lookup, routing with fact extraction, quoted-reply stripping, the
 * reply subject and the CSV reader. Prints the time per size and the ratio per tenfold size.
 * Goal: every ratio ≤ 12×, no case over 200 ms at 1 MB, peak RSS of a 1 MB ticket ≤ 100 MB over
 * the baseline. `npm run bench` runs it with --write (bench/results/growth.json); alone:
 *   node dist/bench/growth.js [--write] [--only <case name>]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { stripQuotedReply } from '../nodes/shared/email/quotedReply';
import { buildReplySubject } from '../nodes/shared/email/replyMail';
import { getKnowledgeBase, lookupKnowledge, DEFAULT_THRESHOLD, toKnowledgeEntries, type KnowledgeBase } from '../nodes/shared/knowledge';
import { extractFacts } from '../nodes/shared/routing/facts';
import { DEFAULT_ROUTING_POLICY } from '../nodes/shared/routing/policy';
import { routeTicket } from '../nodes/shared/routing/route';
import type { Ticket } from '../nodes/shared/ticket';
import { triageTicket } from '../nodes/shared/triage';
import { REPO_ROOT } from '../simulator/engine/repo-root';
import { readTickets } from '../simulator/tickets';
import { ADVERSARIAL_CASES } from '../test/reliability/adversarial/corpus';

const SIZES = [10_000, 100_000, 1_000_000];
const GOALS = { maxRatio: 12, maxMsAt1Mb: 200, peakRssMb: 100 };
const AT = '2026-03-02T10:00:00-06:00';

function ticketOf(text: string): Ticket {
	return { ticketId: 'g', channel: 'webchat', customer: {}, message: { text, subject: text.slice(0, 200), receivedAt: AT } };
}

/** The in-memory text path of one ticket, uncapped. */
function textPath(kb: KnowledgeBase, text: string): void {
	const ticket = ticketOf(text);
	const triage = triageTicket(ticket);
	const { knowledge } = lookupKnowledge({ ...ticket, triage }, kb, { threshold: DEFAULT_THRESHOLD });
	routeTicket({ ...ticket, triage, knowledge: { ...knowledge, answered: false } }, DEFAULT_ROUTING_POLICY);
	extractFacts([text]);
	stripQuotedReply(text);
	buildReplySubject(text, 'T-1');
}

async function readCsv(file: string): Promise<number> {
	let events = 0;
	for await (const event of readTickets(file, { zone: 'UTC', limits: { maxTextLength: Number.MAX_SAFE_INTEGER, maxHistoryTurns: 50 } })) {
		if (event.kind) events++;
	}
	return events;
}

/** Best of a few runs, in ms: the bench measures the code, not the neighbours on a shared machine. */
async function bestOf(runs: number, work: () => Promise<void> | void): Promise<number> {
	let best = Infinity;
	for (let i = 0; i < runs; i++) {
		const started = process.hrtime.bigint();
		await work();
		best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
	}
	return best;
}

export interface GrowthRow {
	name: string;
	target: string;
	ms: number[];
	ratios: number[];
}

export async function measureGrowth(only?: string): Promise<{ rows: GrowthRow[]; peakRssDeltaMb: number }> {
	const storeKb = JSON.parse(readFileSync(path.join(REPO_ROOT, 'workflows', 'knowledge', 'store-kb.json'), 'utf8')) as unknown[];
	const kb = getKnowledgeBase(toKnowledgeEntries(storeKb), { cacheDir: false });
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'growth-'));
	const rows: GrowthRow[] = [];
	textPath(kb, 'warm up: where is my order #12345?');
	const baselineRss = process.memoryUsage().rss;
	let peakRss = baselineRss;
	try {
		for (const c of ADVERSARIAL_CASES) {
			if (only && c.name !== only) continue;
			const ms: number[] = [];
			for (const size of SIZES) {
				const text = c.make(size);
				const file = path.join(tmp, `${size}.csv`);
				writeFileSync(file, stringify([['id', 'created_at', 'text'], ['g', AT, text]]));
				const runs = size >= 1_000_000 ? 2 : 4;
				ms.push(await bestOf(runs, async () => {
					textPath(kb, text);
					await readCsv(file);
				}));
				peakRss = Math.max(peakRss, process.memoryUsage().rss);
			}
			const ratios = ms.slice(1).map((t, i) => round(t / Math.max(ms[i], 0.01)));
			rows.push({ name: c.name, target: c.target, ms: ms.map(round), ratios });
		}
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
	return { rows, peakRssDeltaMb: Math.round((peakRss - baselineRss) / 1e6) };
}

function round(n: number): number {
	return Math.round(n * 10) / 10;
}

export function growthTable(rows: GrowthRow[], peakRssDeltaMb: number): string {
	const lines = ['| case | 10 KB ms | 100 KB ms | 1 MB ms | ×10 | ×100 → ×1000 | within goal |', '|---|---|---|---|---|---|---|'];
	for (const r of rows) {
		const ok = r.ratios.every((x) => x <= GOALS.maxRatio) && r.ms[2] <= GOALS.maxMsAt1Mb;
		lines.push(`| ${r.name} | ${r.ms[0]} | ${r.ms[1]} | ${r.ms[2]} | ${r.ratios[0]}× | ${r.ratios[1]}× | ${ok ? 'yes' : 'no'} |`);
	}
	lines.push('', `peak RSS over the baseline while handling the 1 MB tickets: ${peakRssDeltaMb} MB (goal ≤ ${GOALS.peakRssMb} MB)`);
	lines.push(`goals: each tenfold size ≤ ${GOALS.maxRatio}× the time, ≤ ${GOALS.maxMsAt1Mb} ms at 1 MB`);
	return lines.join('\n');
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const onlyAt = args.indexOf('--only');
	const { rows, peakRssDeltaMb } = await measureGrowth(onlyAt >= 0 ? args[onlyAt + 1] : undefined);
	process.stdout.write(`${growthTable(rows, peakRssDeltaMb)}\n`);
	if (args.includes('--write')) {
		const out = { date: new Date().toISOString().slice(0, 10), machine: { cores: os.cpus().length, node: process.version }, goals: GOALS, peakRssDeltaMb, rows };
		writeFileSync(path.join(REPO_ROOT, 'bench', 'results', 'growth.json'), `${JSON.stringify(out, null, 2)}\n`);
	}
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`growth: ${(error as Error).message}\n`);
		process.exit(1);
	});
}
