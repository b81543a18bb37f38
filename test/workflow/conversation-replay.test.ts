import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createEngine, type Engine, type WorkflowJson } from '../../simulator/engine';
import type { TicketOutcome } from '../../simulator/replay/outcome';
import { BatchRunner } from '../../simulator/replay/batch-runner';
import { replay } from '../../simulator/replay/replay';
import { readTickets, type ReplayTicket } from '../../simulator/tickets';
import type { Ticket } from '../../nodes/shared/ticket';
import { memoryBackend } from '../../nodes/shared/conversation';

/**
 * A three-turn conversation replayed from a ticket file on n8n-core's WorkflowExecute: the rows share a
 * conversation_id, run in time order through the Conversation Store (its SQLite default replaced by a
 * memory store), and the conversation metrics are read from what the workflow did.
 */
const P = 'n8n-nodes-support247';
const kbFile = path.join(__dirname, '../fixtures/kb-store.json');
const hours = { timeZone: 'America/Mexico_City', hours_monday: '09:00-18:00', hours_tuesday: '09:00-18:00', hours_wednesday: '09:00-18:00', hours_thursday: '09:00-18:00', hours_friday: '09:00-18:00', hours_saturday: '10:00-14:00', hours_sunday: '', calendarOptions: { holidayCountry: 'MX' } };
const node = (name: string, type: string, parameters: Record<string, unknown> = {}) => ({ id: name, name, type, typeVersion: 1, position: [0, 0] as [number, number], parameters });
const to = (...targets: string[]) => targets.map((n) => [{ node: n, type: 'main' as const, index: 0 }]);

// Load (SQLite by default, as users leave it) → greeter → triage → lookup → router; people take over; Append.
const workflow: WorkflowJson = {
	name: 'conversation replay',
	nodes: [
		node('Start', 'n8n-nodes-base.manualTrigger'),
		node('Load', `${P}.conversationStore`, { operation: 'load' }),
		node('Greeter', `${P}.offHoursGreeter`, { ...hours, businessName: 'Tienda Sol' }),
		node('Triage', `${P}.supportTriage`, { knowledgeSource: 'file', knowledgeFile: kbFile }),
		node('Lookup', `${P}.knowledgeLookup`, { knowledgeSource: 'file', knowledgeFile: kbFile }),
		node('Router', `${P}.escalationRouter`),
		node('Take Over', `${P}.conversationStore`, { operation: 'takeOver', person: 'L3 queue' }),
		node('Append', `${P}.conversationStore`, { operation: 'append' }),
	] as never,
	connections: {
		Start: { main: to('Load') },
		Load: { main: to('Greeter') },
		Greeter: { main: to('Triage', 'Triage') },
		Triage: { main: to('Lookup') },
		Lookup: { main: to('Router', 'Router') },
		Router: { main: to('Append', 'Append', 'Take Over', 'Take Over') },
		'Take Over': { main: to('Append') },
	},
};

const HEADER = 'id,conversation_id,created_at,channel,language,text\n';

