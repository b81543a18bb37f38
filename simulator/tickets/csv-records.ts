/**
 * Splits CSV text into records by line, deciding which records are broken, in one pass.
 *
 * A quoted field may span lines. It is broken when it never closes, or when, after spanning a
 * line break, it ends in a quote that is not followed by a delimiter or the line's end (the quote
 * that "closed" it was really the next row's opening quote). A broken record is rejected on its
 * first line, and reading restarts at the next line, so the good rows after it are kept.
 *
 * Hand-written because csv-parse can only report an unclosed quote at the end of the input, and
 * restarting it after each one rescanned the rest of the file (quadratic). Whether a record is
 * broken is known only once its quote closes or the input ends; meanwhile the lines are also read
 * as if the record were broken ("fallback"). Two readings that are both inside a quoted field at
 * the same line break read the rest identically, so at most two are ever live: linear time.
 * Fields themselves are still parsed by csv-parse; this only finds where records start and end.
 * Quote rules follow csv-parse with relax_quotes: a quote opens a field only at its start, "" is
 * a quote inside a quoted field, and a single-line field may close early.
 */

export type CsvPiece = { kind: 'record'; line: number; text: string } | { kind: 'broken'; line: number };

type LineEnd = 'closed' | 'open' | 'broken';

const QUOTE = 0x22;

/** How one line ends when read from a record start (`open` false) or inside a spanning quoted field. */
export function scanLine(line: string, delimiter: number, open: boolean): LineEnd {
	const end = line.length;
	let quoted = open;
	let spanned = open;
	let fieldStart = !open;
	for (let i = 0; i < end; i++) {
		const code = line.charCodeAt(i);
		if (quoted) {
			if (code !== QUOTE) continue;
			if (i + 1 < end && line.charCodeAt(i + 1) === QUOTE) {
				i++;
				continue;
			}
			quoted = false;
			if (i + 1 === end || line.charCodeAt(i + 1) === delimiter) {
				spanned = false;
				continue;
			}
			// A quote followed by text: fine on one line (kept as text), broken after a line break.
			if (spanned) return 'broken';
			fieldStart = false;
		} else if (code === delimiter) {
			fieldStart = true;
		} else if (code === QUOTE && fieldStart) {
			quoted = true;
			spanned = false;
			fieldStart = false;
		} else {
			fieldStart = false;
		}
	}
	return quoted ? 'open' : 'closed';
}

interface Reading {
	/** First line of the record in progress, when inside a spanning quoted field. */
	start?: number;
	lines: string[];
}

/** The fallback's pieces; a run of lines stays one string until the record turns out broken. */
type Pending = CsvPiece | { kind: 'run'; line: number; text: string };

/**
 * Feed lines (without their line end) in order with `push`, then call `end`; each returns the pieces now
 * decided, in file order. Empty lines between records are skipped, as csv-parse does.
 */
export class CsvRecordSplitter {
	private nextLine = 1;
	private readonly main: Reading = { lines: [] };
	/** The fallback reading's decided pieces and its own record in progress (never open). */
	private pending: Pending[] = [];

	/** `eol` joins a record's lines back together, as they were in the file. */
	constructor(
		private readonly delimiter: number,
		private readonly eol = '\n',
	) {}

	push(text: string): CsvPiece[] {
		const line = this.nextLine;
		// Lines are numbered as an editor shows them: a bare "\n" inside a "\r\n" file starts one too.
		this.nextLine += 1 + (this.eol === '\r\n' ? countNewlines(text) : 0);
		const out: CsvPiece[] = [];
		if (this.main.start === undefined) {
			this.startRecord(line, text, out);
			return out;
		}
		const mainEnd = scanLine(text, this.delimiter, true);
		if (mainEnd === 'broken') {
			out.push({ kind: 'broken', line: this.main.start }, ...this.fallback());
			this.reset();
			this.startRecord(line, text, out);
			return out;
		}
		this.main.lines.push(text);
		if (mainEnd === 'closed') {
			out.push({ kind: 'record', line: this.main.start, text: this.main.lines.join(this.eol) });
			this.reset();
			return out;
		}
		// Still open: read the same line as the fallback would.
		const fallback = this.fallbackPiece(line, text);
		if (fallback) this.pending.push(fallback);
		return out;
	}

	end(): CsvPiece[] {
		if (this.main.start === undefined) return [];
		const out: CsvPiece[] = [{ kind: 'broken', line: this.main.start }, ...this.fallback()];
		this.reset();
		return out;
	}

	/** Inside a quoted field that spans lines: lines without a closing quote then only extend it (see pushRun). */
	get open(): boolean {
		return this.main.start !== undefined;
	}

