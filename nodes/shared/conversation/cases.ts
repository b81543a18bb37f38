/**
 * The report's and the dashboard's view of a conversation: one row per customer turn (a case when
 * the workflow routed it), one per valid CSAT answer and one per suggested entry, each with its time
 * in epoch ms. A backend that keeps these rows beside the documents (SQLite: s247_case, written in the
 * same transaction as the document) can sum a window's figures without reading any document; the
 * rows are a pure function of the document, so both ways give the same figures.
 */
import { toMillis } from '../calendar';
import type { ConversationRecord, KnowledgeSuggestion, Turn } from './types';

export interface CaseRow {
	conversationId: string;
	/** The turn's position in the conversation: with the id, the order the document scan meets cases in. */
	seq: number;
	atMs: number;
	/** The conversation's updatedMs: a window reads only conversations touched since its start. */
	updatedMs: number;
	/** Null: a customer message the workflow did not route (counted as a message, not a case). */
	tier: 'L1' | 'L2' | 'L3' | 'L4' | null;
	channel: string;
	language: string;
	offHours: boolean;
	/** The AI resolved it (L1/L2 with an answer). */
	resolved: boolean;
	rule: string;
	/** The reason as a person reads it ("low confidence"). */
	label: string;
	/** A person's first answer after it, in the same conversation. */
	agentMs: number | null;
	/** The first-response deadline (SLA Timer's), when it had one. */
	dueMs: number | null;
	/** SLA Timer already said "breached" when Append ran. */
	slaBreached: boolean;
}

export interface CsatRow {
	conversationId: string;
	atMs: number;
	updatedMs: number;
	score: number;
	tier: string;
	resolver: string;
}

export interface SuggestionRow {
	conversationId: string;
	atMs: number;
	updatedMs: number;
	id: string;
	suggestion: SuggestedAnswer;
}

/** A suggestion as the report lists it. */
export interface SuggestedAnswer {
	question: string;
	answer: string;
	language: string | null;
	by: string;
	at: string;
	channel: string;
}

export interface CaseRows {
	cases: CaseRow[];
	csat: CsatRow[];
	suggestions: SuggestionRow[];
}

/** What a window's rows add up to: everything the report shows except the gap topics. */
export interface CaseFigures {
	/** Customer messages in the window, routed or not. */
	messages: number;
	cases: number;
	conversations: number;
	byChannel: Record<string, number>;
	byLanguage: Record<string, number>;
	offHours: number;
	tiers: { L1: number; L2: number; L3: number; L4: number };
	aiResolved: number;
	/** Escalations (L3/L4) per deciding rule, with the label of the first such case in (conversation id, turn) order. */
	reasons: Array<{ rule: string; label: string; count: number }>;
	/** Minutes from an escalated case to a person's first answer: how many, and the nearest-rank median and p90. */
	waits: { answered: number; p50: number | null; p90: number | null };
	/** Escalated cases with no answer yet. */
	waiting: number;
	sla: { tracked: number; met: number; breached: number; pending: number };
	csat: { answered: number; sum: number; counts: number[]; byTier: Record<string, { answered: number; sum: number }>; byResolver: Record<string, { answered: number; sum: number }> };
	suggestions: { total: number; newest: SuggestedAnswer[] };
}

export interface CaseFigureOptions {
	/** Suggestions listed, newest first (all are counted). Default 5. */
	newestSuggestions?: number;
}

/** An unparsable time yields no row (the store only writes valid ones): a report must never stop a write. */
function msOrNull(at: string | undefined, what: string): number | null {
	if (typeof at !== 'string') return null;
	try {
		const ms = toMillis(at, what);
		return Number.isFinite(ms) ? ms : null;
	} catch {
		return null;
	}
}

