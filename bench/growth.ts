/**
 * Growth benchmark: each adversarial case (test/reliability/adversarial/corpus.ts) at 10 KB,
 * 100 KB and 1 MB, as one ticket through each entry point (ticket CSV, web chat body, WhatsApp
 * Cloud payload, IMAP mail), with the entry point's own input limit, then through the text paths
 * behind it: triage, knowledge lookup, routing with fact extraction, quoted-reply stripping and the
 * reply subject. A case's time is its slowest entry point with everything behind it; the ratio is
 * per tenfold size. Goal: every ratio ≤ 12×, no case over 200 ms at 1 MB, peak RSS of a 1 MB
 * ticket ≤ 100 MB over the baseline.
 * `--uncapped` measures the text functions themselves on the full text instead (no entry point, no
 * limit): a diagnostic of their own growth, beside the goal.
 * `npm run bench` runs it with --write (bench/results/growth.json); alone:
 *   node dist/bench/growth.js [--write] [--uncapped] [--only <case name>]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { mailToTicket, parseMail } from '../nodes/shared/email/mailToTicket';
import { stripQuotedReply } from '../nodes/shared/email/quotedReply';
import { buildReplySubject } from '../nodes/shared/email/replyMail';
import { getKnowledgeBase, lookupKnowledge, DEFAULT_THRESHOLD, toKnowledgeEntries, type KnowledgeBase } from '../nodes/shared/knowledge';
import { extractFacts } from '../nodes/shared/routing/facts';
import { DEFAULT_ROUTING_POLICY } from '../nodes/shared/routing/policy';
import { routeTicket } from '../nodes/shared/routing/route';
import type { Ticket } from '../nodes/shared/ticket';
import { toTicketShape } from '../nodes/shared/ticket-input';
import { triageTicket } from '../nodes/shared/triage';
import { REPO_ROOT } from '../simulator/engine/repo-root';
import { readTickets } from '../simulator/tickets';
import { ADVERSARIAL_CASES, hugeHistory } from '../test/reliability/adversarial/corpus';

const SIZES = [10_000, 100_000, 1_000_000];
const GOALS = { maxRatio: 12, maxMsAt1Mb: 200, peakRssMb: 100 };
const AT = '2026-03-02T10:00:00-06:00';

function ticketOf(text: string): Ticket {
	return { ticketId: 'g', channel: 'webchat', customer: {}, message: { text, subject: text.slice(0, 200), receivedAt: AT } };
}

/** The text paths behind the entry points, on a ticket as it came in. */
function textPath(kb: KnowledgeBase, ticket: Ticket): void {
	const text = ticket.message.text;
	const triage = triageTicket(ticket);
	const { knowledge } = lookupKnowledge({ ...ticket, triage }, kb, { threshold: DEFAULT_THRESHOLD });
	routeTicket({ ...ticket, triage, knowledge: { ...knowledge, answered: false } }, DEFAULT_ROUTING_POLICY);
	extractFacts([text]);
	stripQuotedReply(text);
	buildReplySubject(ticket.message.subject ?? text, 'T-1');
}

async function fromCsv(file: string): Promise<Ticket> {
	for await (const event of readTickets(file, { zone: 'UTC' })) {
		if (event.kind === 'rejected') throw new Error(`CSV row rejected: ${event.reason}`);
		return event.value.ticket;
	}
	throw new Error('CSV gave no ticket');
}

const fromWebchat = (text: string): Ticket => toTicketShape({ body: { text, sessionId: 's-1', history: hugeHistory(200) } }, () => AT) as unknown as Ticket;

const fromWhatsAppCloud = (text: string): Ticket =>
	toTicketShape(
		{
			object: 'whatsapp_business_account',
			entry: [{ id: 'w', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '1', display_phone_number: '5255' }, contacts: [{ wa_id: '5215512345678', profile: { name: 'Ana' } }], messages: [{ from: '5215512345678', id: 'wamid.1', timestamp: '1772460000', type: 'text', text: { body: text } }] } }] }],
		},
		() => AT,
	) as unknown as Ticket;

async function fromMail(raw: string): Promise<Ticket> {
	return mailToTicket(await parseMail(raw)).ticket as unknown as Ticket;
}

