/**
 * The adversarial corpus through every way a ticket comes in: CSV, JSONL and JSON files (the
 * simulator's reader), a web chat / webhook body (the greeter's conversion), a WhatsApp message
 * and an IMAP mail. Every case must end as a routed ticket (L1–L4) or a named rejection: nothing
 * lost, nothing thrown, text within the input limit. Big inputs are generated into a temp folder.
 * No timing assertions here: the growth benchmark (bench/growth.ts) measures time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { DEFAULT_INPUT_LIMITS } from '../../../nodes/shared/input-limits';
import { getKnowledgeBase, lookupKnowledge, DEFAULT_THRESHOLD, toKnowledgeEntries } from '../../../nodes/shared/knowledge';
import { routeTicket } from '../../../nodes/shared/routing/route';
import { DEFAULT_ROUTING_POLICY } from '../../../nodes/shared/routing/policy';
import { triageTicket } from '../../../nodes/shared/triage';
import type { Ticket } from '../../../nodes/shared/ticket';
import { toTicketShape } from '../../../nodes/shared/ticket-input';
import { isFirstContact } from '../../../nodes/shared/greeting/greet';
import { slaStart } from '../../../nodes/shared/sla/sla';
import { mailToTicket, parseMail } from '../../../nodes/shared/email/mailToTicket';
import { buildReplySubject } from '../../../nodes/shared/email/replyMail';
import { DEFAULT_FILTERS, toTicket } from '../../../nodes/shared/whatsapp/to-ticket';
import { readTickets, type TicketEvent } from '../../../simulator/tickets';
import storeKb from '../../../workflows/knowledge/store-kb.json';
import { ADVERSARIAL_CASES, deepNesting, hugeHistory } from './corpus';

const SIZE = 25_000;
const TEN_MB = 10 * 1024 * 1024;
const AT = '2026-03-02T10:00:00-06:00';
const TIERS = ['L1', 'L2', 'L3', 'L4'];
const kb = getKnowledgeBase(toKnowledgeEntries(storeKb as unknown[]), { cacheDir: false });
let tmp: string;

beforeAll(() => {
	tmp = mkdtempSync(path.join(os.tmpdir(), 'adversarial-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The ticket path every channel leads to: triage, knowledge, routing. Returns the tier. */
function handle(ticket: Ticket): string {
	const triage = triageTicket(ticket);
	const { knowledge } = lookupKnowledge({ ...ticket, triage }, kb, { threshold: DEFAULT_THRESHOLD });
	return routeTicket({ ...ticket, triage, knowledge }, DEFAULT_ROUTING_POLICY).tier;
}

function expectWithinLimit(ticket: Ticket, original: string): void {
	expect(ticket.message.text.length).toBeLessThanOrEqual(DEFAULT_INPUT_LIMITS.maxTextLength);
	if (original.length > DEFAULT_INPUT_LIMITS.maxTextLength) {
		expect(ticket.message).toMatchObject({ truncated: true, originalLength: original.length });
	}
}

async function collect(file: string): Promise<TicketEvent[]> {
	const events: TicketEvent[] = [];
	for await (const event of readTickets(file, { zone: 'UTC' })) events.push(event);
	return events;
}

/** Every row is a ticket that routes, or a rejection with a reason; ids say which row is which. */
async function expectNothingLost(file: string, ids: string[]): Promise<TicketEvent[]> {
	const events = await collect(file);
	const seen: string[] = [];
	for (const event of events) {
		if (event.kind === 'rejected') {
			expect(event.reason).toMatch(/\w/);
			seen.push(`line ${event.line}`);
			continue;
		}
		seen.push(event.value.ticket.ticketId);
		expect(TIERS).toContain(handle(event.value.ticket));
	}
	expect(events).toHaveLength(ids.length);
	for (const id of ids) expect(seen).toContain(id);
	return events;
}

const texts = ADVERSARIAL_CASES.map((c, i) => ({ id: `case-${i}`, name: c.name, text: c.make(SIZE) }));