/** "low confidence: answer score 0.3 below 0.5" reads as "low confidence". */
export function reasonLabel(reason: string | undefined, rule: string): string {
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

const TIERS = new Set(['L1', 'L2', 'L3', 'L4']);

/** The rows of one conversation, from its document alone. */
export function caseRowsOf(record: ConversationRecord): CaseRows {
	const turns = record.turns ?? [];
	const updatedMs = record.updatedMs;
	const replies = new Map<string, Turn>();
	for (const turn of turns) if (turn.role === 'ai') replies.set(turn.id, turn);
	const cases: CaseRow[] = [];
	// One backward pass: each turn's next agent turn.
	let nextAgentMs: number | null = null;
	for (let i = turns.length - 1; i >= 0; i--) {
		const turn = turns[i];
		if (turn.role === 'agent') {
			nextAgentMs = msOrNull(turn.at, 'turn.at');
			continue;
		}
		if (turn.role !== 'customer') continue;
		const atMs = msOrNull(turn.at, 'turn.at');
		if (atMs === null) continue;
		const outcome = turn.outcome;
		const tier = outcome?.tier && TIERS.has(outcome.tier) ? outcome.tier : null;
		const rule = outcome?.rule ?? 'unknown';
		cases.push({
			conversationId: record.id,
			seq: i,
			atMs,
			updatedMs,
			tier,
			channel: turn.channel || 'unknown',
			language: outcome?.language ?? 'unknown',
			offHours: !!outcome?.offHours,
			resolved: tier !== null && aiResolved(turn, replies.get(`${turn.id}:ai`)),
			rule,
			label: reasonLabel(outcome?.reason, rule),
			agentMs: nextAgentMs,
			dueMs: msOrNull(outcome?.firstResponseDueAt, 'outcome.firstResponseDueAt'),
			slaBreached: outcome?.slaState === 'breached',
		});
	}
	cases.reverse();
	const csat: CsatRow[] = [];
	for (const answer of record.csat ?? []) {
		const atMs = msOrNull(answer.at, 'csat.at');
		if (atMs === null || !Number.isInteger(answer.score) || answer.score < 1 || answer.score > 5) continue;
		csat.push({ conversationId: record.id, atMs, updatedMs, score: answer.score, tier: answer.tier ?? 'unknown', resolver: String(answer.resolver) });
	}
	const suggestions: SuggestionRow[] = [];
	for (const s of record.suggestions ?? []) {
		const atMs = msOrNull(s.at, 'suggestion.at');
		if (atMs !== null) suggestions.push({ conversationId: record.id, atMs, updatedMs, id: s.id, suggestion: suggestedAnswer(s) });
	}
	return { cases, csat, suggestions };
}

function suggestedAnswer(s: KnowledgeSuggestion): SuggestedAnswer {
	return { question: s.question, answer: s.answer, language: s.language ?? null, by: s.by, at: s.at, channel: s.channel };
}

function sortedKeys<T>(map: Map<string, T>): Record<string, T> {
	return Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A window's figures from rows, in JS: the scan path (documents read into JS) and any backend that
 * has the rows but no SQL. `sinceMs` and `untilMs` are both inclusive.
 */
export function sumCaseRows(rows: Iterable<CaseRows>, sinceMs: number, untilMs: number, options: CaseFigureOptions = {}): CaseFigures {
	const inWindow = (row: { atMs: number; updatedMs: number }) => row.updatedMs >= sinceMs && row.atMs >= sinceMs && row.atMs <= untilMs;
	let messages = 0;
	let cases = 0;
	let offHours = 0;
	let aiResolvedCount = 0;
	let waiting = 0;
	const conversations = new Set<string>();
	const byChannel = new Map<string, number>();
	const byLanguage = new Map<string, number>();
	const tiers = { L1: 0, L2: 0, L3: 0, L4: 0 };
	const reasons = new Map<string, { rule: string; label: string; count: number }>();
	const waits: number[] = [];
	const sla = { tracked: 0, met: 0, breached: 0, pending: 0 };
	const csat = { answered: 0, sum: 0, counts: [0, 0, 0, 0, 0] };
	const byTier = new Map<string, { answered: number; sum: number }>();
	const byResolver = new Map<string, { answered: number; sum: number }>();
	const suggested: SuggestionRow[] = [];
	const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
	const group = (map: Map<string, { answered: number; sum: number }>, key: string, score: number) => {
		let t = map.get(key);
		if (!t) map.set(key, (t = { answered: 0, sum: 0 }));
		t.answered++;
		t.sum += score;
	};
	// The scan's order, which decides each rule's label: conversations by id, turns in order.
	const all = [...rows].sort((a, b) => {
		const x = a.cases[0]?.conversationId ?? a.csat[0]?.conversationId ?? a.suggestions[0]?.conversationId ?? '';
		const y = b.cases[0]?.conversationId ?? b.csat[0]?.conversationId ?? b.suggestions[0]?.conversationId ?? '';
		return x < y ? -1 : x > y ? 1 : 0;
	});
	for (const { cases: caseRows, csat: csatRows, suggestions } of all) {
		for (const row of caseRows) {
			if (!inWindow(row)) continue;
			messages++;
			conversations.add(row.conversationId);
			if (row.tier === null) continue;
			cases++;
			bump(byChannel, row.channel);
			bump(byLanguage, row.language);
			tiers[row.tier]++;
			if (row.resolved) aiResolvedCount++;
			if (row.offHours) offHours++;
			if (row.tier !== 'L3' && row.tier !== 'L4') continue;
			const known = reasons.get(row.rule);
			if (known) known.count++;
			else reasons.set(row.rule, { rule: row.rule, label: row.label, count: 1 });
			if (row.agentMs !== null) waits.push((row.agentMs - row.atMs) / 60_000);
			else waiting++;
			if (row.dueMs !== null) {
				sla.tracked++;
				if (row.slaBreached || (row.agentMs !== null ? row.agentMs > row.dueMs : untilMs > row.dueMs)) sla.breached++;
				else if (row.agentMs !== null) sla.met++;
				else sla.pending++;
			}
		}
		for (const row of csatRows) {
			if (!inWindow(row)) continue;
			csat.answered++;
			csat.sum += row.score;
			csat.counts[row.score - 1]++;
			group(byTier, row.tier, row.score);
			group(byResolver, row.resolver, row.score);
		}
		for (const row of suggestions) if (inWindow(row)) suggested.push(row);
	}
	waits.sort((a, b) => a - b);
	return {
		messages,
		cases,
		conversations: conversations.size,
		byChannel: Object.fromEntries(byChannel),
		byLanguage: Object.fromEntries(byLanguage),
		offHours,
		tiers,
		aiResolved: aiResolvedCount,
		reasons: [...reasons.values()],
		waits: { answered: waits.length, p50: nearestRank(waits.length, 50) === null ? null : waits[nearestRank(waits.length, 50)!], p90: nearestRank(waits.length, 90) === null ? null : waits[nearestRank(waits.length, 90)!] },
		waiting,
		sla,
		csat: { ...csat, byTier: sortedKeys(byTier), byResolver: sortedKeys(byResolver) },
		suggestions: newestSuggestions(suggested, options.newestSuggestions),
	};
}

/** The 0-based index of the p-th percentile (0–100) of `n` sorted values by the nearest-rank method. */
export function nearestRank(n: number, p: number): number | null {
	return n > 0 ? Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1)) : null;
}

