import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { capRecordFields, CsvRecordSplitter, type CsvPiece } from './csv-records';

/**
 * One row of a ticket file, still raw: header -> value, with the line it started on; `cut` gives
 * the original length of each field cut at maxFieldLength as it was read.
 */
export type RawRow = { kind: 'row'; line: number; values: Record<string, string>; cut?: Record<string, number> };
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

export interface ReadRowsOptions {
	/** CSV fields longer than this are cut as they are read, before csv-parse (default: never). */
	maxFieldLength?: number;
}

/**
 * Streams the rows of a CSV, JSONL or JSON ticket file. Malformed rows come out as rejections
 * with their line number; everything else keeps flowing.
 */
export async function* readRows(file: string, format: TicketFormat = formatOf(file), options: ReadRowsOptions = {}): AsyncGenerator<RowEvent> {
	if (format === 'jsonl') yield* readJsonLines(file);
	else if (format === 'json') yield* readJsonArray(file);
	else yield* readCsv(file, options.maxFieldLength ?? Infinity);
}

function hasInvalidUtf8(value: string): boolean {
	return value.includes('\uFFFD');
}

/** Spreadsheet exports in many locales use ";" or tabs; the header line tells which. */
function readHead(file: string): string {
	const buffer = Buffer.alloc(64 * 1024);
	const fd = openSync(file, 'r');
	const length = readSync(fd, buffer, 0, buffer.length, 0);
	closeSync(fd);
	return buffer.subarray(0, length).toString('utf8');
}

