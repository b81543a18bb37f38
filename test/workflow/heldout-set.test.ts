/**
 * The hand-written held-out set (bench/heldout/) stays readable by the simulator, labelled and big
 * enough to measure recall per flag; its scorer runs on a slice through the real templates.
 * No figure is asserted: the set is for reporting, never for tuning.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createEngine } from '../../simulator/engine';
import { readTickets, type ReplayTicket } from '../../simulator/tickets';
import { DEV_BUSINESSES, devBusinesses } from '../../bench/dev-score';
import { assertScored, figures, formatHeldout, HELDOUT_BUSINESSES, scoreHeldout } from '../../bench/heldout-score';

async function readAll(file: string) {
	const tickets: ReplayTicket[] = [];
	const rejected: string[] = [];
	for await (const event of readTickets(file, { zone: 'America/Mexico_City' })) {
		if (event.kind === 'ticket') tickets.push(event.value);
		else rejected.push(`line ${event.line}: ${event.reason}`);
	}
	return { tickets, rejected };
}

describe('held-out set files', () => {
	it('read with the simulator with no rejected row, at least 800 tickets, every one labelled', async () => {
		let total = 0;
		for (const { business, tickets: file } of HELDOUT_BUSINESSES) {
			const { tickets, rejected } = await readAll(file);
			expect({ business, rejected }).toEqual({ business, rejected: [] });
			for (const { ticket, labels } of tickets) {
				expect(typeof labels.needsHuman).toBe('boolean');
				expect(['L1', 'L2', 'L3', 'L4']).toContain(labels.expectedTier);
				expect(['es', 'pt', 'en']).toContain(ticket.customer.language);
				expect(ticket.message.receivedAt).toMatch(/-06:00$/);
			}
			total += tickets.length;
		}
		expect(total).toBeGreaterThanOrEqual(800);
	});

	it('gives every row a category, and a needs-human label that agrees with its tier', () => {
		for (const { tickets: file } of HELDOUT_BUSINESSES) {
			const rows = parse(readFileSync(file), { columns: true }) as Record<string, string>[];
			for (const row of rows) {
				expect(row.category).toMatch(/^[a-z0-9_]+$/);
				// L3/L4 are the people tiers: a ticket labelled for a person must be expected there.
				expect(`${row.id} ${row.needs_human === 'true'}`).toBe(`${row.id} ${row.expected_tier === 'L3' || row.expected_tier === 'L4'}`);
			}
		}
	});
});

describe('development set files', () => {
	// dev2 … dev13 are trained on (each scored first, before any of its misses was read): each must read cleanly and be labelled like the held-out set.
	it.each(['dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8', 'dev9', 'dev10', 'dev11', 'dev12', 'dev13'])('%s reads with no rejected row, both businesses, labels that agree with their tiers', async (set) => {
		const businesses = devBusinesses(join(__dirname, '..', '..', 'bench', set));
		expect(businesses.map((b) => b.business)).toEqual(['store', 'clinic']);
		for (const { business, tickets: file } of businesses) {
			const { tickets, rejected } = await readAll(file);
			expect({ business, rejected }).toEqual({ business, rejected: [] });
			expect(tickets.length).toBeGreaterThanOrEqual(250);
			for (const { labels } of tickets) expect(`${labels.needsHuman}`).toBe(`${labels.expectedTier === 'L3' || labels.expectedTier === 'L4'}`);
		}
	});
});

describe('held-out scorer', () => {
	it('replays a 20-row slice of each file through its template and scores it', async () => {
		const engine = await createEngine();
		const report = await scoreHeldout({ limit: 20, engine });
		expect(report.rejected).toEqual([]);
		expect(report.lost).toBe(0);
		for (const business of ['store', 'clinic']) {
			const all = report.rows.find((r) => r.business === business && r.language === 'all');
			expect(all?.tickets).toBe(20);
			const byLanguage = report.rows.filter((r) => r.business === business && r.language !== 'all');
			expect(byLanguage.reduce((sum, r) => sum + r.tickets, 0)).toBe(20);
		}
		for (const row of report.rows) {
			expect(row.needsHuman + row.automatable).toBe(row.tickets);
			for (const share of [row.escalationAccuracy, row.needsHumanRecall, row.wrongAnswerRisk, row.tierAccuracy, row.aiResolution, row.falseEscalation]) {
				if (share !== null) {
					expect(share).toBeGreaterThanOrEqual(0);
					expect(share).toBeLessThanOrEqual(1);
				}
			}
		}
		expect(report.categories.reduce((sum, c) => sum + c.tickets, 0)).toBe(40);
		expect(formatHeldout(report)).toContain('| store | all | 20 |');
	});
});

describe('a scorer whose engine fails the tickets', () => {
	it('counts them, names the first, and refuses to pass the figures on', async () => {
		// The store's development tickets (bench/dev2/) through a template whose Knowledge Lookup cannot run.
		const store = DEV_BUSINESSES.find((b) => b.business === 'store');
		if (!store) throw new Error('bench/dev2/store.csv is missing');
		const template = JSON.parse(readFileSync(store.workflow, 'utf8')) as { nodes: Array<{ type: string; parameters: Record<string, unknown> }> };
		for (const node of template.nodes) if (node.type.endsWith('.knowledgeLookup')) node.parameters.threshold = '={{ $json.nope.x }}';
		const broken = join(mkdtempSync(join(tmpdir(), 'scorer-')), 'broken.json');
		writeFileSync(broken, JSON.stringify(template));
		const report = await scoreHeldout({ businesses: [{ ...store, workflow: broken }], limit: 5, engine: await createEngine() });
		expect(report.failed).toBe(5);
		expect(report.firstError).toMatch(/^store \S+: .*Knowledge Lookup/);
		expect(formatHeldout(report)).toContain('Tickets that failed inside the engine: 5');
		expect(() => assertScored(report)).toThrow(/^5 tickets failed inside the engine/);
		// A clean slice passes.
		expect(() => assertScored({ ...report, failed: 0 })).not.toThrow();
	});
});

describe('held-out figures', () => {
	const item = (needsHuman: boolean, tier: string, expectedTier: string, aiResolved: boolean) => ({ business: 'b', language: 'es', category: 'c', needsHuman, tier, expectedTier, aiResolved });

	it('counts an AI answer to a needs-human ticket as wrong-answer risk and an escalated automatable one as false escalation', () => {
		const result = figures([item(true, 'L3', 'L3', false), item(true, 'L1', 'L4', true), item(false, 'L1', 'L1', true), item(false, 'L3', 'L2', false)]);
		expect(result).toEqual({
			tickets: 4,
			needsHuman: 2,
			automatable: 2,
			escalationAccuracy: 0.5,
			needsHumanRecall: 0.5,
			wrongAnswerRisk: 0.5,
			tierAccuracy: 0.5,
			aiResolution: 0.5,
			falseEscalation: 0.5,
		});
	});

	it('leaves a share empty rather than dividing by zero', () => {
		expect(figures([item(false, 'L1', 'L1', true)]).needsHumanRecall).toBeNull();
	});
});
