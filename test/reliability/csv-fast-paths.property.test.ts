/**
 * The CSV reader's two fast paths against the plain way on random input (fast-check): runs of
 * lines inside a quoted field, whose only quotes are "" escapes (LineSplitter.feed + CsvRecordSplitter.pushRun) must give
 * the same pieces as pushing line by line, broken records and line numbers included, wherever the
 * chunks split; and fields cut before csv-parse (capRecordFields) must read as the full fields cut.
 */
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { capRecordFields, CsvRecordSplitter, type CsvPiece } from '../../simulator/tickets/csv-records';
import { LineSplitter, type LineEnd } from '../../simulator/tickets/read-rows';

const RUNS = { numRuns: 300, seed: 20260302 };
const COMMA = 0x2c;

/** Line by line, as the reader did before runs. */
function piecesByLine(chunks: string[], eol: LineEnd): CsvPiece[] {
	const lines = new LineSplitter(eol);
	const splitter = new CsvRecordSplitter(COMMA, eol);
	const out: CsvPiece[] = [];
	for (const chunk of chunks) for (const line of lines.push(chunk)) out.push(...splitter.push(line));
	for (const line of lines.end()) out.push(...splitter.push(line));
	out.push(...splitter.end());
	return out;
}

/** With runs, as readCsv feeds them. */
function piecesByRun(chunks: string[], eol: LineEnd): CsvPiece[] {
	const lines = new LineSplitter(eol);
	const splitter = new CsvRecordSplitter(COMMA, eol);
	const out: CsvPiece[] = [];
	const sink = {
		line: (text: string) => out.push(...splitter.push(text)),
		get open() {
			return splitter.open;
		},
		run: (block: string) => splitter.pushRun(block),
	};
	for (const chunk of chunks) lines.feed(chunk, sink);
	for (const line of lines.end()) out.push(...splitter.push(line));
	out.push(...splitter.end());
	return out;
}

/** Cuts a text into chunks at the given fractions. */
function chunked(text: string, cuts: number[]): string[] {
	const at = [...new Set(cuts.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
	const out: string[] = [];
	let from = 0;
	for (const to of at) {
		out.push(text.slice(from, to));
		from = to;
	}
	out.push(text.slice(from));
	return out;
}

const piece = fc.constantFrom('a', 'hola', ',', '"', '""', ' ', '', 'x"y', '\n', '\r\n', '\r', '😡', 'ñ');
const lineText = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
const csvText = fc.tuple(fc.array(lineText, { minLength: 1, maxLength: 30 }), fc.constantFrom<LineEnd>('\n', '\r\n', '\r')).map(([lines, eol]) => ({ text: lines.join(eol), eol }));

describe('CSV reading fast paths behave as the plain ones (fast-check)', () => {
	it('runs of lines inside a quoted field give the same records, broken records and lines as line by line', () => {
		fc.assert(
			fc.property(csvText, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }), ({ text, eol }, cuts) => {
				const chunks = chunked(text, cuts);
				expect(piecesByRun(chunks, eol)).toEqual(piecesByLine(chunks, eol));
			}),
			RUNS,
		);
	});

	it('a long quoted field of blank lines is one run, and a broken one still rejects it alone', () => {
		const good = `g1,"${'\n'.repeat(5000)}end",x\ng2,b,c`;
		expect(piecesByRun([good], '\n')).toEqual(piecesByLine([good], '\n'));
		expect(piecesByRun([good], '\n').map((p) => p.line)).toEqual([1, 5002]);
		// Lines of "" escapes stay inside the field as a run too.
		const escapes = `e1,"${'""\n'.repeat(3000)}x",y\ng2,b,c`;
		expect(piecesByRun([escapes], '\n')).toEqual([
			{ kind: 'record', line: 1, text: escapes.slice(0, escapes.lastIndexOf('\n')) },
			{ kind: 'record', line: 3002, text: 'g2,b,c' },
		]);
		expect(piecesByRun([escapes], '\n')).toEqual(piecesByLine([escapes], '\n'));
		const escapesBroken = `b1,"${'""\n'.repeat(3000)}x"y\nrow,a,b`;
		expect(piecesByRun([escapesBroken], '\n')).toEqual(piecesByLine([escapesBroken], '\n'));
		expect(piecesByRun([escapesBroken], '\n')).toHaveLength(3002);
		const broken = `b1,"never closed\n\nrow2,a,b\n${'\n'.repeat(3000)}row3,c,d`;
		expect(piecesByRun([broken], '\n')).toEqual([
			{ kind: 'broken', line: 1 },
			{ kind: 'record', line: 3, text: 'row2,a,b' },
			{ kind: 'record', line: 3004, text: 'row3,c,d' },
		]);
	});

	it('fields cut before csv-parse read as the whole fields cut, with their full lengths', () => {
		const field = fc.array(fc.constantFrom('a', 'ñ', ',', '"', '""', '\n', ' ', '😡', 'x'), { maxLength: 40 }).map((parts) => parts.join(''));
		fc.assert(
			fc.property(fc.array(field, { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 30 }), (fields, max) => {
				const record = stringify([fields], { record_delimiter: '\n' }).slice(0, -1);
				const capped = capRecordFields(record, COMMA, max);
				const [full] = parse(`${record}\n`, { relax_quotes: true, relax_column_count: true }) as string[][];
				const [read] = parse(`${capped.text}\n`, { relax_quotes: true, relax_column_count: true }) as string[][];
				expect(read).toHaveLength(full.length);
				full.forEach((value, index) => {
					if (value.length <= max) {
						expect(read[index]).toBe(value);
						expect(capped.cut.has(index)).toBe(false);
						return;
					}
					const last = value.charCodeAt(max - 1);
					expect(read[index]).toBe(value.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max));
					expect(capped.cut.get(index)).toBe(value.length);
				});
			}),
			RUNS,
		);
	});

	it('a record whose quote closes before text is left whole for csv-parse', () => {
		const record = `1,"ab"cd${'x'.repeat(50)},z`;
		expect(capRecordFields(record, COMMA, 10)).toEqual({ text: record, cut: new Map() });
		expect(capRecordFields('short,"fine"', COMMA, 10).text).toBe('short,"fine"');
	});
});