export function sniffDelimiter(file: string): string {
	if (file === '-') return ',';
	const header = readHead(file).split(/\r?\n/, 1)[0] ?? '';
	const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
	return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** Records handed to csv-parse at once: big enough to amortise the call, small enough to stream. */
const BATCH_RECORDS = 2000;

const CSV_OPTIONS = { relax_quotes: true, relax_column_count: true, skip_empty_lines: true } as const;

export type LineEnd = '\n' | '\r\n' | '\r';

/** The file's record delimiter, as csv-parse finds it: the first line break decides. */
export function sniffLineEnd(file: string): LineEnd {
	if (file === '-') return '\n';
	const head = readHead(file);
	const at = head.search(/[\r\n]/);
	if (at < 0 || head[at] === '\n') return '\n';
	return head[at + 1] === '\n' ? '\r\n' : head[at + 1] === undefined ? '\r\n' : '\r';
}

/** Where LineSplitter.feed sends lines, and runs of lines while `open` says a quoted field spans them. */
export interface LineSink {
	line(text: string): void;
	readonly open: boolean;
	run(block: string): void;
}

/**
 * Splits streamed text into lines (without the line end); a line may span many chunks. Lines come
 * back per chunk, synchronously: a text of a million line breaks must not cost a million awaits.
 */
export class LineSplitter {
	private carry: string[] = [];
	private readonly split: string;

	constructor(private readonly eol: LineEnd) {
		this.split = eol === '\r' ? '\r' : '\n';
	}

	push(chunk: string): string[] {
		const lines: string[] = [];
		this.feed(chunk, { line: (text) => lines.push(text), open: false, run: () => undefined });
		return lines;
	}

	/**
	 * As push, to a sink; while the sink is inside a spanning quoted field, the whole lines up to the
	 * chunk's next closing quote go to it as one run (joined by the line end as in the file).
	 */
	feed(chunk: string, sink: LineSink): void {
		let from = 0;
		for (;;) {
			if (sink.open && this.carry.length === 0) from = this.run(chunk, from, sink);
			const at = chunk.indexOf(this.split, from);
			if (at < 0) break;
			const part = chunk.slice(from, at);
			from = at + 1;
			if (this.eol === '\r\n') {
				// Only "\r\n" ends a line in such a file; a bare "\n" is text, as csv-parse reads it.
				const endsWithCr = part ? part.endsWith('\r') : this.carry.length > 0 && this.carry[this.carry.length - 1].endsWith('\r');
				if (!endsWithCr) {
					this.carry.push(part, '\n');
					continue;
				}
				this.carry.push(part);
				const line = this.carry.join('');
				this.carry = [];
				sink.line(line.slice(0, -1));
				continue;
			}
			if (this.carry.length === 0) sink.line(part);
			else {
				this.carry.push(part);
				sink.line(this.carry.join(''));
				this.carry = [];
			}
		}
		if (from < chunk.length) this.carry.push(chunk.slice(from));
	}

	end(): string[] {
		return this.carry.length ? [this.carry.join('')] : [];
	}

	/**
	 * Sends the whole lines from `from` up to the next quote that is not a "" escape (the one that
	 * may close the field) as one run; returns where reading goes on.
	 */
	private run(chunk: string, from: number, sink: LineSink): number {
		let quote = chunk.indexOf('"', from);
		while (quote >= 0 && quote + 1 < chunk.length && chunk.charCodeAt(quote + 1) === 0x22) quote = chunk.indexOf('"', quote + 2);
		const limit = quote < 0 ? chunk.length : quote;
		const lastEnd = chunk.lastIndexOf(this.eol, limit - this.eol.length);
		if (lastEnd < from || limit - this.eol.length < 0) return from;
		sink.run(chunk.slice(from, lastEnd));
		return lastEnd + this.eol.length;
	}
}

/**
 * CSV rows through csv-parse, after CsvRecordSplitter has found where each record starts and which
 * ones are broken (a quote that never closes, or closes on a later line mid-field): those are
 * rejected on their first line and reading goes on at the next line, in one pass.
 */
async function* readCsv(file: string, maxFieldLength: number): AsyncGenerator<RowEvent> {
	assertReadable(file);
	const delimiter = sniffDelimiter(file);
	const eol = sniffLineEnd(file);
	const input = file === '-' ? process.stdin.setEncoding('utf8') : createReadStream(file, { encoding: 'utf8' });
	const splitter = new CsvRecordSplitter(delimiter.charCodeAt(0), eol);
	let headers: string[] | undefined;
	let sawAnything = false;
	let batch: CsvPiece[] = [];
	let records = 0;
	let first = true;

	function* flush(): Generator<RowEvent> {
		const pieces = batch;
		batch = [];
		records = 0;
		// Rows (never the header) with a field over the limit are cut before csv-parse reads them.
		const cuts = new Map<CsvPiece, Map<number, number>>();
		const texts = pieces.flatMap((piece) => {
			if (piece.kind !== 'record') return [];
			if (!headers || piece.text.length <= maxFieldLength) return [piece.text];
			const capped = capRecordFields(piece.text, delimiter.charCodeAt(0), maxFieldLength);
			if (capped.cut.size) cuts.set(piece, capped.cut);
			return [capped.text];
		});
		let parsed: string[][] | undefined;
		try {
			parsed = parse(texts.join(eol) + eol, { ...CSV_OPTIONS, delimiter, record_delimiter: eol }) as string[][];
		} catch {
			parsed = undefined;
		}
		// The splitter follows csv-parse's quote rules, so the counts agree; if a file mixes line
		// endings they may not, and each record is then parsed on its own.
		const aligned = parsed !== undefined && parsed.length === texts.length;
		let next = 0;
		for (const piece of pieces) {
			sawAnything = true;
			if (piece.kind === 'broken') {
				if (!headers) throw new TicketFileError(`${file}: the header line has a quote that is never closed`);
				yield { kind: 'rejected', line: piece.line, reason: 'a quoted field is never closed' };
				continue;
			}
			let rows: string[][];
			if (aligned) rows = [parsed![next++]];
			else {
				try {
					const text = cuts.has(piece) ? capRecordFields(piece.text, delimiter.charCodeAt(0), maxFieldLength).text : piece.text;
					rows = parse(text + eol, { ...CSV_OPTIONS, delimiter, record_delimiter: eol }) as string[][];
				} catch (error) {
					yield { kind: 'rejected', line: piece.line, reason: (error as Error).message };
					continue;
				}
			}
			for (const record of rows) yield* toRow(record, piece.line, cuts.get(piece));
		}
	}

	function* toRow(record: string[], line: number, cutFields?: Map<number, number>): Generator<RowEvent> {
		if (!headers) {
			headers = record.map((h) => h.trim());
			if (headers.some(hasInvalidUtf8)) throw new TicketFileError(`${file}: the header line is not valid UTF-8`);
			return;
		}
		if (record.length !== headers.length) {
			yield { kind: 'rejected', line, reason: `wrong number of columns (expected ${headers.length}, got ${record.length})` };
			return;
		}
		const values: Record<string, string> = {};
		headers.forEach((header, index) => (values[header] = record[index]));
		if (!cutFields) {
			yield { kind: 'row', line, values };
			return;
		}
		const cut: Record<string, number> = {};
		for (const [index, length] of cutFields) if (index < headers.length) cut[headers[index]] = length;
		yield { kind: 'row', line, values, cut };
	}

	const lines = new LineSplitter(eol);
	// Rows of a chunk are gathered synchronously and yielded after it: no await per line.
	const take = (text: string, out: RowEvent[]) => {
		if (first) {
			text = text.replace(/^\uFEFF/, '');
			first = false;
		}
		for (const piece of splitter.push(text)) {
			batch.push(piece);
			if (piece.kind === 'record') records++;
			// The header goes first, alone, so the rows after it are read against it.
			if (records >= BATCH_RECORDS || !headers) for (const event of flush()) out.push(event);
		}
	};
	let out: RowEvent[] = [];
	const sink: LineSink = {
		line: (text) => take(text, out),
		get open() {
			return splitter.open;
		},
		run: (block) => splitter.pushRun(block),
	};
	for await (const chunk of input as AsyncIterable<string>) {
		out = [];
		lines.feed(chunk, sink);
		yield* out;
	}
	out = [];
	for (const text of lines.end()) take(text, out);
	yield* out;
	batch.push(...splitter.end());
	yield* flush();
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
		} else {
			// A field nested past the stack depth fails that ticket only, as a bad JSONL line does.
			let values: Record<string, string>;
			try {
				values = stringValues(value as Record<string, unknown>);
			} catch (error) {
				yield { kind: 'rejected', line: index + 1, reason: `ticket #${index + 1} cannot be read (${(error as Error).message})` };
				continue;
			}
			yield { kind: 'row', line: index + 1, values };
		}
	}
}

function stringValues(value: Record<string, unknown>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, v] of Object.entries(value)) out[key] = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
	return out;
}
