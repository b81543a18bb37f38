import type { ReplayReport, SweepPoint } from '../../simulator/metrics/accumulator';
import { DEFAULT_COST_MODEL } from '../../simulator/metrics/cost-model';

/**
 * A hand-made ReplayReport with every field of the accumulator's summary filled in, plausible enough to
 * look at (it is what docs/report-screenshot.png shows). Tests vary it through `patch`, which gets a
 * fresh deep copy each time.
 */
export function sampleReport(patch?: (report: ReplayReport) => void): ReplayReport {
	const report: ReplayReport = {
		workflow: 'support-24-7.json',
		source: 'simulator/demo/history.csv',
		zone: 'America/Mexico_City',
		period: { from: '2026-01-05T00:04:00.000-06:00', to: '2026-04-05T23:52:00.000-06:00', days: 91 },
		tickets: { read: 3426, replayed: 3420, rejected: 6, unrouted: 0, failed: 0, warnings: 2 },
		rejectedRows: [
			{ line: 118, reason: 'created_at "yesterday" is not a date' },
			{ line: 402, reason: 'empty message text' },
			{ line: 977, reason: 'channel "fax" is unknown; expected whatsapp, email, webchat, sms, social or phone' },
			{ line: 1503, reason: 'empty message text' },
			{ line: 2210, reason: 'created_at is missing' },
			{ line: 3011, reason: 'row has 3 columns, header has 9' },
		],
		tiers: { L1: 1510, L2: 748, L3: 902, L4: 260 },
		resolution: { aiResolved: 2080, rate: 0.6082 },
		escalation: {
			labelled: 3420,
			accuracy: 0.9292,
			precision: 0.8926,
			recall: 0.9231,
			truePositives: 1037,
			falsePositives: 125,
			trueNegatives: 2141,
			falseNegatives: 117,
			tierLabelled: 3420,
			tierAccuracy: 0.8696,
			confusion: {
				labels: ['L1', 'L2', 'L3', 'L4'],
				rows: 'expected',
				columns: 'predicted',
				matrix: [
					[1398, 96, 62, 4],
					[88, 617, 41, 2],
					[22, 31, 773, 40],
					[2, 4, 54, 186],
				],
			},
		},
		intent: { labelled: 3420, correct: 3049, accuracy: 0.8915 },
		wrongAnswerRisk: { count: 64, needsHuman: 1154, rate: 0.0555 },
		offHours: { tickets: 1744, share: 0.5099, aiResolved: 1121, aiCovered: 0.6428 },
		sla: {
			annotated: 3420,
			historical: { evaluated: 3290, breaches: 1184, rate: 0.3599 },
			forecast: { evaluated: 3420, breaches: 212, rate: 0.062 },
		},
		firstResponse: {
			unit: 'minutes',
			historical: { tickets: 3290, median: 187.5, p90: 842 },
			simulated: { tickets: 3420, median: 0, p90: 30 },
		},
		cost: {
			model: { ...DEFAULT_COST_MODEL },
			periods: {
				day: { tickets: 1676, aiResolved: 959 },
				night: { tickets: 812, aiResolved: 560 },
				weekend: { tickets: 866, aiResolved: 520 },
				holiday: { tickets: 66, aiResolved: 41 },
			},
			offHoursTicketShare: 0.5099,
			humanOnly: 6751.2,
			withAi: 2605.92,
			savings: 4145.28,
			savingsRate: 0.614,
			perMonth: { humanOnly: 2258.45, withAi: 871.74, savings: 1386.71 },
			staffing24x7: { fte: 4.5, monthlyCost: 8100, fteWithAi: 1.76 },
		},
		byChannel: {
			whatsapp: { tickets: 1710, share: 0.5, aiResolved: 1197, automatable: 0.7 },
			email: { tickets: 1026, share: 0.3, aiResolved: 616, automatable: 0.6004 },
			instagram: { tickets: 684, share: 0.2, aiResolved: 479, automatable: 0.7003 },
		},
		byCategory: {
			order_status: { tickets: 812, share: 0.2374, aiResolved: 741, automatable: 0.9126 },
			shipping_times: { tickets: 540, share: 0.1579, aiResolved: 498, automatable: 0.9222 },
			refund_request: { tickets: 455, share: 0.133, aiResolved: 162, automatable: 0.356 },
			password_reset: { tickets: 390, share: 0.114, aiResolved: 372, automatable: 0.9538 },
			billing_dispute: { tickets: 301, share: 0.088, aiResolved: 31, automatable: 0.103 },
			product_question: { tickets: 288, share: 0.0842, aiResolved: 214, automatable: 0.7431 },
			complaint: { tickets: 240, share: 0.0702, aiResolved: 12, automatable: 0.05 },
			b2b_quote: { tickets: 130, share: 0.038, aiResolved: 0, automatable: 0 },
			legal_threat: { tickets: 64, share: 0.0187, aiResolved: 0, automatable: 0 },
			outage_emergency: { tickets: 200, share: 0.0585, aiResolved: 50, automatable: 0.25 },
		},
		heatmap: { zone: 'America/Mexico_City', weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], hours: 24, counts: demandCounts() },
		confidence: { bins: [12, 18, 40, 96, 188, 240, 310, 520, 900, 1096].map((count, i) => ({ from: i / 10, to: (i + 1) / 10, count })) },
		fallbacks: { count: 3, reasons: { 'provider timeout': 2, 'invalid JSON from provider': 1 } },
		captured: { messages: 3514 },
		throughput: { ticketsPerSecond: 10840.5, wallSeconds: 0.315 },
		sweep: sampleSweep(),
		parameters: { param: ['Escalation Router.maxAiTurns=2'], knowledge: 'simulator/demo/knowledge.json', preset: 'generic', workers: 2 },
	};
	const copy = structuredClone(report);
	patch?.(copy);
	return copy;
}

/** The sweep the CLI produces for `--sweep "Knowledge Lookup.threshold=0.3:0.9:0.05"`: 13 points. */
export function sampleSweep(): SweepPoint[] {
	return Array.from({ length: 13 }, (_, k) => {
		const value = Number((0.3 + k * 0.05).toFixed(2));
		const t = k / 12;
		return {
			parameter: 'Knowledge Lookup.threshold',
			value,
			resolutionRate: round(0.78 - 0.42 * t * t),
			escalationAccuracy: round(0.82 + 0.14 * Math.sin(t * Math.PI * 0.8)),
			recall: round(0.8 + 0.17 * t),
			wrongAnswerRate: round(0.14 - 0.12 * t),
		};
	});
}

/** Weekday × hour counts shaped like real support demand: business-hour peaks, a quieter weekend, a night tail. */
function demandCounts(): number[][] {
	return Array.from({ length: 7 }, (_, day) =>
		Array.from({ length: 24 }, (_, hour) => {
			const daytime = Math.exp(-((hour - 13) ** 2) / 18);
			const evening = 0.45 * Math.exp(-((hour - 21) ** 2) / 6);
			const weekend = day >= 5 ? 0.55 : 1;
			// A fixed wobble instead of randomness keeps the fixture reproducible.
			const wobble = 1 + 0.12 * Math.sin(day * 7 + hour * 3);
			return Math.round((4 + 52 * (daytime + evening)) * weekend * wobble);
		}),
	);
}

function round(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}