describe('adversarial corpus through the ticket files', () => {
	it('CSV: every case at 25 KB and a 10 MB text is replayed, cut at the limit', async () => {
		const rows = [...texts, { id: 'ten-mb', name: '10 MB', text: ADVERSARIAL_CASES[ADVERSARIAL_CASES.length - 1].make(TEN_MB) }];
		const file = path.join(tmp, 'corpus.csv');
		writeFileSync(file, stringify([['id', 'created_at', 'text'], ...rows.map((r) => [r.id, AT, r.text])]));
		const events = await expectNothingLost(file, rows.map((r) => r.id));
		const tenMb = events.find((e) => e.kind === 'ticket' && e.value.ticket.ticketId === 'ten-mb');
		expect(tenMb?.kind === 'ticket' && tenMb.value.ticket.message).toMatchObject({ truncated: true, originalLength: TEN_MB });
		expect(tenMb?.kind === 'ticket' && tenMb.value.warnings.join()).toContain('cut at 20000');
	}, 180_000);

	it('CSV: the corpus written raw (unquoted, so quotes and line breaks break rows) loses no row', async () => {
		// Without a CSV writer the texts' own quotes and newlines corrupt the file: each piece must
		// come out as a ticket or a rejection with its line.
		const file = path.join(tmp, 'raw.csv');
		const lines = ['id,created_at,text', ...texts.map((t) => `${t.id},${AT},${t.text}`), `last,${AT},where is my order`];
		writeFileSync(file, lines.join('\n') + '\n');
		const events = await collect(file);
		expect(events.length).toBeGreaterThan(0);
		for (const event of events) {
			if (event.kind === 'ticket') expect(TIERS).toContain(handle(event.value.ticket));
			else expect(event.reason).toMatch(/\w/);
		}
		expect(events.some((e) => e.kind === 'ticket' && e.value.ticket.ticketId === 'last')).toBe(true);
	}, 180_000);

	it('JSONL and JSON: every case, a field nested 5,000 deep rejects only its own ticket', async () => {
		const tickets = [...texts.map((t) => ({ id: t.id, created_at: AT, text: t.text })), { id: 'deep', created_at: AT, text: 'hola' }];
		const deep = `{"id":"deep","created_at":"${AT}","text":"hola","extra":${deepNesting(5000)}}`;
		const jsonl = path.join(tmp, 'corpus.jsonl');
		writeFileSync(jsonl, [...tickets.slice(0, -1).map((t) => JSON.stringify(t)), deep].join('\n') + '\n');
		const json = path.join(tmp, 'corpus.json');
		writeFileSync(json, `[${[...tickets.slice(0, -1).map((t) => JSON.stringify(t)), deep].join(',')}]`);
		for (const file of [jsonl, json]) {
			const events = await collect(file);
			expect(events).toHaveLength(tickets.length);
			const rejected = events.filter((e) => e.kind === 'rejected');
			expect(rejected).toHaveLength(1);
			expect(rejected[0]).toMatchObject({ line: tickets.length });
			for (const event of events) if (event.kind === 'ticket') expect(TIERS).toContain(handle(event.value.ticket));
		}
	}, 180_000);
});

describe('adversarial corpus through the channels', () => {
	it('web chat / webhook body: capped text and a 100,000-turn history with nulls still routes', () => {
		for (const { text } of [...texts, { text: 'where is my order '.repeat(600_000) }]) {
			const ticket = toTicketShape({ body: { text, history: hugeHistory(100_000), sessionId: 's1' } }, () => AT) as unknown as Ticket;
			expectWithinLimit(ticket, text);
			expect(ticket.history).toHaveLength(DEFAULT_INPUT_LIMITS.maxHistoryTurns - DEFAULT_INPUT_LIMITS.maxHistoryTurns / 10);
			expect(ticket.inputWarnings?.join(' ')).toMatch(/first 99950 were dropped.*5 history entries are not an object/);
			expect(TIERS).toContain(handle(ticket));
			expect(typeof isFirstContact(ticket, AT)).toBe('boolean');
			expect(slaStart(ticket)).toBe(Date.parse(AT));
		}
		// A ticket built elsewhere (not through an entry point) with junk history still routes.
		const junk = { ticketId: 'j', channel: 'webchat', customer: {}, message: { text: 'help', receivedAt: AT }, history: [null, 3, 'x', { role: 'ai', text: 'hi' }] } as unknown as Ticket;
		expect(TIERS).toContain(handle(junk));
		expect(isFirstContact(junk, AT)).toBe(false);
	});

	it('WhatsApp message: every case and a 10 MB text end as a capped ticket that routes', () => {
		for (const { text } of [...texts, { text: 'a'.repeat(TEN_MB) }]) {
			const result = toTicket({ key: { remoteJid: '5215512345678@s.whatsapp.net', id: 'WA1', fromMe: false }, message: { conversation: text }, messageTimestamp: 1772467200 }, DEFAULT_FILTERS, () => new Date(0));
			if (!('ticket' in result)) throw new Error(`ignored: ${result.ignored}`);
			expectWithinLimit(result.ticket, text);
			expect(TIERS).toContain(handle(result.ticket));
		}
	});

	it('IMAP mail: every case as body and subject ends as a capped ticket that routes', async () => {
		for (const { text } of [...texts, { text: '> quoted\n'.repeat(120_000) + 'the end' }]) {
			const subject = text.slice(0, 2000).replace(/[\r\n]+/g, ' ');
			const raw = ['From: Ana <ana@example.com>', 'To: support@example.com', `Subject: ${subject}`, 'Message-ID: <m1@example.com>', 'Date: Mon, 2 Mar 2026 10:00:00 -0600', 'Content-Type: text/plain; charset=utf-8', '', text].join('\r\n');
			const { ticket } = mailToTicket(await parseMail(raw));
			expect(ticket.message.text.length).toBeLessThanOrEqual(DEFAULT_INPUT_LIMITS.maxTextLength);
			expect(TIERS).toContain(handle(ticket));
			expect(buildReplySubject(ticket.message.subject, ticket.ticketId)).toMatch(/^Re: /);
		}
	});
});
