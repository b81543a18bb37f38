import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { readTickets, type TicketEvent } from '../../simulator/tickets';

const fixture = (name: string) => path.join(__dirname, '../fixtures/tickets', name);

async function collect(file: string, options: Parameters<typeof readTickets>[1] = {}): Promise<TicketEvent[]> {
	const events: TicketEvent[] = [];
	for await (const event of readTickets(file, options)) events.push(event);
	return events;
}

const tickets = (events: TicketEvent[]) => events.flatMap((e) => (e.kind === 'ticket' ? [e.value] : []));
const rejected = (events: TicketEvent[]) => events.flatMap((e) => (e.kind === 'rejected' ? [{ line: e.line, reason: e.reason }] : []));

describe('ticket readers', () => {
	it('rejects each malformed row with its line and field, and keeps the rest', async () => {
		const events = await collect(fixture('bad-rows.csv'), { zone: 'America/Mexico_City' });
		expect(tickets(events).map((t) => t.ticket.ticketId)).toEqual(['r1', 'r8']);
		expect(rejected(events)).toEqual([
			{ line: 3, reason: 'field "created_at" is not a date: "yesterday"' },
			{ line: 4, reason: 'field "text" is empty' },
			{ line: 5, reason: expect.stringContaining('wrong number of columns') },
			{ line: 6, reason: 'duplicate id "r1" (first on line 2)' },
			{ line: 7, reason: 'field "needs_human" must be true or false, got "maybe"' },
			{ line: 8, reason: 'field "expected_tier" must be L1, L2, L3 or L4, got "L9"' },
		]);
		expect(events).toHaveLength(8);
	});

	it('reads naive times in the given zone and keeps labels out of the ticket', async () => {
		const [, r8] = tickets(await collect(fixture('bad-rows.csv'), { zone: 'America/Sao_Paulo' }));
		expect(r8.ticket.message.receivedAt).toBe('2026-02-02T10:10:00-03:00');
		expect(r8.ticket).toEqual({
			ticketId: 'r8',
			channel: 'email',
			customer: { name: 'Rui', language: 'pt' },
			message: { text: 'tudo certo', subject: 'Assunto', receivedAt: '2026-02-02T10:10:00-03:00' },
		});
		expect(r8.labels).toEqual({ needsHuman: true, expectedTier: 'L3', expectedIntent: undefined });
	});

	it('survives a BOM, CRLF line ends and a quote that never closes', async () => {
		const events = await collect(fixture('bom-crlf-unclosed.csv'));
		expect(tickets(events).map((t) => [t.line, t.ticket.ticketId, t.ticket.message.text])).toEqual([
			[2, 'b1', 'hello, my order?'],
			[4, 'b3', 'third'],
		]);
		expect(rejected(events)).toEqual([{ line: 3, reason: 'a quoted field is never closed' }]);
	});

	it('reads JSON lines, rejecting the broken line by number', async () => {
		const events = await collect(fixture('tickets.jsonl'));
		expect(tickets(events).map((t) => t.ticket.ticketId)).toEqual(['j1', 'j3']);
		expect(rejected(events)).toEqual([{ line: 2, reason: expect.stringMatching(/^invalid JSON/) }]);
	});

	it('maps the Zendesk export columns', async () => {
		const [first, second] = tickets(await collect(fixture('zendesk.csv'), { preset: 'zendesk' }));
		expect(first.ticket).toMatchObject({
			ticketId: '1001',
			channel: 'email',
			customer: { name: 'Ana López', language: 'es' },
			message: { text: '¿Dónde está mi pedido #A1029?', subject: 'Pedido', receivedAt: '2026-03-06T09:14:00-06:00' },
		});
		expect(first.labels).toMatchObject({ expectedIntent: 'track_order', firstResponseAt: '2026-03-06T10:02:00.000-06:00', csat: 5 });
		expect(second.ticket.channel).toBe('webchat');
	});

	it('maps the Freshdesk export columns, naive times in --tz', async () => {
		const [first, second] = tickets(await collect(fixture('freshdesk.csv'), { preset: 'freshdesk', zone: 'America/Sao_Paulo' }));
		expect(first.ticket).toMatchObject({ ticketId: '77', channel: 'webchat', customer: { name: 'Maria Souza', language: 'pt' } });
		expect(first.ticket.message.receivedAt).toBe('2026-04-01T18:05:00-03:00');
		expect(first.labels.expectedIntent).toBe('warranty');
		expect(second.ticket.channel).toBe('email');
	});

	it('maps the Intercom export columns', async () => {
		const [only] = tickets(await collect(fixture('intercom.csv'), { preset: 'intercom' }));
		expect(only.ticket).toMatchObject({ ticketId: 'c-1', channel: 'whatsapp', message: { text: 'hola q horario tienen el sábado' } });
		expect(only.labels.expectedIntent).toBe('hours_locations');
	});

	it('maps any other file with a column map and sniffs a ";" delimiter', async () => {
		const [only] = tickets(await collect(fixture('custom.csv'), { map: { id: ['ref'], created_at: ['opened'], text: ['body'], customer_name: ['who'] } }));
		expect(only.ticket).toMatchObject({ ticketId: 'x1', customer: { name: 'Kim' }, message: { text: 'Can I pay with PayPal?' } });
	});

	it('names the file for an empty file, a header-only file, a missing file and a missing column', async () => {
		await expect(collect(fixture('empty.csv'))).rejects.toThrow(/empty\.csv is empty/);
		await expect(collect(fixture('header-only.csv'))).rejects.toThrow(/header-only\.csv has a header but no ticket rows/);
		await expect(collect(fixture('nope.csv'))).rejects.toThrow(/Tickets file not found: .*nope\.csv/);
		await expect(collect(fixture('custom.csv'))).rejects.toThrow(/custom\.csv: missing column text \(text\), created_at \(created_at\); found: ref, opened, body, who/);
	});

	it('refuses an unknown time zone by name', async () => {
		await expect(collect(fixture('bad-rows.csv'), { zone: 'Mars/Olympus' })).rejects.toThrow('Unknown time zone "Mars/Olympus"');
	});

	it('cuts a huge field as the file is read and keeps the row, marked truncated with the length in the file', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'ticket-readers-'));
		try {
			const file = path.join(dir, 'huge.csv');
			const huge = `where is my order ${'\n> quoted'.repeat(150_000)}`;
			const emoji = '😡👍🏽'.repeat(100_000);
			writeFileSync(file, stringify([['id', 'created_at', 'text', 'subject'], ['h1', '2026-03-02T10:00:00Z', huge, 'late'], ['h2', '2026-03-02T11:00:00Z', 'short one', emoji], ['h3', '2026-03-02T12:00:00Z', 'after', '']]));
			const events = await collect(file);
			expect(events.map((e) => e.kind)).toEqual(['ticket', 'ticket', 'ticket']);
			const [first, second, third] = tickets(events);
			expect(first.ticket.message).toMatchObject({ text: huge.slice(0, 20_000), truncated: true, originalLength: huge.length, subject: 'late' });
			expect(first.warnings.join(' ')).toContain(`field "text" has ${huge.length} characters; cut at 20000`);
			// Another column cut at the reading limit, never inside an emoji; the text is whole.
			expect(second.ticket.message.text).toBe('short one');
			expect(second.ticket.message.truncated).toBeUndefined();
			expect(second.ticket.message.subject).toBe(emoji.slice(0, 40_000));
			expect(third.line).toBe(150_004);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('reads an email row as the Support Inbox Trigger reads the mail: only what is new above the quoted history', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'ticket-readers-'));
		try {
			const file = path.join(dir, 'emails.csv');
			const reply = 'Hola, sigue sin llegar mi pedido 4411.\n\nSaludos,\nAna\n\nEl lun, 2 mar 2026 a las 10:00, Tienda <ayuda@tienda.mx> escribió:\n> Su pedido sale mañana.\n> Gracias por su paciencia, y si necesita algo más escríbanos.';
			const onlyQuoted = '> forwarded without a word\n> of their own';
			writeFileSync(file, stringify([['id', 'created_at', 'channel', 'text'], ['e1', '2026-03-03T10:00:00Z', 'email', reply], ['e2', '2026-03-03T11:00:00Z', 'whatsapp', reply], ['e3', '2026-03-03T12:00:00Z', 'email', onlyQuoted]]));
			const [email, whatsapp, quotedOnly] = tickets(await collect(file));
			expect(email.ticket.message.text).toBe('Hola, sigue sin llegar mi pedido 4411.\n\nSaludos,\nAna');
			expect(email.ticket.message.truncated).toBeUndefined();
			// Other channels have no quoted history to drop; an email that is all quote keeps its text rather than none.
			expect(whatsapp.ticket.message.text).toBe(reply);
			expect(quotedOnly.ticket.message.text).toBe(onlyQuoted);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
