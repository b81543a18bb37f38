import { MetricsAccumulator } from '../../simulator/metrics/accumulator';
import { DEFAULT_COST_MODEL, humanTicketCost, parseCostOverrides } from '../../simulator/metrics/cost-model';
import { percentile } from '../../simulator/metrics/stats';
import type { TicketOutcome } from '../../simulator/replay/outcome';

function outcome(partial: Partial<TicketOutcome>): TicketOutcome {
	return {
		id: 't',
		line: 2,
		text: 'x',
		channel: 'webchat',
		receivedAt: '2026-03-04T10:00:00-06:00', // a Wednesday, 10:00 in Mexico City
		reasons: [],
		answered: false,
		aiResolved: false,
		captured: 0,
		labels: {},
		warnings: [],
		...partial,
	};
}

const cost = { ...DEFAULT_COST_MODEL, agentHourlyRate: 60, handleMinutes: 10, humanFirstResponseMinutes: 30 };

describe('metrics arithmetic', () => {
	let report: ReturnType<MetricsAccumulator['summary']>;

	beforeAll(() => {
		const acc = new MetricsAccumulator({ zone: 'America/Mexico_City', cost, holidayCountry: 'MX' });
		// 1. AI answered an FAQ correctly (true negative, right intent, right tier).
		acc.add(outcome({ id: 'a', tier: 'L1', answered: true, aiResolved: true, predictedIntent: 'hours', confidence: 0.91, open: true, labels: { needsHuman: false, expectedTier: 'L1', expectedIntent: 'hours' } }));
		// 2. AI answered a ticket that needed a human: false negative and a wrong-answer risk.
		acc.add(outcome({ id: 'b', tier: 'L1', answered: true, aiResolved: true, predictedIntent: 'prices', confidence: 0.55, open: false, labels: { needsHuman: true, expectedTier: 'L3' } }));
		// 3. Escalated correctly, off hours, human answers 30 min after the next opening.
		acc.add(
			outcome({
				id: 'c',
				tier: 'L3',
				receivedAt: '2026-03-07T22:00:00-06:00', // Saturday night
				open: false,
				nextOpenAt: '2026-03-09T09:00:00-06:00',
				firstResponseDueAt: '2026-03-09T10:00:00-06:00',
				confidence: 0.2,
				labels: { needsHuman: true, expectedTier: 'L3', expectedIntent: 'refund', firstResponseAt: '2026-03-09T11:00:00-06:00' },
			}),
		);
		// 4. Escalated needlessly (false positive), labelled L1 but sent to L4.
		acc.add(outcome({ id: 'd', tier: 'L4', reasons: ['prompt injection'], open: true, confidence: 0.05, labels: { needsHuman: false, expectedTier: 'L1' } }));
		// 5. Never left the router: counted as replayed, but not routed.
		acc.add(outcome({ id: 'e', error: 'Boom: failed' }));
		acc.reject(9, 'field "text" is empty');
		report = acc.summary({ wallSeconds: 2, workflow: 'w.json', tickets: 't.csv' });
	});

	it('conserves tickets: read = replayed + rejected', () => {
		expect(report.tickets).toEqual({ read: 6, replayed: 5, rejected: 1, unrouted: 1, failed: 1, warnings: 0 });
		expect(report.rejectedRows).toEqual([{ line: 9, reason: 'field "text" is empty' }]);
		expect(report.tiers).toEqual({ L1: 2, L2: 0, L3: 1, L4: 1 });
	});

	it('computes resolution, escalation precision/recall and tier confusion by hand', () => {
		expect(report.resolution).toEqual({ aiResolved: 2, rate: 0.4 });
		// TP = c, FN = b, FP = d, TN = a
		expect(report.escalation).toMatchObject({ labelled: 4, accuracy: 0.5, precision: 0.5, recall: 0.5, tierLabelled: 4, tierAccuracy: 0.5 });
		expect(report.escalation.confusion.matrix).toEqual([
			[1, 0, 0, 1],
			[0, 0, 0, 0],
			[1, 0, 1, 0],
			[0, 0, 0, 0],
		]);
		expect(report.wrongAnswerRisk).toEqual({ count: 1, needsHuman: 2, rate: 0.5 });
	});

	it('counts an escalation without an answer as a wrong intent', () => {
		expect(report.intent).toEqual({ labelled: 2, correct: 1, accuracy: 0.5 });
	});

	it('measures off-hours share and AI cover, SLA and first response', () => {
		expect(report.offHours).toEqual({ tickets: 2, share: 0.5, aiResolved: 1, aiCovered: 0.5 });
		// c: simulated reply 09:30 Monday (before the 10:00 due); historical 11:00 (breach).
		expect(report.sla.forecast).toEqual({ evaluated: 1, breaches: 0, rate: 0 });
		expect(report.sla.historical).toEqual({ evaluated: 1, breaches: 1, rate: 1 });
		// c: Saturday 22:00 to Monday 11:00 is 37 h.
		expect(report.firstResponse.historical).toEqual({ tickets: 1, median: 2220, p90: 2220 });
		// AI: 0, 0; c: 35.5 h = 2130 min; d (L4, not an emergency): 30 min.
		expect(report.firstResponse.simulated).toEqual({ tickets: 4, median: 0, p90: 2130 });
	});

	it('prices human cover with the night/weekend premiums', () => {
		const day = humanTicketCost('day', cost); // 10/60 h × 60 = 10
		const weekend = humanTicketCost('weekend', cost); // × 1.75
		expect(day).toBe(10);
		expect(weekend).toBeCloseTo(17.5);
		// a, b, d, e on a Wednesday at 10:00; c on a Saturday night (weekend wins over night).
		expect(report.cost.humanOnly).toBeCloseTo(4 * day + weekend);
		expect(report.cost.withAi).toBeCloseTo(2 * day + weekend);
		expect(report.cost.savingsRate).toBeCloseTo(20 / 57.5, 4);
	});

	it('fills the weekday × hour heatmap in the business zone', () => {
		expect(report.heatmap.counts[2][10]).toBe(4); // Wednesday 10:00
		expect(report.heatmap.counts[5][22]).toBe(1); // Saturday 22:00
		expect(report.heatmap.counts.flat().reduce((a, b) => a + b, 0)).toBe(5);
	});

	it('bins confidence and reports throughput', () => {
		expect(report.confidence.bins.map((b) => b.count)).toEqual([1, 0, 1, 0, 0, 1, 0, 0, 0, 1]);
		expect(report.throughput).toEqual({ ticketsPerSecond: 2.5, wallSeconds: 2 });
	});

	it('treats public holidays as holidays for cost', () => {
		const acc = new MetricsAccumulator({ zone: 'America/Mexico_City', cost, holidayCountry: 'MX' });
		acc.add(outcome({ tier: 'L3', receivedAt: '2026-09-16T12:00:00-06:00' })); // Independence Day
		const r = acc.summary({ wallSeconds: 1, workflow: 'w', tickets: 't' });
		expect(r.cost.periods.holiday.tickets).toBe(1);
		expect(r.cost.humanOnly).toBeCloseTo(humanTicketCost('holiday', cost));
	});
});

describe('cost overrides and percentiles', () => {
	it('parses --cost overrides and names a bad key', () => {
		expect(parseCostOverrides(['agentHourlyRate=20', 'currency=MXN'])).toMatchObject({ agentHourlyRate: 20, currency: 'MXN' });
		expect(() => parseCostOverrides(['salary=3'])).toThrow('--cost "salary=3": unknown key');
		expect(() => parseCostOverrides(['handleMinutes=-1'])).toThrow('handleMinutes must be a non-negative number');
	});

	it('uses nearest-rank percentiles', () => {
		expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
		expect(percentile([5, 1, 3, 2, 4], 90)).toBe(5);
		expect(percentile([], 50)).toBeNull();
	});
});