function rawMail(text: string): string {
	return ['From: Ana <ana@example.com>', 'To: help@example.com', 'Subject: Re: order', 'Date: Mon, 2 Mar 2026 10:00:00 -0600', 'Message-ID: <m1@example.com>', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text].join('\r\n');
}

interface Entry {
	name: string;
	prepare(text: string, tmp: string, size: number): unknown;
	ticket(input: unknown): Promise<Ticket> | Ticket;
}

const ENTRIES: Entry[] = [
	{
		name: 'csv',
		prepare: (text, tmp, size) => {
			const file = path.join(tmp, `${size}.csv`);
			writeFileSync(file, stringify([['id', 'created_at', 'text'], ['g', AT, text]]));
			return file;
		},
		ticket: (file) => fromCsv(file as string),
	},
	{ name: 'webchat', prepare: (text) => text, ticket: (text) => fromWebchat(text as string) },
	{ name: 'whatsapp', prepare: (text) => text, ticket: (text) => fromWhatsAppCloud(text as string) },
	{ name: 'email', prepare: (text) => rawMail(text), ticket: (raw) => fromMail(raw as string) },
];

/**
 * Median of a few runs, in ms: the machine is shared, so one run slowed by a neighbour (or by the
 * first compile of a new kind of text) must not move the figure.
 */
async function medianOf(runs: number, work: () => Promise<void> | void): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const started = process.hrtime.bigint();
		await work();
		times.push(Number(process.hrtime.bigint() - started) / 1e6);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

export interface GrowthRow {
	name: string;
	target: string;
	ms: number[];
	ratios: number[];
	/** The entry point that was slowest at 1 MB (entry-point mode). */
	slowest?: string;
	/** Peak RSS over the baseline of a process handling this case's 1 MB ticket once through every entry point, MB. */
	rssMb?: number;
}

/** Peak resident memory so far, in bytes (the OS's own high-water mark, not a sample). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

export async function measureGrowth(only?: string, uncapped = false): Promise<{ rows: GrowthRow[]; peakRssDeltaMb: number }> {
	const storeKb = JSON.parse(readFileSync(path.join(REPO_ROOT, 'workflows', 'knowledge', 'store-kb.json'), 'utf8')) as unknown[];
	const kb = getKnowledgeBase(toKnowledgeEntries(storeKb), { cacheDir: false });
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'growth-'));
	const rows: GrowthRow[] = [];
	textPath(kb, ticketOf('warm up: where is my order #12345?'));
	for (const entry of ENTRIES) textPath(kb, await entry.ticket(entry.prepare('warm up: where is my order #12345?', tmp, 0)));
	const baselineRss = peakRss();
	try {
		for (const c of ADVERSARIAL_CASES) {
			if (only && c.name !== only) continue;
			const ms: number[] = [];
			let slowest = '';
			// One untimed pass at the smallest size first, so the first size does not pay for compiling
			// the code paths this kind of text takes (that understated the first ratio).
			const warm = c.make(SIZES[0]);
			if (uncapped) textPath(kb, ticketOf(warm));
			else for (const entry of ENTRIES) textPath(kb, await entry.ticket(entry.prepare(warm, tmp, -1)));
			for (const size of SIZES) {
				const text = c.make(size);
				const runs = 5;
				if (uncapped) {
					ms.push(await medianOf(runs, () => textPath(kb, ticketOf(text))));
					continue;
				}
				let worst = 0;
				for (const entry of ENTRIES) {
					const input = entry.prepare(text, tmp, size);
					const t = await medianOf(runs, async () => textPath(kb, await entry.ticket(input)));
					if (t > worst) [worst, slowest] = [t, entry.name];
				}
				ms.push(worst);
			}
			const ratios = ms.slice(1).map((t, i) => round(t / Math.max(ms[i], 0.01)));
			rows.push({ name: c.name, target: c.target, ms: ms.map(round), ratios, ...(uncapped ? {} : { slowest, rssMb: rssOfOneTicket(c.name) }) });
		}
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
	const perTicket = rows.map((r) => r.rssMb ?? 0);
	// Entry-point mode: the worst single 1 MB ticket, each in a fresh process (a high-water mark
	// over the whole run would add up the heap growth of every case before it).
	return { rows, peakRssDeltaMb: uncapped ? Math.round((peakRss() - baselineRss) / 1e6) : Math.max(0, ...perTicket) };
}

/** Runs this file in a child process on one case's 1 MB ticket and reads its peak RSS over the baseline. */
function rssOfOneTicket(name: string): number {
	const run = spawnSync(process.execPath, [__filename, '--rss-case', name], { encoding: 'utf8' });
	if (run.status !== 0) throw new Error(`RSS run of "${name}" failed: ${run.stderr}`);
	return Number(run.stdout.trim());
}