	/**
	 * Whole lines whose only quotes are "" escapes, joined by the line end, read while `open`: the
	 * same as pushing each line, in one step, so a field of a million line breaks costs one string,
	 * not a million. Such lines leave the field open; the fallback's reading of them, line by line,
	 * is made only if the record turns out broken.
	 */
	pushRun(block: string): void {
		if (this.main.start === undefined) throw new Error('pushRun outside a quoted field');
		const line = this.nextLine;
		const breaks = countOf(block, this.eol);
		this.nextLine += breaks + 1 + (this.eol === '\r\n' ? countNewlines(block) - breaks : 0);
		this.main.lines.push(block);
		this.pending.push({ kind: 'run', line, text: block });
	}

	/** The fallback's pieces, runs split back into their lines and read as push reads them. */
	private fallback(): CsvPiece[] {
		const out: CsvPiece[] = [];
		for (const piece of this.pending) {
			if (piece.kind !== 'run') {
				out.push(piece);
				continue;
			}
			let line = piece.line;
			for (const text of piece.text.split(this.eol)) {
				const fallback = this.fallbackPiece(line, text);
				if (fallback) out.push(fallback);
				line += 1 + (this.eol === '\r\n' ? countNewlines(text) : 0);
			}
		}
		return out;
	}

	/** A line read from a record start while the main reading is inside a spanning field. */
	private fallbackPiece(line: number, text: string): CsvPiece | undefined {
		if (isBlank(text)) return undefined;
		// Inside a quoted field at the same break as the main reading: it shares its fate.
		if (scanLine(text, this.delimiter, false) === 'open') return { kind: 'broken', line };
		return { kind: 'record', line, text };
	}

	private startRecord(line: number, text: string, out: CsvPiece[]): void {
		if (isBlank(text)) return;
		if (scanLine(text, this.delimiter, false) === 'closed') out.push({ kind: 'record', line, text });
		else {
			this.main.start = line;
			this.main.lines = [text];
		}
	}

	private reset(): void {
		this.main.start = undefined;
		this.main.lines = [];
		this.pending = [];
	}
}

function countOf(text: string, needle: string): number {
	let count = 0;
	for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
	return count;
}

function countNewlines(text: string): number {
	let count = 0;
	for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
	return count;
}

function isBlank(text: string): boolean {
	return text === '';
}

export interface CappedRecord {
	text: string;
	/** Original length of each field that was cut, by field position. */
	cut: Map<number, number>;
}

/**
 * A record (as the splitter gives it, not broken) with every field cut to its first `max`
 * characters, a "" escape counting as one, quotes kept balanced, so csv-parse reads a bounded
 * record: a 1 MB field cost csv-parse ~0.1 s before the text limit could apply. A closing quote
 * followed by text (read as text under relax_quotes) leaves the record as it is, uncut: rare,
 * and csv-parse then reads it as before. Hand-written for the same reason as the splitter.
 */
export function capRecordFields(record: string, delimiter: number, max: number): CappedRecord {
	const end = record.length;
	const cut = new Map<number, number>();
	const parts: string[] = [];
	let kept = 0;
	for (let field = 0, i = 0; ; field++) {
		let length = 0;
		let cutAt = -1;
		if (i < end && record.charCodeAt(i) === QUOTE) {
			i++;
			for (; i < end; i++) {
				if (record.charCodeAt(i) === QUOTE) {
					if (i + 1 < end && record.charCodeAt(i + 1) === QUOTE) i++;
					else break;
				}
				if (++length === max + 1) cutAt = i - (record.charCodeAt(i) === QUOTE ? 1 : 0);
			}
			if (i >= end) return { text: record, cut: new Map() };
			i++; // the closing quote
			if (i < end && record.charCodeAt(i) !== delimiter) return { text: record, cut: new Map() };
			if (cutAt >= 0) {
				parts.push(record.slice(kept, pairSafe(record, cutAt)), '"');
				kept = i;
			}
		} else {
			for (; i < end && record.charCodeAt(i) !== delimiter; i++) if (++length === max + 1) cutAt = i;
			if (cutAt >= 0) {
				parts.push(record.slice(kept, pairSafe(record, cutAt)));
				kept = i;
			}
		}
		if (cutAt >= 0) cut.set(field, length);
		if (i >= end) break;
		i++; // the delimiter
	}
	if (cut.size === 0) return { text: record, cut };
	parts.push(record.slice(kept));
	return { text: parts.join(''), cut };
}

/** An end index moved back so as not to split a surrogate pair (half an emoji is not text). */
function pairSafe(text: string, end: number): number {
	const last = text.charCodeAt(end - 1);
	return last >= 0xd800 && last <= 0xdbff ? end - 1 : end;
}
