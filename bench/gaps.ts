/**
 * Knowledge-gap clustering at scale: 100,000 (or `--tickets n`) unanswered tickets built from the
 * public datasets' training texts (read in place) and the demo history's Spanish and Portuguese
 * texts, each with a word or two dropped at random so that few are exact repeats, clustered with
 * the store knowledge base for the nearest entries. Prints one JSON line
 * { tickets, seconds, cpuSeconds, topics, clustered, topFiveShare, byLanguage, peakRssMb }; run alone, so the time is its own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { findKnowledgeGaps, type GapTicket } from '../nodes/shared/insights';
import { entriesFromFile } from '../nodes/shared/knowledge';
import { REPO_ROOT } from '../simulator/engine/repo-root';
import { datasetsDir } from './quality/datasets';

function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function texts(file: string): Array<{ text: string; language: string }> {
	const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
	return rows.filter((row) => row.text).map((row) => ({ text: row.text, language: row.language || 'en' }));
}

export function unansweredTickets(count: number, seed = 17): GapTicket[] {
	const data = datasetsDir(REPO_ROOT);
	const pool = [
		...texts(path.join(data, 'banking77', 'train.csv')),
		...texts(path.join(data, 'clinc150', 'train.csv')),
		...texts(path.join(data, 'bitext', 'train.csv')),
		...texts(path.join(data, 'hint3', 'sofmattress-train.csv')),
		...texts(path.join(data, 'hint3', 'curekart-train.csv')),
	];
	const demo = texts(path.join(REPO_ROOT, 'simulator', 'demo', 'history.csv')).filter((row) => row.language !== 'en');
	for (let k = 0; k < 6; k++) pool.push(...demo);
	const random = prng(seed);
	const tickets: GapTicket[] = [];
	for (let i = 0; i < count; i++) {
		const row = pool[Math.floor(random() * pool.length)];
		const words = row.text.split(/\s+/);
		if (words.length > 3) words.splice(Math.floor(random() * words.length), 1);
		if (words.length > 6 && random() < 0.5) words.splice(Math.floor(random() * words.length), 1);
		tickets.push({ id: `u${i}`, text: words.join(' '), language: row.language, offHours: random() < 0.38, reason: random() < 0.7 ? 'low_confidence' : 'not_found' });
	}
	return tickets;
}

function main(): void {
	const at = process.argv.indexOf('--tickets');
	const count = at > 0 ? Number(process.argv[at + 1]) : 100_000;
	const tickets = unansweredTickets(count);
	const knowledge = entriesFromFile(path.join(REPO_ROOT, 'workflows', 'knowledge', 'store-kb.json'));
	const started = performance.now();
	const cpu = process.cpuUsage();
	const analysis = findKnowledgeGaps(tickets, { knowledge });
	const seconds = Math.round((performance.now() - started) / 10) / 100;
	// On a shared machine the wall time includes waiting for a core; the CPU time is the work itself.
	const used = process.cpuUsage(cpu);
	const cpuSeconds = Math.round((used.user + used.system) / 10_000) / 100;
	const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
	const topFive = analysis.topics.slice(0, 5).reduce((sum, topic) => sum + topic.size, 0);
	process.stdout.write(`${JSON.stringify({ tickets: analysis.unanswered, seconds, cpuSeconds, topics: analysis.topics.length, clustered: analysis.clustered, topFiveShare: Math.round((topFive / analysis.unanswered) * 1000) / 1000, byLanguage: analysis.byLanguage, peakRssMb })}\n`);
}

if (require.main === module) main();
