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

/**
 * Feed lines (without their line end) in order with `push`, then call `end`; each returns the pieces now
 * decided, in file order. Empty lines between records are skipped, as csv-parse does.
 */
export class CsvRecordSplitter {
	private nextLine = 1;
	private readonly main: Reading = { lines: [] };
	/** The fallback reading's decided pieces and its own record in progress (never open). */
	private pending: CsvPiece[] = [];

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
			out.push({ kind: 'broken', line: this.main.start }, ...this.pending);
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
		if (isBlank(text)) return out;
		if (scanLine(text, this.delimiter, false) === 'open') {
			// Inside a quoted field at the same break as the main reading: it shares its fate.
			this.pending.push({ kind: 'broken', line });
		} else this.pending.push({ kind: 'record', line, text });
		return out;
	}

	end(): CsvPiece[] {
		if (this.main.start === undefined) return [];
		const out: CsvPiece[] = [{ kind: 'broken', line: this.main.start }, ...this.pending];
		this.reset();
		return out;
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

function countNewlines(text: string): number {
	let count = 0;
	for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
	return count;
}

function isBlank(text: string): boolean {
	return text === '';
}
