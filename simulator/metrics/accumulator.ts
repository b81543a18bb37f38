import { DateTime } from 'luxon';
import type { Tier } from '../../nodes/shared/ticket';
import type { TicketOutcome } from '../replay/outcome';
import { humanTicketCost, type CostModel, type Period } from './cost-model';
import { ConversationAccumulator } from './conversations';
import { CsatAccumulator, type CsatSummary } from './csat';
import type { GapsSection } from '../gaps/types';
import { PeriodClassifier } from './period';
import { NumberList, percentile, ratio, round } from './stats';

const TIERS: Tier[] = ['L1', 'L2', 'L3', 'L4'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MAX_LISTED_REJECTIONS = 200;

export interface AccumulatorOptions {
	zone: string;
	cost: CostModel;
	holidayCountry?: string;
	holidayState?: string;
}

/**
 * Scores outcomes as they stream in. Everything kept is bounded by the number of categories,
 * except one number per ticket for the first-response percentiles.
 */
export class MetricsAccumulator {
	private read = 0;
	private replayed = 0;
	private rejected = 0;
	private readonly rejections: Array<{ line: number; reason: string }> = [];
	private unrouted = 0;
	private errors = 0;
	/** The first engine failure, kept whole: reports print it once instead of once per ticket. */
	private firstError?: { line: number; ticketId: string; message: string };
	private warnings = 0;
	private readonly warningRows: Array<{ line: number; warning: string }> = [];
	private readonly tiers: Record<Tier, number> = { L1: 0, L2: 0, L3: 0, L4: 0 };
	private aiResolved = 0;
	private escalationLabelled = 0;
	private tp = 0;
	private fp = 0;
	private tn = 0;
	private fn = 0;
	private tierLabelled = 0;
	private tierCorrect = 0;
	private readonly confusion = TIERS.map(() => TIERS.map(() => 0));
	private intentLabelled = 0;
	private intentCorrect = 0;
	private wrongAnswers = 0;
	private offHours = 0;
	private offHoursAiResolved = 0;
	private hoursKnown = 0;
	private slaAnnotated = 0;
	private histSlaEvaluated = 0;
	private histSlaBreaches = 0;
	private simSlaEvaluated = 0;
	private simSlaBreaches = 0;
	private readonly histFirstResponse = new NumberList();
	private readonly simFirstResponse = new NumberList();
	private readonly heat = WEEKDAYS.map(() => new Array<number>(24).fill(0));
	private readonly confidenceBins = new Array<number>(10).fill(0);
	private readonly categories = new Map<string, { tickets: number; aiResolved: number }>();
	/** Per channel the ticket came in on (whatsapp, email, webchat, messenger, instagram, telegram...). */
	private readonly channels = new Map<string, { tickets: number; aiResolved: number }>();
	private readonly periods: Record<Period, { tickets: number; ai: number }> = {
		day: { tickets: 0, ai: 0 },
		night: { tickets: 0, ai: 0 },
		weekend: { tickets: 0, ai: 0 },
		holiday: { tickets: 0, ai: 0 },
	};
	private fallbacks = 0;
	private readonly fallbackReasons = new Map<string, number>();
	private captured = 0;
	private firstAt?: number;
	private lastAt?: number;
	private readonly classifier: PeriodClassifier;
	private readonly csat = new CsatAccumulator();
	private readonly conversationMetrics = new ConversationAccumulator();

	constructor(private readonly options: AccumulatorOptions) {
		this.classifier = new PeriodClassifier(options.zone, options.cost, options.holidayCountry, options.holidayState);
	}

	reject(line: number, reason: string): void {
		this.read++;
		this.rejected++;
		if (this.rejections.length < MAX_LISTED_REJECTIONS) this.rejections.push({ line, reason });
	}

	add(outcome: TicketOutcome): void {
		this.read++;
		this.replayed++;
		this.warnings += outcome.warnings.length;
		// Replayed rows with a repaired field (e.g. invalid UTF-8) are listed by line, like rejected ones.
		for (const warning of outcome.warnings) if (this.warningRows.length < MAX_LISTED_REJECTIONS) this.warningRows.push({ line: outcome.line, warning });
		this.captured += outcome.captured;
		if (outcome.error) {
			this.errors++;
			this.firstError ??= { line: outcome.line, ticketId: outcome.id, message: outcome.error };
		}
		const millis = this.classifier.millis(outcome.receivedAt);
		this.firstAt = this.firstAt === undefined ? millis : Math.min(this.firstAt, millis);
		this.lastAt = this.lastAt === undefined ? millis : Math.max(this.lastAt, millis);
		const local = this.classifier.local(millis);
		this.heat[local.weekday - 1][local.hour]++;
		const period = this.classifier.classify(local);
		this.periods[period].tickets++;
		if (outcome.aiResolved) this.periods[period].ai++;

		this.csat.add(outcome);
		this.conversationMetrics.add(outcome);
		if (outcome.fallback) {
			this.fallbacks++;
			this.fallbackReasons.set(outcome.fallback, (this.fallbackReasons.get(outcome.fallback) ?? 0) + 1);
		}
		if (!outcome.tier) {
			this.unrouted++;
			return;
		}
		this.tiers[outcome.tier]++;
		if (outcome.aiResolved) this.aiResolved++;
		const escalated = outcome.tier === 'L3' || outcome.tier === 'L4';

		const { labels } = outcome;
		if (labels.needsHuman !== undefined) {
			this.escalationLabelled++;
			if (labels.needsHuman && escalated) this.tp++;
			else if (labels.needsHuman) this.fn++;
			else if (escalated) this.fp++;
			else this.tn++;
			if (labels.needsHuman && outcome.aiResolved) this.wrongAnswers++;
		}
		if (labels.expectedTier) {
			this.tierLabelled++;
			if (labels.expectedTier === outcome.tier) this.tierCorrect++;
			this.confusion[TIERS.indexOf(labels.expectedTier)][TIERS.indexOf(outcome.tier)]++;
		}
		if (labels.expectedIntent) {
			this.intentLabelled++;
			if (outcome.predictedIntent === labels.expectedIntent) this.intentCorrect++;
		}
		if (outcome.open !== undefined) {
			this.hoursKnown++;
			if (!outcome.open) {
				this.offHours++;
				if (outcome.aiResolved) this.offHoursAiResolved++;
			}
		}
		if (outcome.confidence !== undefined && Number.isFinite(outcome.confidence)) {
			this.confidenceBins[Math.min(9, Math.max(0, Math.floor(outcome.confidence * 10)))]++;
		}
		const channel = this.channels.get(outcome.channel || 'unknown') ?? { tickets: 0, aiResolved: 0 };
		channel.tickets++;
		if (outcome.aiResolved) channel.aiResolved++;
		this.channels.set(outcome.channel || 'unknown', channel);
		const category = outcome.predictedIntent ?? outcome.triageIntent ?? 'unknown';
		const entry = this.categories.get(category) ?? { tickets: 0, aiResolved: 0 };
		entry.tickets++;
		if (outcome.aiResolved) entry.aiResolved++;
		this.categories.set(category, entry);

		this.scoreResponseTimes(outcome, millis);
	}

	private scoreResponseTimes(outcome: TicketOutcome, receivedMillis: number): void {
		const model = this.options.cost;
		let simulated: number;
		if (outcome.aiResolved || !(outcome.tier === 'L3' || outcome.tier === 'L4')) simulated = receivedMillis;
		else if (outcome.tier === 'L4' && outcome.reasons.some((r) => /emergenc/i.test(r))) {
			simulated = receivedMillis + model.onCallFirstResponseMinutes * 60_000;
		} else {
			const start = outcome.open === false && outcome.nextOpenAt ? Math.max(receivedMillis, Date.parse(outcome.nextOpenAt)) : receivedMillis;
			simulated = start + model.humanFirstResponseMinutes * 60_000;
		}
		this.simFirstResponse.push((simulated - receivedMillis) / 60_000);
		const historical = outcome.labels.firstResponseAt ? Date.parse(outcome.labels.firstResponseAt) : undefined;
		if (historical !== undefined && Number.isFinite(historical)) this.histFirstResponse.push((historical - receivedMillis) / 60_000);

		if (outcome.firstResponseDueAt) {
			this.slaAnnotated++;
			const due = Date.parse(outcome.firstResponseDueAt);
			this.simSlaEvaluated++;
			if (simulated > due) this.simSlaBreaches++;
			if (historical !== undefined && Number.isFinite(historical)) {
				this.histSlaEvaluated++;
				if (historical > due) this.histSlaBreaches++;
			}
		}
	}

	summary(extra: { wallSeconds: number; workflow: string; tickets: string }) {
		const model = this.options.cost;
		const routed = this.replayed - this.unrouted;
		const escalationCorrect = this.tp + this.tn;
		let humanOnly = 0;
		let withAi = 0;
		for (const [period, { tickets, ai }] of Object.entries(this.periods) as Array<[Period, { tickets: number; ai: number }]>) {
			const each = humanTicketCost(period, model);
			humanOnly += tickets * each;
			withAi += (tickets - ai) * each + ai * model.aiCostPerTicket;
		}
		const spanDays = this.firstAt !== undefined && this.lastAt !== undefined ? Math.max(1, (this.lastAt - this.firstAt) / 86_400_000) : 1;
		const perMonth = (value: number) => round((value / spanDays) * 30.44, 2);
		const conversations = this.conversationMetrics.summary();
		const offHoursTickets = this.periods.night.tickets + this.periods.weekend.tickets + this.periods.holiday.tickets;
		const byCategory = Object.fromEntries(
			[...this.categories.entries()]
				.sort((a, b) => b[1].tickets - a[1].tickets)
				.map(([name, { tickets, aiResolved }]) => [name, { tickets, share: ratio(tickets, routed), aiResolved, automatable: ratio(aiResolved, tickets) }]),
		);
		const byChannel = Object.fromEntries(
			[...this.channels.entries()]
				.sort((a, b) => b[1].tickets - a[1].tickets)
				.map(([name, { tickets, aiResolved }]) => [name, { tickets, share: ratio(tickets, routed), aiResolved, automatable: ratio(aiResolved, tickets) }]),
		);
		return {
			workflow: extra.workflow,
			source: extra.tickets,
			zone: this.options.zone,
			period: {
				from: this.firstAt !== undefined ? DateTime.fromMillis(this.firstAt, { zone: this.options.zone }).toISO() : null,
				to: this.lastAt !== undefined ? DateTime.fromMillis(this.lastAt, { zone: this.options.zone }).toISO() : null,
				days: round(spanDays, 1),
			},
			tickets: { read: this.read, replayed: this.replayed, rejected: this.rejected, unrouted: this.unrouted, failed: this.errors, warnings: this.warnings },
			...(this.firstError ? { firstError: this.firstError } : {}),
			rejectedRows: this.rejections,
			...(this.warningRows.length ? { warningRows: this.warningRows } : {}),
			tiers: { ...this.tiers },
			resolution: { aiResolved: this.aiResolved, rate: ratio(this.aiResolved, this.replayed) },
			escalation: {
				labelled: this.escalationLabelled,
				accuracy: ratio(escalationCorrect, this.escalationLabelled),
				precision: ratio(this.tp, this.tp + this.fp),
				recall: ratio(this.tp, this.tp + this.fn),
				truePositives: this.tp,
				falsePositives: this.fp,
				trueNegatives: this.tn,
				falseNegatives: this.fn,
				tierLabelled: this.tierLabelled,
				tierAccuracy: ratio(this.tierCorrect, this.tierLabelled),
				confusion: { labels: TIERS, rows: 'expected', columns: 'predicted', matrix: this.confusion.map((row) => [...row]) },
			},
			intent: { labelled: this.intentLabelled, correct: this.intentCorrect, accuracy: ratio(this.intentCorrect, this.intentLabelled) },
			wrongAnswerRisk: { count: this.wrongAnswers, needsHuman: this.tp + this.fn, rate: ratio(this.wrongAnswers, this.tp + this.fn) },
			offHours: {
				tickets: this.offHours,
				share: ratio(this.offHours, this.hoursKnown),
				aiResolved: this.offHoursAiResolved,
				aiCovered: ratio(this.offHoursAiResolved, this.offHours),
			},
			sla: {
				annotated: this.slaAnnotated,
				historical: { evaluated: this.histSlaEvaluated, breaches: this.histSlaBreaches, rate: ratio(this.histSlaBreaches, this.histSlaEvaluated) },
				forecast: { evaluated: this.simSlaEvaluated, breaches: this.simSlaBreaches, rate: ratio(this.simSlaBreaches, this.simSlaEvaluated) },
			},
			firstResponse: {
				unit: 'minutes',
				historical: {
					tickets: this.histFirstResponse.length,
					median: percentile(this.histFirstResponse.values(), 50),
					p90: percentile(this.histFirstResponse.values(), 90),
				},
				simulated: {
					tickets: this.simFirstResponse.length,
					median: percentile(this.simFirstResponse.values(), 50),
					p90: percentile(this.simFirstResponse.values(), 90),
				},
			},
			cost: {
				model,
				periods: Object.fromEntries(Object.entries(this.periods).map(([k, v]) => [k, { tickets: v.tickets, aiResolved: v.ai }])),
				offHoursTicketShare: ratio(offHoursTickets, this.replayed),
				humanOnly: round(humanOnly, 2),
				withAi: round(withAi, 2),
				savings: round(humanOnly - withAi, 2),
				savingsRate: ratio(humanOnly - withAi, humanOnly),
				perMonth: { humanOnly: perMonth(humanOnly), withAi: perMonth(withAi), savings: perMonth(humanOnly - withAi) },
				staffing24x7: {
					fte: model.fteFor24x7,
					monthlyCost: round(model.fteFor24x7 * model.fteMonthlyCost, 2),
					// Seats still needed once the AI takes its share, at the same cover.
					fteWithAi: round(model.fteFor24x7 * (1 - (ratio(this.aiResolved, this.replayed) ?? 0)), 2),
				},
			},
			byCategory,
			byChannel,
			...(conversations ? { conversations } : {}),
			heatmap: { zone: this.options.zone, weekdays: WEEKDAYS, hours: 24, counts: this.heat.map((row) => [...row]) },
			confidence: { bins: this.confidenceBins.map((count, i) => ({ from: i / 10, to: (i + 1) / 10, count })) },
			csat: this.csat.summary(),
			fallbacks: { count: this.fallbacks, reasons: Object.fromEntries(this.fallbackReasons) },
			captured: { messages: this.captured },
			throughput: { ticketsPerSecond: round(this.replayed / Math.max(extra.wallSeconds, 1e-9), 1), wallSeconds: round(extra.wallSeconds, 3) },
		};
	}
}

export interface LiveSummary {
	target: string;
	concurrency: number;
	requests: number;
	latencyMs: { p50: number | null; p90: number | null; p99: number | null; max: number | null };
}

// csat is optional so that reports written before it existed still read (compare, HTML).
export type ReplayReport = Omit<ReturnType<MetricsAccumulator['summary']>, 'csat'> & {
	csat?: CsatSummary;
	sweep?: SweepPoint[];
	parameters?: Record<string, unknown>;
	live?: LiveSummary;
	gaps?: GapsSection;
};

export interface SweepPoint {
	parameter: string;
	value: number;
	resolutionRate: number | null;
	escalationAccuracy: number | null;
	recall: number | null;
	wrongAnswerRate: number | null;
}
