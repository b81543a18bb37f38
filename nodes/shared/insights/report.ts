/**
 * The weekly report's and the live dashboard's figures, from the Conversation Store's records over a
 * window ending at an explicit "now". A case is a customer's turn that the workflow routed (Append
 * keeps the route on the turn); what a person answered afterwards, and when, comes from the agent
 * turns of the same conversation.
 */
import { formatOffsetIso, parseOffsetIso, toMillis } from '../calendar';
import { caseFiguresOfRecords, caseRowsOf, type CaseFigures, type SuggestedAnswer } from '../conversation/cases';
import type { ConversationRecord, Turn } from '../conversation/types';
import type { KnowledgeEntry } from '../knowledge/types';
import { gapReason, isPolicyEscalation } from './from-ticket';
import { findKnowledgeGaps } from './gaps';
import type { GapTicket, GapTopic } from './types';

export const REPORT_WINDOWS = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 } as const;
export type ReportWindowName = keyof typeof REPORT_WINDOWS;
const HOUR_MS = 3_600_000;
/** The guide's CSAT targets on a 1–5 scale. */
export const CSAT_TARGETS = { goal: 4.0, excellent: 4.5 };

export interface ReportOptions {
	/** The end of the window: the schedule's or the request's time, never the machine's clock inside this module. */
	now: string;
	window: ReportWindowName;
	/** The knowledge base, to show each gap's nearest entry. */
	knowledge?: readonly KnowledgeEntry[];
	/** Gap topics listed (largest first); 0 skips the gap analysis. Default 5. */
	topGaps?: number;
	/** Smallest gap topic. Default 3. */
	gapMinSize?: number;
	/** Suggested answers listed (newest first); all are counted. Default 5. */
	suggestions?: number;
}

/** A person's answer the Person's Reply path kept as a knowledge entry to review. */
export type ReportSuggestion = SuggestedAnswer;

export interface Mean {
	answered: number;
	mean: number | null;
}

export interface ReasonCount {
	rule: string;
	/** The reason as a person reads it ("angry customer", "low confidence"). */
	label: string;
	count: number;
	/** Of all escalations. */
	share: number;
}

export interface ReportGap {
	id: string;
	language: string;
	label: string;
	representative: string;
	size: number;
	share: number;
	offHoursShare: number | null;
	examples: string[];
	nearest: GapTopic['nearest'];
	almostCovered: boolean;
	policy: boolean;
	draft: { id: string; title: string; questions: string[]; answer: string; needsAnswer: boolean; extends?: string };
}

export interface ReportFigures {
	window: { name: ReportWindowName; hours: number; from: string; to: string };
	/** Customer messages in the window, routed or not. */
	messages: number;
	/** Routed customer messages: each has a tier. */
	cases: number;
	conversations: number;
	byChannel: Record<string, number>;
	byLanguage: Record<string, number>;
	offHours: { cases: number; share: number | null };
	tiers: { L1: number; L2: number; L3: number; L4: number };
	ai: { resolved: number; rate: number | null };
	escalations: { total: number; rate: number | null; byReason: ReasonCount[] };
	/** A person's first answer to an escalated case. */
	firstResponse: { answered: number; waiting: number; medianMinutes: number | null; p90Minutes: number | null };
	/** Escalated cases with a first-response deadline. */
	sla: { tracked: number; met: number; breached: number; pending: number; breachRate: number | null };
	csat: Mean & {
		satisfied: number | null;
		unhappy: number | null;
		counts: number[];
		byTier: Record<string, Mean>;
		byResolver: Record<string, Mean>;
		goal: number;
		excellent: number;
	};
	gaps: { unanswered: number; clustered: number; topics: ReportGap[] } | null;
	/** The people's answers offered as knowledge entries in the window: how many, and the newest. */
	suggestions: { total: number; newest: ReportSuggestion[] };
}


export interface ResolvedWindow {
	name: ReportWindowName;
	fromMs: number;
	toMs: number;
	from: string;
	to: string;
}

/** The window's bounds: `hours` back from `now` (inclusive start, inclusive end), in now's offset. */
export function reportWindow(now: string, name: ReportWindowName): ResolvedWindow {
	const hours = REPORT_WINDOWS[name];
	if (hours === undefined) throw new Error(`window: "${String(name)}" is not one of ${Object.keys(REPORT_WINDOWS).join(', ')}`);
	const toMs = toMillis(now, 'now');
	const fromMs = toMs - hours * HOUR_MS;
	const offset = parseOffsetIso(now)?.offsetMinutes ?? 0;
	return { name, fromMs, toMs, from: formatOffsetIso(fromMs, offset), to: formatOffsetIso(toMs, offset) };
}

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const round2 = (value: number) => Math.round(value * 100) / 100;

const meanOf = (t: { answered: number; sum: number }): Mean => ({ answered: t.answered, mean: t.answered ? round2(t.sum / t.answered) : null });

/** Every figure of one window. `records` are the conversations touched since the window's start (or more). */
export function buildReport(records: Iterable<ConversationRecord>, options: ReportOptions): ReportFigures {
	const window = reportWindow(options.now, options.window);
	const list = [...records];
	const figures = caseFiguresOfRecords(list, window.fromMs, window.toMs, { newestSuggestions: options.suggestions ?? 5 });
	return reportFromCaseFigures(figures, window, (options.topGaps ?? 5) > 0 ? gapsOfRecords(list, options) : null);
}

