import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One row of a ticket file, still raw: header -> value, with the line it started on. */
export type RawRow = { kind: 'row'; line: number; values: Record<string, string> };
export type RejectedRow = { kind: 'rejected'; line: number; reason: string };
export type RowEvent = RawRow | RejectedRow;

export class TicketFileError extends Error {
	override name = 'TicketFileError';
}

export type TicketFormat = 'csv' | 'jsonl' | 'json';

export function formatOf(file: string): TicketFormat {
	if (/\.jsonl$|\.ndjson$/i.test(file)) return 'jsonl';
	if (/\.json$/i.test(file)) return 'json';
	return 'csv';
}

function assertReadable(file: string): void {
	if (file === '-') return;
	if (!existsSync(file)) throw new TicketFileError(`Tickets file not found: ${file}`);
	if (statSync(file).isDirectory()) throw new TicketFileError(`Tickets file is a folder: ${file}`);
}

function open(file: string): Readable {
	assertReadable(file);
	return file === '-' ? process.stdin : createReadStream(file);
}

/**
 * Streams the rows of a CSV, JSONL or JSON ticket file. Malformed rows come out as rejections
 * with their line number; everything else keeps flowing.
 */
export async function* readRows(file: string, format: TicketFormat = formatOf(file)): AsyncGenerator<RowEvent> {
	if (format === 'jsonl') yield* readJsonLines(file);
	else if (format === 'json') yield* readJsonArray(file);
	else yield* readCsv(file);
}

function hasInvalidUtf8(value: string): boolean {
	return value.includes('\uFFFD');
}

/** Spreadsheet exports in many locales use ";" or tabs; the header line tells which. */
export function sniffDelimiter(file: string): string {
	if (file === '-') return ',';
	const buffer = Buffer.alloc(64 * 1024);
	const fd = openSync(file, 'r');
	const length = readSync(fd, buffer, 0, buffer.length, 0);
	closeSync(fd);
	const header = buffer.subarray(0, length).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
	const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
	return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** Byte offset just after the first line break at or after `from`, or -1 at the end of the file. */
function nextLineStart(file: string, from: number): number {
	const buffer = Buffer.alloc(64 * 1024);
	const fd = openSync(file, 'r');
	try {
		for (let position = from; ; position += buffer.length) {
			const length = readSync(fd, buffer, 0, buffer.length, position);
			if (length === 0) return -1;
			const index = buffer.subarray(0, length).indexOf(10);
			if (index >= 0) return position + index + 1;
		}
	} finally {
		closeSync(fd);
	}
}

async function* readCsv(file: string): AsyncGenerator<RowEvent> {
	assertReadable(file);
	const delimiter = sniffDelimiter(file);
	let headers: string[] | undefined;
	let startByte = 0;
	let lineOffset = 0;
	let sawAnything = false;
	// A quote that never closes swallows the rest of the file, and csv-parse can only say so at the
	// end. Parsing then resumes on the line after the broken record, so only that record is lost.
	for (;;) {
		const rejected: RejectedRow[] = [];
		let lastEnd = 0;
		let lastBytes = 0;
		let unclosedQuote = false;
		// csv-parse counts a CRLF inside a quoted cell as two lines; editors show one. Subtracted below.
		let crlfInCells = 0;
		const parser = (file === '-' ? process.stdin : createReadStream(file, { start: startByte })).pipe(
			parse({
				bom: true,
				delimiter,
				info: true,
				relax_quotes: true,
				// Column counts are checked below, in order with the rows around them.
				relax_column_count: true,
				skip_empty_lines: true,
				skip_records_with_error: true,
			}),
		);
		parser.on('skip', (error: { code?: string; lines?: number; message: string }) => {
			// Fires while parsing, ahead of rows still buffered: an unclosed quote is placed after the loop.
			if (error.code === 'CSV_QUOTE_NOT_CLOSED') unclosedQuote = true;
			else rejected.push({ kind: 'rejected', line: lineOffset + (error.lines ?? 0) - crlfInCells, reason: error.message });
		});
		for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
			yield* rejected.splice(0);
			sawAnything = true;
			const line = lineOffset + lastEnd + 1 - crlfInCells;
			lastEnd = info.lines;
			lastBytes = info.bytes;
			for (const cell of record) if (cell.includes('\r\n')) crlfInCells += cell.split('\r\n').length - 1;
			if (!headers) {
				headers = record.map((h) => h.trim());
				if (headers.some(hasInvalidUtf8)) throw new TicketFileError(`${file}: the header line is not valid UTF-8`);
				continue;
			}
			if (record.length !== headers.length) {
				yield { kind: 'rejected', line, reason: `wrong number of columns (expected ${headers.length}, got ${record.length})` };
				continue;
			}
			const values: Record<string, string> = {};
			headers.forEach((header, index) => (values[header] = record[index]));
			yield { kind: 'row', line, values };
		}
		let resumeAt: number | undefined;
		if (unclosedQuote) {
			sawAnything = true;
			const line = lineOffset + lastEnd + 1 - crlfInCells;
			rejected.push({ kind: 'rejected', line, reason: 'a quoted field is never closed' });
			const next = file === '-' ? -1 : nextLineStart(file, startByte + lastBytes);
			if (next >= 0) resumeAt = next;
			lineOffset = line;
		}
		yield* rejected.splice(0);
		if (resumeAt === undefined) break;
		startByte = resumeAt;
	}
	if (!sawAnything) throw new TicketFileError(`Tickets file ${file} is empty`);
}

async function* readJsonLines(file: string): AsyncGenerator<RowEvent> {
	let line = 0;
	for await (const text of createInterface({ input: open(file), crlfDelay: Infinity })) {
		line++;
		const trimmed = line === 1 ? text.replace(/^\uFEFF/, '').trim() : text.trim();
		if (!trimmed) continue;
		try {
			const value = JSON.parse(trimmed);
			if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
			yield { kind: 'row', line, values: stringValues(value) };
		} catch (error) {
			yield { kind: 'rejected', line, reason: `invalid JSON (${(error as Error).message})` };
		}
	}
	if (line === 0) throw new TicketFileError(`Tickets file ${file} is empty`);
}

async function* readJsonArray(file: string): AsyncGenerator<RowEvent> {
	const chunks: Buffer[] = [];
	for await (const chunk of open(file)) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
	if (!text.trim()) throw new TicketFileError(`Tickets file ${file} is empty`);
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new TicketFileError(`Tickets file ${file} is not valid JSON: ${(error as Error).message}`);
	}
	const list = Array.isArray(parsed) ? parsed : (parsed as { tickets?: unknown }).tickets;
	if (!Array.isArray(list)) throw new TicketFileError(`Tickets file ${file}: expected an array of tickets or { "tickets": [...] }`);
	for (let index = 0; index < list.length; index++) {
		const value = list[index];
		// JSON arrays have no line per ticket: the position stands in for it.
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			yield { kind: 'rejected', line: index + 1, reason: `ticket #${index + 1} is not an object` };
		} else yield { kind: 'row', line: index + 1, values: stringValues(value as Record<string, unknown>) };
	}
}

function stringValues(value: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, v] of Object.entries(value)) out[key] = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
	return out;
}