async function rssCase(name: string): Promise<void> {
	const c = ADVERSARIAL_CASES.find((x) => x.name === name);
	if (!c) throw new Error(`no case "${name}"`);
	const storeKb = JSON.parse(readFileSync(path.join(REPO_ROOT, 'workflows', 'knowledge', 'store-kb.json'), 'utf8')) as unknown[];
	const kb = getKnowledgeBase(toKnowledgeEntries(storeKb), { cacheDir: false });
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'growth-'));
	try {
		const inputs = ENTRIES.map((entry) => entry.prepare('warm up: where is my order #12345?', tmp, 0));
		for (const [i, entry] of ENTRIES.entries()) textPath(kb, await entry.ticket(inputs[i]));
		const text = c.make(SIZES[SIZES.length - 1]);
		const big = ENTRIES.map((entry) => entry.prepare(text, tmp, 1));
		const baseline = peakRss();
		for (const [i, entry] of ENTRIES.entries()) textPath(kb, await entry.ticket(big[i]));
		process.stdout.write(`${Math.round((peakRss() - baseline) / 1e6)}\n`);
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
}


function round(n: number): number {
	return Math.round(n * 10) / 10;
}

export function growthTable(rows: GrowthRow[], peakRssDeltaMb: number): string {
	const lines = ['| case | 10 KB ms | 100 KB ms | 1 MB ms | ×10 | ×100 → ×1000 | slowest entry | RSS MB | within goal |', '|---|---|---|---|---|---|---|---|---|'];
	for (const r of rows) {
		const ok = r.ratios.every((x) => x <= GOALS.maxRatio) && r.ms[2] <= GOALS.maxMsAt1Mb && (r.rssMb ?? 0) <= GOALS.peakRssMb;
		lines.push(`| ${r.name} | ${r.ms[0]} | ${r.ms[1]} | ${r.ms[2]} | ${r.ratios[0]}× | ${r.ratios[1]}× | ${r.slowest ?? '(uncapped)'} | ${r.rssMb ?? '–'} | ${ok ? 'yes' : 'no'} |`);
	}
	const worst = rows.filter((r) => r.rssMb !== undefined).sort((a, b) => (b.rssMb ?? 0) - (a.rssMb ?? 0))[0];
	lines.push('', worst ? `peak RSS of one 1 MB ticket through every entry point, over the baseline: ${peakRssDeltaMb} MB, worst case "${worst.name}" (goal ≤ ${GOALS.peakRssMb} MB)` : `peak RSS over the baseline during the run: ${peakRssDeltaMb} MB (goal ≤ ${GOALS.peakRssMb} MB)`);
	lines.push(`goals: each tenfold size ≤ ${GOALS.maxRatio}× the time, ≤ ${GOALS.maxMsAt1Mb} ms at 1 MB`);
	return lines.join('\n');
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const rssAt = args.indexOf('--rss-case');
	if (rssAt >= 0) return rssCase(args[rssAt + 1]);
	const onlyAt = args.indexOf('--only');
	const uncapped = args.includes('--uncapped');
	const { rows, peakRssDeltaMb } = await measureGrowth(onlyAt >= 0 ? args[onlyAt + 1] : undefined, uncapped);
	process.stdout.write(`${growthTable(rows, peakRssDeltaMb)}\n`);
	if (args.includes('--write')) {
		const out = { date: new Date().toISOString().slice(0, 10), mode: uncapped ? 'uncapped text functions' : 'entry points with their input limit', machine: { cores: os.cpus().length, node: process.version }, goals: GOALS, peakRssDeltaMb, rows };
		writeFileSync(path.join(REPO_ROOT, 'bench', 'results', 'growth.json'), `${JSON.stringify(out, null, 2)}\n`);
	}
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`growth: ${(error as Error).message}\n`);
		process.exit(1);
	});
}
