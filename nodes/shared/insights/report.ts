/**
 * The weekly report's and the live dashboard's figures, from the Conversation Store's records over a
 * window ending at an explicit "now". A case is a customer's turn that the workflow routed (Append
 * keeps the route on the turn); what a person answered afterwards, and when, comes from the agent
 * turns of the same conversation.
 */
import { formatOffsetIso, parseOffsetIso, toMillis } from '../calendar';
import type { ConversationRecord, KnowledgeSuggestion, Turn } from '../conversation/types';
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
export interface ReportSuggestion {
	question: string;
	answer: string;
	language: string | null;
	by: string;
	at: string;
	channel: string;
}

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

/** Each stored time parsed once, however many windows read it (the dashboard reads a turn up to three times). */
const parsed = new WeakMap<object, number>();
function msOf(holder: { at: string }, what: string): number {
	let ms = parsed.get(holder);
	if (ms === undefined) parsed.set(holder, (ms = toMillis(holder.at, what)));
	return ms;
}
const at = (turn: { at: string }) => msOf(turn, 'turn.at');
const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const round2 = (value: number) => Math.round(value * 100) / 100;

/** The percentile by the nearest-rank method (p in 0–100) of sorted values. */
function percentile(sorted: number[], p: number): number | null {
	if (!sorted.length) return null;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function tally(): { answered: number; sum: number } {
	return { answered: 0, sum: 0 };
}
const meanOf = (t: { answered: number; sum: number }): Mean => ({ answered: t.answered, mean: t.answered ? round2(t.sum / t.answered) : null });

/** "low confidence: answer score 0.3 below 0.5" reads as "low confidence". */
function reasonLabel(reason: string | undefined, rule: string): string {
	if (!reason) return rule;
	const colon = reason.indexOf(':');
	return (colon > 0 ? reason.slice(0, colon) : reason).trim();
}

/** The AI resolved a case: it ended at L1/L2 with an answer (the simulator's definition). */
function aiResolved(turn: Turn, reply: Turn | undefined): boolean {
	const tier = turn.outcome?.tier;
	if (tier !== 'L1' && tier !== 'L2') return false;
	return turn.outcome?.answered === true || (!!reply && !reply.handoff);
}

interface Case {
	conversation: ConversationRecord;
	turn: Turn;
	resolved: boolean;
	/** A person's first answer after the case, in the same conversation. */
	agent?: Turn;
}

/** Every figure of one window. `records` are the conversations touched since the window's start (or more). */
export function buildReport(records: Iterable<ConversationRecord>, options: ReportOptions): ReportFigures {
	const window = reportWindow(options.now, options.window);
	const inWindow = (ms: number) => ms >= window.fromMs && ms <= window.toMs;
	const cases: Case[] = [];
	const conversations = new Set<string>();
	const byChannel: Record<string, number> = {};
	const byLanguage: Record<string, number> = {};
	let messages = 0;
	const csatAll = tally();
	const csatCounts = [0, 0, 0, 0, 0];
	const csatByTier = new Map<string, { answered: number; sum: number }>();
	const csatByResolver = new Map<string, { answered: number; sum: number }>();
	const suggested: Array<{ ms: number; id: string; suggestion: KnowledgeSuggestion }> = [];
	const group = (map: Map<string, { answered: number; sum: number }>, key: string) => {
		let t = map.get(key);
		if (!t) map.set(key, (t = tally()));
		return t;
	};

	for (const record of records) {
		const turns = record.turns;
		const replies = new Map<string, Turn>();
		for (const turn of turns) if (turn.role === 'ai') replies.set(turn.id, turn);
		// One backward pass: each turn's next agent turn.
		const nextAgent: Array<Turn | undefined> = new Array(turns.length);
		for (let i = turns.length - 1, next: Turn | undefined; i >= 0; i--) {
			nextAgent[i] = next;
			if (turns[i].role === 'agent') next = turns[i];
		}
		for (let i = 0; i < turns.length; i++) {
			const turn = turns[i];
			if (turn.role !== 'customer' || !inWindow(at(turn))) continue;
			messages++;
			conversations.add(record.id);
			if (!turn.outcome?.tier) continue;
			const agent = nextAgent[i];
			cases.push({ conversation: record, turn, resolved: aiResolved(turn, replies.get(`${turn.id}:ai`)), ...(agent ? { agent } : {}) });
			const channel = turn.channel || 'unknown';
			byChannel[channel] = (byChannel[channel] ?? 0) + 1;
			const language = turn.outcome.language ?? 'unknown';
			byLanguage[language] = (byLanguage[language] ?? 0) + 1;
		}
		for (const answer of record.csat ?? []) {
			if (!inWindow(msOf(answer, 'csat.at')) || !Number.isInteger(answer.score) || answer.score < 1 || answer.score > 5) continue;
			for (const t of [csatAll, group(csatByTier, answer.tier ?? 'unknown'), group(csatByResolver, answer.resolver)]) {
				t.answered++;
				t.sum += answer.score;
			}
			csatCounts[answer.score - 1]++;
		}
		for (const suggestion of record.suggestions ?? []) {
			const ms = msOf(suggestion, 'suggestion.at');
			if (inWindow(ms)) suggested.push({ ms, id: suggestion.id, suggestion });
		}
	}

	const tiers = { L1: 0, L2: 0, L3: 0, L4: 0 };
	let resolved = 0;
	let offHours = 0;
	const reasons = new Map<string, { label: string; count: number }>();
	const waits: number[] = [];
	let waiting = 0;
	const sla = { tracked: 0, met: 0, breached: 0, pending: 0 };
	for (const c of cases) {
		const outcome = c.turn.outcome!;
		tiers[outcome.tier!]++;
		if (c.resolved) resolved++;
		if (outcome.offHours) offHours++;
		if (outcome.tier !== 'L3' && outcome.tier !== 'L4') continue;
		const rule = outcome.rule ?? 'unknown';
		const known = reasons.get(rule);
		if (known) known.count++;
		else reasons.set(rule, { label: reasonLabel(outcome.reason, rule), count: 1 });
		const askedMs = at(c.turn);
		const answeredMs = c.agent ? at(c.agent) : undefined;
		if (answeredMs !== undefined) waits.push((answeredMs - askedMs) / 60_000);
		else waiting++;
		if (outcome.firstResponseDueAt) {
			sla.tracked++;
			const dueMs = toMillis(outcome.firstResponseDueAt, 'outcome.firstResponseDueAt');
			if (outcome.slaState === 'breached' || (answeredMs !== undefined ? answeredMs > dueMs : window.toMs > dueMs)) sla.breached++;
			else if (answeredMs !== undefined) sla.met++;
			else sla.pending++;
		}
	}
	waits.sort((a, b) => a - b);
	const escalated = tiers.L3 + tiers.L4;
	const byReason = [...reasons.entries()]
		.map(([rule, { label, count }]) => ({ rule, label, count, share: ratio(count, escalated) ?? 0 }))
		.sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1));
	const byTier: Record<string, Mean> = {};
	for (const [key, t] of [...csatByTier].sort(([a], [b]) => (a < b ? -1 : 1))) byTier[key] = meanOf(t);
	const byResolver: Record<string, Mean> = {};
	for (const [key, t] of [...csatByResolver].sort(([a], [b]) => (a < b ? -1 : 1))) byResolver[key] = meanOf(t);
	const median = percentile(waits, 50);
	const p90 = percentile(waits, 90);

	return {
		window: { name: window.name, hours: REPORT_WINDOWS[window.name], from: window.from, to: window.to },
		messages,
		cases: cases.length,
		conversations: conversations.size,
		byChannel: sortedCounts(byChannel),
		byLanguage: sortedCounts(byLanguage),
		offHours: { cases: offHours, share: ratio(offHours, cases.length) },
		tiers,
		ai: { resolved, rate: ratio(resolved, cases.length) },
		escalations: { total: escalated, rate: ratio(escalated, cases.length), byReason },
		firstResponse: { answered: waits.length, waiting, medianMinutes: median === null ? null : round2(median), p90Minutes: p90 === null ? null : round2(p90) },
		sla: { ...sla, breachRate: ratio(sla.breached, sla.tracked - sla.pending) },
		csat: {
			...meanOf(csatAll),
			satisfied: ratio(csatCounts[3] + csatCounts[4], csatAll.answered),
			unhappy: ratio(csatCounts[0] + csatCounts[1], csatAll.answered),
			counts: csatCounts,
			byTier,
			byResolver,
			goal: CSAT_TARGETS.goal,
			excellent: CSAT_TARGETS.excellent,
		},
		gaps: (options.topGaps ?? 5) > 0 ? gapsOf(cases, options) : null,
		suggestions: newestSuggestions(suggested, options.suggestions ?? 5),
	};
}

