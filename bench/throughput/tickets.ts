/**
 * Builds large ticket histories for the throughput and scale benchmarks from the public datasets'
 * real texts (read in place) and the demo history's Spanish and Portuguese texts, with timestamps
 * spread over 26 weeks with a daily and weekly rhythm. Deterministic for a given seed.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import { DateTime } from 'luxon';
import { datasetsDir } from '../quality/datasets';

// A tiny seeded PRNG (mulberry32): reproducible histories without a dependency.
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface TextRow {
	text: string;
	language: string;
}

export function readTexts(file: string, column = 'text'): TextRow[] {
	if (!existsSync(file)) return [];
	const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
	return rows.filter((r) => r[column]).map((r) => ({ text: r[column], language: r.language || 'en' }));
}

export function textPool(repoRoot: string): TextRow[] {
	const data = datasetsDir(repoRoot);
	const pool = [
		...readTexts(path.join(data, 'bitext', 'train.csv')),
		...readTexts(path.join(data, 'bitext', 'validation.csv')),
		...readTexts(path.join(data, 'banking77', 'validation.csv')),
		...readTexts(path.join(data, 'clinc150', 'validation.csv')),
		...readTexts(path.join(data, 'hint3', 'sofmattress-train.csv')),
	];
	const demo = readTexts(path.join(repoRoot, 'simulator', 'demo', 'history.csv')).filter((r) => r.language !== 'en');
	// The datasets are English; the demo's es/pt texts bring the mix close to a LATAM shop's.
	for (let k = 0; k < 6; k++) pool.push(...demo);
	if (pool.length === 0) throw new Error(`No ticket texts found under ${data}`);
	return pool;
}

export const HOUR_WEIGHTS = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 4, 6, 7, 7, 6, 6, 6, 6, 5, 5, 5, 5, 5, 4, 3, 2];
const CHANNELS = ['whatsapp', 'whatsapp', 'webchat', 'email'];

/** Writes `count` tickets to `file` (streamed, so a million rows never sit in memory). */
export async function writeBenchTickets(file: string, count: number, repoRoot: string, seed = 247): Promise<void> {
	if (existsSync(file) && statSync(file).size > 0) {
		const marker = `${file}.count`;
		if (existsSync(marker) && readFileSync(marker, 'utf8') === String(count)) return;
	}
	mkdirSync(path.dirname(file), { recursive: true });
	const pool = textPool(repoRoot);
	const random = prng(seed);
	const start = DateTime.fromISO('2026-03-02T00:00:00', { zone: 'America/Mexico_City' });
	const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
	const out = createWriteStream(file);
	const csv = stringify({ header: true, columns: ['id', 'created_at', 'channel', 'language', 'customer_name', 'text'] });
	csv.pipe(out);
	for (let i = 0; i < count; i++) {
		let pick = random() * hourTotal;
		let hour = 0;
		while (pick > HOUR_WEIGHTS[hour]) pick -= HOUR_WEIGHTS[hour++];
		const day = Math.floor(random() * 182);
		const at = start.plus({ days: day, hours: Math.min(hour, 23), minutes: Math.floor(random() * 60) });
		const row = pool[Math.floor(random() * pool.length)];
		const ok = csv.write([`b${i}`, at.toISO({ suppressMilliseconds: true }), CHANNELS[i % CHANNELS.length], row.language, 'Cliente', row.text]);
		if (!ok) await new Promise<void>((resolve) => csv.once('drain', () => resolve()));
	}
	csv.end();
	await new Promise<void>((resolve) => out.on('finish', () => resolve()));
	const { writeFileSync } = await import('node:fs');
	writeFileSync(`${file}.count`, String(count));
}