/** The report of one window from its summed figures (a backend's caseFigures or the document scan) and its gaps. */
export function reportFromCaseFigures(figures: CaseFigures, window: ResolvedWindow, gaps: ReportFigures['gaps']): ReportFigures {
	const cases = figures.cases;
	const tiers = { ...figures.tiers };
	const escalated = tiers.L3 + tiers.L4;
	const byReason = figures.reasons
		.map(({ rule, label, count }) => ({ rule, label, count, share: ratio(count, escalated) ?? 0 }))
		.sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1));
	const byTier: Record<string, Mean> = {};
	for (const [key, t] of Object.entries(figures.csat.byTier).sort(([a], [b]) => (a < b ? -1 : 1))) byTier[key] = meanOf(t);
	const byResolver: Record<string, Mean> = {};
	for (const [key, t] of Object.entries(figures.csat.byResolver).sort(([a], [b]) => (a < b ? -1 : 1))) byResolver[key] = meanOf(t);
	const { answered, p50: median, p90 } = figures.waits;
	const counts = figures.csat.counts;
	const sla = figures.sla;

	return {
		window: { name: window.name, hours: REPORT_WINDOWS[window.name], from: window.from, to: window.to },
		messages: figures.messages,
		cases,
		conversations: figures.conversations,
		byChannel: sortedCounts(figures.byChannel),
		byLanguage: sortedCounts(figures.byLanguage),
		offHours: { cases: figures.offHours, share: ratio(figures.offHours, cases) },
		tiers,
		ai: { resolved: figures.aiResolved, rate: ratio(figures.aiResolved, cases) },
		escalations: { total: escalated, rate: ratio(escalated, cases), byReason },
		firstResponse: { answered, waiting: figures.waiting, medianMinutes: median === null ? null : round2(median), p90Minutes: p90 === null ? null : round2(p90) },
		sla: { tracked: sla.tracked, met: sla.met, breached: sla.breached, pending: sla.pending, breachRate: ratio(sla.breached, sla.tracked - sla.pending) },
		csat: {
			...meanOf(figures.csat),
			satisfied: ratio(counts[3] + counts[4], figures.csat.answered),
			unhappy: ratio(counts[0] + counts[1], figures.csat.answered),
			counts: [...counts],
			byTier,
			byResolver,
			goal: CSAT_TARGETS.goal,
			excellent: CSAT_TARGETS.excellent,
		},
		gaps,
		suggestions: { total: figures.suggestions.total, newest: figures.suggestions.newest.map((s) => ({ ...s })) },
	};
}

function sortedCounts(counts: Record<string, number>): Record<string, number> {
	return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)));
}

/**
 * The window's unresolved cases as gap tickets, with what a person then answered as the draft's
 * answer, and their topics. Reads the documents: the texts are not in the case rows.
 */
export function gapsOfRecords(records: Iterable<ConversationRecord>, options: ReportOptions): ReportFigures['gaps'] {
	const window = reportWindow(options.now, options.window);
	const tickets: GapTicket[] = [];
	for (const record of records) {
		const turns = record.turns;
		let nextAgent: Turn | undefined;
		const agentAfter: Array<Turn | undefined> = new Array(turns.length);
		for (let i = turns.length - 1; i >= 0; i--) {
			agentAfter[i] = nextAgent;
			if (turns[i].role === 'agent') nextAgent = turns[i];
		}
		for (const row of caseRowsOf(record).cases) {
			if (row.tier === null || row.resolved || row.updatedMs < window.fromMs || row.atMs < window.fromMs || row.atMs > window.toMs) continue;
			const turn = turns[row.seq];
			const agent = agentAfter[row.seq];
			const outcome = turn.outcome!;
			const reasons = outcome.reasons ?? (outcome.reason ? [outcome.reason] : []);
			tickets.push({
				id: `${record.id}/${turn.id}`,
				text: turn.text,
				...(outcome.language ? { language: outcome.language } : {}),
				reason: gapReason(outcome.tier, reasons),
				policy: isPolicyEscalation(reasons),
				...(outcome.offHours !== undefined ? { offHours: outcome.offHours } : {}),
				...(agent ? { resolutionText: agent.text } : {}),
			});
		}
	}
	const analysis = findKnowledgeGaps(tickets, { minSize: options.gapMinSize ?? 3, knowledge: options.knowledge ?? [] });
	const topics = analysis.topics.slice(0, options.topGaps ?? 5).map((topic) => ({
		id: topic.id,
		language: topic.language,
		label: topic.label,
		representative: topic.representative,
		size: topic.size,
		share: topic.share,
		offHoursShare: topic.offHoursShare,
		examples: topic.examples,
		nearest: topic.nearest,
		almostCovered: topic.almostCovered,
		policy: topic.policyShare >= 0.5,
		draft: {
			id: String(topic.draft.id),
			title: String(topic.draft.title ?? topic.label),
			questions: [...(topic.draft.questions ?? [])],
			answer: typeof topic.draft.answer === 'string' ? topic.draft.answer : Object.values(topic.draft.answer).join('\n'),
			needsAnswer: topic.draft.needsAnswer,
			...(topic.draft.extends ? { extends: topic.draft.extends } : {}),
		},
	}));
	return { unanswered: analysis.unanswered, clustered: analysis.clustered, topics };
}

/** The dashboard's three windows, from one read of the last 30 days. */
export function buildDashboard(records: Iterable<ConversationRecord>, options: Omit<ReportOptions, 'window'>): Record<ReportWindowName, ReportFigures> {
	const list = [...records];
	const out = {} as Record<ReportWindowName, ReportFigures>;
	for (const name of Object.keys(REPORT_WINDOWS) as ReportWindowName[]) {
		// A conversation last touched before the window's start holds nothing in it (the store's contract).
		const fromMs = reportWindow(options.now, name).fromMs;
		const touched = list.filter((record) => record.updatedMs >= fromMs);
		out[name] = buildReport(touched, { ...options, window: name, topGaps: name === '7d' ? (options.topGaps ?? 5) : 0 });
	}
	return out;
}