describe('support-sim replays conversations turn by turn through the Conversation Store', () => {
	let engine: Engine;
	let dir: string;
	beforeAll(async () => {
		engine = await createEngine();
		dir = mkdtempSync(path.join(tmpdir(), 'conv-replay-'));
	});

	async function run(csv: string) {
		const file = path.join(dir, `t${Math.random().toString(36).slice(2)}.csv`);
		writeFileSync(file, HEADER + csv);
		const outcomes = new Map<string, TicketOutcome>();
		const report = await replay({ workflow, workflowName: 'conversation replay', tickets: file, zone: 'America/Mexico_City', engine, onOutcome: (o) => outcomes.set(o.id, o) });
		return { report, outcomes };
	}

	it('answers, hands over when a person is asked for, then stays silent while the person has it', async () => {
		// Rows out of time order in the file, and in one batch: they still replay in time order.
		const { report, outcomes } = await run(
			[
				'm3,c-1,2026-03-05T10:20:00-06:00,whatsapp,es,¿y hacen envios a Monterrey?',
				'm1,c-1,2026-03-05T10:00:00-06:00,whatsapp,es,¿a q hora abren el sabado?',
				'm2,c-1,2026-03-05T10:05:00-06:00,whatsapp,es,quiero hablar con una persona',
				'o1,c-2,2026-03-05T10:06:00-06:00,whatsapp,es,¿a q hora abren el sabado?',
			].join('\n'),
		);
		expect(report.tickets).toMatchObject({ read: 4, replayed: 4, rejected: 0, unrouted: 0 });
		const [m1, m2, m3, o1] = ['m1', 'm2', 'm3', 'o1'].map((id) => outcomes.get(id) as TicketOutcome);
		// The SQLite default became a memory store: the first turn is answered, not sent to a person as "store unavailable".
		expect(m1).toMatchObject({ tier: 'L1', aiResolved: true, takenOver: false, conversation: 'c-1' });
		expect(m1.replyText).toBeTruthy();
		expect(m2).toMatchObject({ tier: 'L3', humanRequested: true, takenOver: false });
		// The third turn sees the second's takeover: a person's queue, no reply.
		expect(m3).toMatchObject({ tier: 'L3', takenOver: true });
		expect(m3.rules?.[0]).toBe('takeover');
		expect(m3.replyText).toBeUndefined();
		// Another customer's conversation is untouched by c-1's takeover.
		expect(o1).toMatchObject({ tier: 'L1', takenOver: false });
		expect(report.conversations).toMatchObject({
			conversations: 2,
			multiTurn: 1,
			turns: 4,
			resolvedByAi: 1,
			escalated: 1,
			takeoverTurns: 1,
			aiRepliesDuringTakeover: 0,
			loops: 0,
			deadEnds: 0,
		});
	});

	it('two replays in one process start from empty stores', async () => {
		const csv = 'n1,c-9,2026-03-05T10:00:00-06:00,whatsapp,es,quiero hablar con una persona\nn2,c-9,2026-03-05T10:10:00-06:00,whatsapp,es,¿a q hora abren el sabado?';
		const first = await run(csv);
		const second = await run(csv);
		for (const { outcomes } of [first, second]) {
			expect(outcomes.get('n1')).toMatchObject({ tier: 'L3', takenOver: false });
			expect(outcomes.get('n2')).toMatchObject({ tier: 'L3', takenOver: true });
		}
	});

	it('without a conversation column every row is its own conversation and no section is reported', async () => {
		const file = path.join(dir, 'plain.csv');
		writeFileSync(file, 'id,created_at,channel,language,text\np1,2026-03-05T10:00:00-06:00,whatsapp,es,quiero hablar con una persona\np2,2026-03-05T10:01:00-06:00,whatsapp,es,¿a q hora abren el sabado?\n');
		const outcomes = new Map<string, TicketOutcome>();
		const report = await replay({ workflow, workflowName: 'plain', tickets: file, zone: 'America/Mexico_City', engine, onOutcome: (o) => outcomes.set(o.id, o) });
		expect(report.conversations).toBeUndefined();
		expect(outcomes.get('p2')).toMatchObject({ tier: 'L1', takenOver: false });
	});

	it('forgets a conversation idle for a week of history time, and only then, also in a file out of time order', async () => {
		const file = path.join(dir, 'forget.csv');
		// Evening turns: the shop is closed, so every turn is answered alike and only the store's memory differs.
		const rows = [
			'a1,c-a,2026-03-02T20:00:00-06:00,whatsapp,es,¿a q hora abren el sabado?',
			'k1,c-k,2026-03-02T20:00:00-06:00,whatsapp,es,¿a q hora abren el sabado?',
			// Six days on: nothing is a week idle yet, so c-k comes back with its memory.
			'k2,c-k,2026-03-08T20:00:00-06:00,whatsapp,es,¿y hacen envios a Monterrey?',
			// Ten days on: c-a (idle since the 2nd) is forgotten and comes back as a new conversation; c-k (the 8th) is kept.
			'f1,c-f,2026-03-12T20:00:00-06:00,whatsapp,es,¿a q hora abren el sabado?',
			'a2,c-a,2026-03-12T21:00:00-06:00,whatsapp,es,¿y hacen envios a Monterrey?',
			'k3,c-k,2026-03-12T21:00:00-06:00,whatsapp,es,¿a q hora abren el sabado?',
			// Rows from before the last sweep's cutoff, arriving late: each is forgotten after its batch, as that sweep would have done.
			'l1,c-l,2026-03-01T20:00:00-06:00,whatsapp,es,¿a q hora abren el sabado?',
			'l2,c-l,2026-03-01T20:30:00-06:00,whatsapp,es,¿y hacen envios a Monterrey?',
			// A late row still inside the week is remembered.
			'm1,c-m,2026-03-10T20:00:00-06:00,whatsapp,es,¿a q hora abren el sabado?',
			'm2,c-m,2026-03-10T20:30:00-06:00,whatsapp,es,¿y hacen envios a Monterrey?',
		];
		writeFileSync(file, HEADER + rows.join('\n'));
		const prepared = engine.prepare(workflow, 'forget');
		const runner = new BatchRunner(engine, prepared);
		const store = memoryBackend(prepared.memoryStores[0]);
		// The customer turns each conversation remembers after each ticket, one ticket a batch so each sweep runs where the file says.
		const remembered: Record<string, string[]> = {};
		for await (const event of readTickets(file, { zone: 'America/Mexico_City' })) {
			if (event.kind !== 'ticket') continue;
			const outcomes = await runner.run([event.value]);
			expect(outcomes[0].tier).toBeDefined();
			const key = `customer:conversation:${event.value.conversation}`;
			const record = (await store.listSince(-Infinity, '', 1000)).find((r) => key in r.identities);
			remembered[event.value.ticket.ticketId] = (record?.turns ?? []).filter((t) => t.role === 'customer').map((t) => t.id);
		}
		expect(remembered).toEqual({
			a1: ['a1'],
			k1: ['k1'],
			k2: ['k1', 'k2'],
			f1: ['f1'],
			a2: ['a2'],
			k3: ['k1', 'k2', 'k3'],
			l1: [],
			l2: [],
			m1: ['m1'],
			m2: ['m1', 'm2'],
		});
	});

	it('without a conversation column, a row nobody else can reach is forgotten after its batch; one sharing a phone is kept', async () => {
		const prepared = engine.prepare(workflow, 'own rows');
		const runner = new BatchRunner(engine, prepared);
		const store = memoryBackend(prepared.memoryStores[0]);
		const row = (id: string, at: string, customer: Ticket['customer'] = {}): ReplayTicket => ({
			line: 1,
			labels: {},
			warnings: [],
			ticket: { ticketId: id, channel: 'whatsapp', customer: { language: 'es', ...customer }, message: { text: '¿a q hora abren el sabado?', receivedAt: at } },
		});
		const customerTurns = async () => (await store.listSince(-Infinity, '', 1000)).map((r) => r.turns.filter((t) => t.role === 'customer').map((t) => t.id));
		await runner.run([row('p1', '2026-03-02T20:00:00-06:00'), row('p2', '2026-03-02T20:01:00-06:00')]);
		expect(await customerTurns()).toEqual([]);
		// The platform's phone number links two rows: that conversation is remembered, as before.
		await runner.run([row('q1', '2026-03-02T20:02:00-06:00', { phone: '+52 55 1234 5678' })]);
		await runner.run([row('q2', '2026-03-02T20:03:00-06:00', { phone: '+52 55 1234 5678' }), row('p3', '2026-03-02T20:03:00-06:00')]);
		expect(await customerTurns()).toEqual([['q1', 'q2']]);
	});
});