/** Newest first, then by id, as suggestedEntries lists them. */
function newestSuggestions(found: Array<{ ms: number; id: string; suggestion: KnowledgeSuggestion }>, limit: number): ReportFigures['suggestions'] {
	found.sort((a, b) => b.ms - a.ms || (a.id < b.id ? -1 : 1));
	const newest = found.slice(0, Math.max(0, Math.floor(limit))).map(({ suggestion: s }) => ({ question: s.question, answer: s.answer, language: s.language ?? null, by: s.by, at: s.at, channel: s.channel }));
	return { total: found.length, newest };
}

function sortedCounts(counts: Record<string, number>): Record<string, number> {
	return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)));
}

/** The unresolved cases as gap tickets, with what a person then answered as the draft's answer. */
function gapsOf(cases: Case[], options: ReportOptions): ReportFigures['gaps'] {
	const tickets: GapTicket[] = [];
	for (const c of cases) {
		if (c.resolved) continue;
		const outcome = c.turn.outcome!;
		const reasons = outcome.reasons ?? (outcome.reason ? [outcome.reason] : []);
		tickets.push({
			id: `${c.conversation.id}/${c.turn.id}`,
			text: c.turn.text,
			...(outcome.language ? { language: outcome.language } : {}),
			reason: gapReason(outcome.tier, reasons),
			policy: isPolicyEscalation(reasons),
			...(outcome.offHours !== undefined ? { offHours: outcome.offHours } : {}),
			...(c.agent ? { resolutionText: c.agent.text } : {}),
		});
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
