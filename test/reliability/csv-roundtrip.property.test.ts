/**
 * Property: any ticket history written by a standard CSV writer (csv-stringify) reads back through
 * readTickets with the same ids, texts and instants, whatever the texts hold (commas, quotes, line
 * breaks, accents, emoji, any Unicode), with or without a BOM, with LF or CRLF. Rows deliberately
 * corrupted are rejected, those and only those, on the line where their record starts; and
 * read = replayed + rejected. The seed is pinned so CI runs are reproducible; change it locally to explore.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { readTickets, type TicketEvent } from '../../simulator/tickets';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'reliability-csv-'));
let fileCounter = 0;

const ZONES = ['UTC', 'America/Mexico_City', 'America/Sao_Paulo', 'Europe/Madrid', 'Asia/Kolkata'];
const FROM = Date.UTC(2015, 0, 1) / 1000;
const TO = Date.UTC(2030, 0, 1) / 1000;

/** Pieces that stress CSV quoting and text handling, mixed with arbitrary Unicode. */
const tricky = fc.constantFrom(',', '"', '""', '\n', '\r\n', ';', '\t', "'", 'ñ', 'ção', 'é', '😡', '👍🏽', '🇲🇽', '\u00a0', 'ß', '€', '#', '\\', '¿', '¡');
const textPart = fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'grapheme-ascii', maxLength: 12 }));
/** A word first, so the text is never blank once trimmed (blank texts are the corruption below). */
const text = fc.tuple(fc.constantFrom('hola', 'oi', 'hi', 'pedido', 'order'), fc.array(textPart, { maxLength: 8 })).map(([word, parts]) => [word, ...parts].join(''));

type Corruption = 'none' | 'emptyText' | 'badDate' | 'badNeedsHuman' | 'duplicateId';
const corruption = fc.oneof(
	{ weight: 6, arbitrary: fc.constant<Corruption>('none') },
	{ weight: 1, arbitrary: fc.constantFrom<Corruption>('emptyText', 'badDate', 'badNeedsHuman', 'duplicateId') },
);

const row = fc.record({
	text,
	seconds: fc.integer({ min: FROM, max: TO }),
	zone: fc.constantFrom(...ZONES),
	needsHuman: fc.constantFrom('', 'true', 'false', 'sí', 'no'),
	corruption,
});

const history = fc.record({
	rows: fc.array(row, { minLength: 1, maxLength: 25 }),
	ids: fc.uniqueArray(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }).map((s) => `t-${s.trim()}`), { minLength: 25, maxLength: 25 }),
	bom: fc.boolean(),
	crlf: fc.boolean(),
});

const REASONS: Record<Exclude<Corruption, 'none'>, RegExp> = {
	emptyText: /^field "text" is empty$/,
	badDate: /^field "created_at" is not a date: "31\/02\/2026 25:61"$/,
	badNeedsHuman: /^field "needs_human" must be true or false, got "perhaps"$/,
	duplicateId: /^duplicate id ".*" \(first on line \d+\)$/,
};

async function collect(file: string): Promise<TicketEvent[]> {
	const events: TicketEvent[] = [];
	for await (const event of readTickets(file, { zone: 'UTC' })) events.push(event);
	return events;
}

describe('CSV reader round trip (fast-check, csv-stringify)', () => {
	it('reads back what a CSV writer wrote; rejects exactly the corrupted rows on their lines', async () => {
		await fc.assert(
			fc.asyncProperty(history, async ({ rows, ids, bom, crlf }) => {
				const eol = crlf ? '\r\n' : '\n';
				const header = ['id', 'created_at', 'text', 'needs_human'];
				const records: string[][] = [];
				const expected: Array<{ line: number; id: string; text: string; millis: number } | { line: number; rejected: RegExp }> = [];
				const firstLineOfValidId = new Map<string, number>();
				let content = (bom ? '\uFEFF' : '') + stringify([header], { record_delimiter: eol });
				rows.forEach((r, index) => {
					// The record starts one line after every line break written so far.
					const line = (content.match(/\n/g) ?? []).length + 1;
					let id = ids[index];
					const createdAt = DateTime.fromSeconds(r.seconds, { zone: r.zone }).toISO({ suppressMilliseconds: true }) as string;
					let record = [id, createdAt, r.text, r.needsHuman];
					let kind = r.corruption;
					if (kind === 'duplicateId') {
						const earlier = [...firstLineOfValidId.keys()][0];
						if (earlier === undefined) kind = 'none';
						else record[0] = id = earlier;
					}
					if (kind === 'emptyText') record[2] = ' \t ';
					if (kind === 'badDate') record[1] = '31/02/2026 25:61';
					if (kind === 'badNeedsHuman') record[3] = 'perhaps';
					if (kind === 'none') {
						expected.push({ line, id, text: r.text.trim(), millis: r.seconds * 1000 });
						firstLineOfValidId.set(id, line);
					} else expected.push({ line, rejected: REASONS[kind] });
					records.push(record);
					content += stringify([record], { record_delimiter: eol });
				});
				const file = path.join(tmp, `h${++fileCounter}.csv`);
				writeFileSync(file, content);

				const events = await collect(file);
				const tickets = events.filter((e) => e.kind === 'ticket');
				const rejected = events.filter((e) => e.kind === 'rejected');
				// Conservation: every row written is either a ticket or a rejection.
				expect(tickets.length + rejected.length).toBe(rows.length);
				expect(events).toHaveLength(expected.length);
				events.forEach((event, index) => {
					const want = expected[index];
					if ('rejected' in want) {
						expect(event.kind).toBe('rejected');
						if (event.kind !== 'rejected') return;
						expect(event.line).toBe(want.line);
						expect(event.reason).toMatch(want.rejected);
						return;
					}
					expect(event.kind).toBe('ticket');
					if (event.kind !== 'ticket') return;
					const { line, ticket } = event.value;
					expect({ line, id: ticket.ticketId, text: ticket.message.text }).toEqual({ line: want.line, id: want.id, text: want.text });
					expect(DateTime.fromISO(ticket.message.receivedAt as string).toMillis()).toBe(want.millis);
				});
			}),
			{ numRuns: 200, seed: 20260302 },
		);
	});
});
