import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stripQuotedReply } from '../../nodes/shared/email/quotedReply';
import { realisticPieces, realisticRows, writeRealisticTickets } from '../../bench/throughput/realistic-tickets';
import { readTickets } from '../../simulator/tickets';

const root = path.resolve(__dirname, '../..');
const zone = 'America/Mexico_City';
const ROWS = 10_000;
const pieces = realisticPieces(root);
const dir = mkdtempSync(path.join(os.tmpdir(), 'realistic-'));
const file = path.join(dir, 'realistic.csv');
let rows: Record<string, string>[] = [];

beforeAll(async () => {
	await writeRealisticTickets(file, ROWS, root, 7);
	rows = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Written out here so the test does not trust the generator's own tables.
const QUOTE_HEADER: Record<string, RegExp> = { es: /^El .+ escribió:$/, pt: /^Em .+ escreveu:$/, en: /^On .+ wrote:$/ };
const millis = (row: Record<string, string>) => Date.parse(row.created_at);

describe('the realistic bench set (bench/throughput/realistic-tickets.ts)', () => {
	it('is the same for a seed and differs for another', () => {
		const a = realisticRows(500, pieces, 3).map((row) => row.values.join('\u0001'));
		const b = realisticRows(500, pieces, 3).map((row) => row.values.join('\u0001'));
		const c = realisticRows(500, pieces, 4).map((row) => row.values.join('\u0001'));
		expect(a).toEqual(b);
		expect(c).not.toEqual(a);
	});

	it('has es 45 %, pt 30 %, en 25 % of the rows, within 2 points', () => {
		expect(rows).toHaveLength(ROWS);
		for (const [language, target] of [
			['es', 0.45],
			['pt', 0.3],
			['en', 0.25],
		] as const) {
			const share = rows.filter((row) => row.language === language).length / ROWS;
			expect(Math.abs(share - target)).toBeLessThanOrEqual(0.02);
		}
	});

	it('gives every email a subject, a greeting, a signature with the name and a quoted block the package strips', () => {
		const emails = rows.filter((row) => row.channel === 'email');
		expect(emails.length).toBeGreaterThan(ROWS * 0.1);
		for (const row of emails) {
			const lines = row.text.split('\n');
			expect(row.subject.trim()).not.toBe('');
			// The greeting: a short first line ending in "," or ":" (or "!"), then a blank line.
			expect(lines[0].length).toBeLessThanOrEqual(30);
			expect(lines[0]).toMatch(/[,:!]$/);
			expect(lines[1]).toBe('');
			const header = lines.findIndex((line) => QUOTE_HEADER[row.language].test(line));
			expect(header).toBeGreaterThan(2);
			const quote = lines.slice(header + 1);
			expect(quote.length).toBeGreaterThan(0);
			expect(quote.every((line) => line.startsWith('>'))).toBe(true);
			// The signature: a closing line ending in ",", then the customer's name, above the quote.
			const named = lines.indexOf(row.customer_name);
			expect(named).toBeGreaterThan(2);
			expect(named).toBeLessThan(header);
			expect(lines[named - 1]).toMatch(/,$/);
			// The package's quote stripper keeps exactly what is above the quote header.
			expect(stripQuotedReply(row.text)).toBe(lines.slice(0, header).join('\n').trim());
		}
	});

	it('writes WhatsApp messages as typed on a phone: mostly without accents, some with emoji, bursts seconds apart', () => {
		const whatsapp = rows.filter((row) => row.channel === 'whatsapp');
		const accented = whatsapp.filter((row) => /[áéíóúãõâêôç]/i.test(row.text)).length;
		const emoji = whatsapp.filter((row) => /\p{Extended_Pictographic}/u.test(row.text)).length;
		expect(accented / whatsapp.length).toBeLessThan(0.25);
		expect(emoji / whatsapp.length).toBeGreaterThan(0.2);
		expect(whatsapp.every((row) => row.text.length <= 400)).toBe(true);
		let bursts = 0;
		for (let i = 1; i < rows.length; i++) {
			const [before, row] = [rows[i - 1], rows[i]];
			if (row.channel === 'whatsapp' && before.conversation_id === row.conversation_id && millis(row) - millis(before) < 10_000) bursts++;
		}
		// A burst's next message usually lands between other customers' rows; the consecutive ones are a lower bound.
		expect(bursts).toBeGreaterThan(0);
	});

	it('keeps each conversation in time order, a share of them 2–5 turns minutes apart', () => {
		const byConversation = new Map<string, number[]>();
		for (const row of rows) byConversation.set(row.conversation_id, [...(byConversation.get(row.conversation_id) ?? []), millis(row)]);
		let multiTurn = 0;
		for (const times of byConversation.values()) {
			for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
			// A new turn comes a minute or more after the last message; a burst's messages come seconds apart.
			const turns = 1 + times.slice(1).filter((at, i) => at - times[i] >= 60_000).length;
			expect(turns).toBeLessThanOrEqual(5);
			if (turns >= 2) multiTurn++;
		}
		expect(multiTurn / byConversation.size).toBeGreaterThan(0.2);
		expect(multiTurn / byConversation.size).toBeLessThan(0.5);
	});

	it("reads through the simulator's readTickets with no rejected row, each row a turn of its conversation", async () => {
		let tickets = 0;
		const rejected: string[] = [];
		const conversations = new Set<string>();
		for await (const event of readTickets(file, { zone })) {
			if (event.kind === 'rejected') rejected.push(`line ${event.line}: ${event.reason}`);
			else {
				tickets++;
				conversations.add(event.value.conversation as string);
			}
		}
		expect(rejected).toEqual([]);
		expect(tickets).toBe(ROWS);
		expect(conversations.size).toBe(new Set(rows.map((row) => row.conversation_id)).size);
		expect(conversations.size).toBeLessThan(ROWS);
	});
});