/**
 * What one row adds to a time bucket's counters (n, and for CSAT the score in total): a backend can
 * keep these per hour and sum a window's whole hours without touching the rows. The SLA of an
 * unanswered case depends on the window's end, so it is only counted as open here.
 */
export function bucketKeysOf(row: CaseRow): string[] {
	const keys = ['messages'];
	if (row.tier === null) return keys;
	keys.push('cases', `tier:${row.tier}`, `channel:${row.channel}`, `language:${row.language}`);
	if (row.offHours) keys.push('offHours');
	if (row.resolved) keys.push('resolved');
	if (row.tier !== 'L3' && row.tier !== 'L4') return keys;
	keys.push(`reason:${row.rule}\u0001${row.label}`, row.agentMs !== null ? 'answered' : 'waiting');
	if (row.dueMs !== null) {
		keys.push('slaTracked');
		if (row.slaBreached || (row.agentMs !== null && row.agentMs > row.dueMs)) keys.push('slaBreached');
		else keys.push(row.agentMs !== null ? 'slaMet' : 'slaOpen');
	}
	return keys;
}

export const csatKeysOf = (row: CsatRow): string[] => [`csat:${row.score}`, `csatTier:${row.tier}`, `csatResolver:${row.resolver}`];

/** Newest first, then by id. */
export function newestSuggestions(found: Array<{ atMs: number; id: string; suggestion: SuggestedAnswer }>, limit = 5): CaseFigures['suggestions'] {
	const sorted = [...found].sort((a, b) => b.atMs - a.atMs || (a.id < b.id ? -1 : 1));
	return { total: found.length, newest: sorted.slice(0, Math.max(0, Math.floor(limit))).map((row) => row.suggestion) };
}

/** A window's figures by reading the documents (the fallback for a backend without caseFigures). */
export function caseFiguresOfRecords(records: Iterable<ConversationRecord>, sinceMs: number, untilMs: number, options: CaseFigureOptions = {}): CaseFigures {
	const rows: CaseRows[] = [];
	for (const record of records) rows.push(caseRowsOf(record));
	return sumCaseRows(rows, sinceMs, untilMs, options);
}
