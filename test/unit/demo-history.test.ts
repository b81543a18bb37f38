import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { readTickets } from '../../simulator/tickets';

const root = path.resolve(__dirname, '../..');
const file = path.join(root, 'simulator/demo/history.csv');
const rows = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
const kb = JSON.parse(readFileSync(path.join(root, 'workflows/knowledge/store-kb.json'), 'utf8')) as Array<{
	id: string;
	tier: string;
	questions: string[];
}>;
const zone = 'America/Mexico_City';
const holidays = new Set(
	new Holidays('MX')
		.getHolidays(2026)
		.filter((h) => h.type === 'public')
		.map((h) => h.date.slice(0, 10)),
);

/** Aurora Store's staffed hours, written out again here so the test does not trust the generator. */
function isBusinessHours(at: DateTime): boolean {
	if (holidays.has(at.toISODate() as string)) return false;
	const hour = at.hour + at.minute / 60;
	if (at.weekday <= 5) return hour >= 9 && hour < 18;
	if (at.weekday === 6) return hour >= 10 && hour < 14;
	return false;
}

const created = (row: Record<string, string>) => DateTime.fromISO(row.created_at, { zone, setZone: true });
const valid = rows.filter((row) => created(row).isValid && row.text.trim() !== '');
const share = (list: Record<string, string>[], predicate: (row: Record<string, string>) => boolean) =>
	list.filter(predicate).length / list.length;

describe('demo ticket history (simulator/demo/history.csv)', () => {
	it('is a generic-format CSV of at least 1,200 tickets, small enough to ship', () => {
		expect(rows.length).toBeGreaterThanOrEqual(1200);
		expect(Object.keys(rows[0])).toEqual([
			'id', 'created_at', 'channel', 'language', 'customer_name', 'customer_id', 'subject', 'text',
			'expected_intent', 'needs_human', 'expected_tier', 'first_response_at', 'resolved_at', 'resolved_by', 'csat', 'conversation_id',
		]);
		expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
		// Some chat customers write 2–4 turns; their rows share a conversation_id and follow in time order.
		const turns = new Map<string, string[]>();
		for (const row of rows) if (row.conversation_id) turns.set(row.conversation_id, [...(turns.get(row.conversation_id) ?? []), row.created_at]);
		expect(turns.size).toBeGreaterThanOrEqual(50);
		for (const times of turns.values()) {
			expect(times.length).toBeGreaterThanOrEqual(2);
			expect(times.length).toBeLessThanOrEqual(4);
			expect([...times].sort((a, b) => Date.parse(a) - Date.parse(b))).toEqual(times);
		}
		expect(statSync(file).size).toBeLessThan(400 * 1024);
	});

	it('has exactly two malformed rows: one bad date, one empty text', () => {
		const badDate = rows.filter((row) => !created(row).isValid);
		const emptyText = rows.filter((row) => row.text.trim() === '');
		expect(badDate.map((row) => row.created_at)).toEqual(['not-a-date']);
		expect(emptyText).toHaveLength(1);
		expect(created(emptyText[0]).isValid).toBe(true);
		expect(valid).toHaveLength(rows.length - 2);
	});

	it('is rejected line by line by the replay reader, which keeps every other row', async () => {
		const rejected: Array<{ line: number; reason: string }> = [];
		let tickets = 0;
		for await (const event of readTickets(file, { preset: 'generic', zone })) {
			if (event.kind === 'rejected') rejected.push(event);
			else tickets++;
		}
		expect(tickets).toBe(rows.length - 2);
		expect(rejected).toHaveLength(2);
		expect(rejected.map((r) => r.reason).join(' | ')).toMatch(/created_at.*\|.*text|text.*\|.*created_at/);
		for (const r of rejected) expect(r.line).toBeGreaterThan(1);
	});

	it('covers every knowledge-base intent, with labels that agree with the KB tiers', () => {
		const intents = new Set(valid.map((row) => row.expected_intent).filter(Boolean));
		for (const entry of kb) expect(intents).toContain(entry.id);
		const tierOf = new Map(kb.map((entry) => [entry.id, entry.tier]));
		for (const row of valid) {
			if (row.needs_human === 'true') {
				expect(row.expected_intent).toBe('');
				expect(['L3', 'L4']).toContain(row.expected_tier);
			} else {
				expect(row.needs_human).toBe('false');
				expect(row.expected_tier).toBe(tierOf.get(row.expected_intent));
			}
		}
	});

	it('spans all four tiers, with about a fifth needing a human', () => {
		for (const tier of ['L1', 'L2', 'L3', 'L4']) expect(share(valid, (row) => row.expected_tier === tier)).toBeGreaterThan(0.03);
		const human = share(valid, (row) => row.needs_human === 'true');
		expect(human).toBeGreaterThan(0.15);
		expect(human).toBeLessThan(0.25);
	});

	it('mixes the three languages and channels in the intended proportions', () => {
		const expected: Array<[string, string, number, number]> = [
			['language', 'es', 0.4, 0.52],
			['language', 'en', 0.28, 0.4],
			['language', 'pt', 0.15, 0.25],
			['channel', 'whatsapp', 0.44, 0.56],
			['channel', 'webchat', 0.24, 0.36],
			['channel', 'email', 0.15, 0.25],
		];
		for (const [column, value, min, max] of expected) {
			const s = share(valid, (row) => row[column] === value);
			expect([column, value, s >= min && s <= max]).toEqual([column, value, true]);
		}
		for (const row of valid) expect(row.subject === '').toBe(row.channel !== 'email');
	});

	it('has 35–40 % of tickets outside business hours, some on a Mexican public holiday', () => {
		const offHours = share(valid, (row) => !isBusinessHours(created(row)));
		expect(offHours).toBeGreaterThanOrEqual(0.35);
		expect(offHours).toBeLessThanOrEqual(0.4);
		expect(valid.some((row) => holidays.has(created(row).toISODate() as string))).toBe(true);
		for (const row of valid) expect(row.created_at).toMatch(/^2026-(09|10|11)-\d\dT\d\d:\d\d:\d\d-06:00$/);
	});

	it('records human first responses inside business hours, after the ticket, with resolution later', () => {
		for (const row of valid) {
			const first = DateTime.fromISO(row.first_response_at, { zone });
			const resolved = DateTime.fromISO(row.resolved_at, { zone });
			expect(first > created(row)).toBe(true);
			expect(resolved >= first).toBe(true);
			// (open, close]: a reply can land on the closing minute, never before opening.
			expect(isBusinessHours(first.minus({ seconds: 1 }))).toBe(true);
			expect(row.resolved_by).toBe('agent');
			if (row.csat) expect(['1', '2', '3', '4', '5']).toContain(row.csat);
		}
	});

	it('never repeats a knowledge-base question verbatim, so a replay measures generalisation', () => {
		const normalise = (text: string) =>
			text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
		const questions = new Set(kb.flatMap((entry) => entry.questions.map(normalise)));
		expect(valid.filter((row) => questions.has(normalise(row.text))).map((row) => row.text)).toEqual([]);
	});
});
