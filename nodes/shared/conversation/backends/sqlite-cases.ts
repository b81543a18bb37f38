/**
 * The SQLite backend's case tables (cases.ts) beside the documents: the rows of each conversation,
 * and per hour the counters those rows add up to, so a window's figures are the sum of its whole
 * hours plus the rows of the two partial hours at its edges. Every write replaces a conversation's
 * rows and moves the hour counters by the difference, inside the caller's transaction.
 */
import { bucketKeysOf, caseRowsOf, csatKeysOf, type CaseFigureOptions, type CaseFigures, type CaseRow, type CaseRows } from '../cases';
import type { ConversationRecord } from '../types';
import type { DatabaseSync, StatementSync } from './sqlite-types';


const HOUR_MS = 3_600_000;

export const CASE_SCHEMA = `
CREATE TABLE IF NOT EXISTS s247_case (
	at_ms INTEGER NOT NULL, conversation_id TEXT NOT NULL, seq INTEGER NOT NULL,
	tier TEXT, channel TEXT NOT NULL, language TEXT NOT NULL, off_hours INTEGER NOT NULL, resolved INTEGER NOT NULL,
	rule TEXT NOT NULL, label TEXT NOT NULL, agent_ms INTEGER, due_ms INTEGER, sla_breached INTEGER NOT NULL,
	wait_ms INTEGER, open_due_ms INTEGER,
	PRIMARY KEY (at_ms, conversation_id, seq)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS s247_case_conversation ON s247_case (conversation_id);
CREATE INDEX IF NOT EXISTS s247_case_wait ON s247_case (wait_ms) WHERE wait_ms IS NOT NULL;
CREATE INDEX IF NOT EXISTS s247_case_open_due ON s247_case (open_due_ms) WHERE open_due_ms IS NOT NULL;
CREATE INDEX IF NOT EXISTS s247_case_rule ON s247_case (rule, conversation_id, seq) WHERE tier IN ('L3', 'L4');
CREATE TABLE IF NOT EXISTS s247_case_csat (
	at_ms INTEGER NOT NULL, conversation_id TEXT NOT NULL, seq INTEGER NOT NULL,
	score INTEGER NOT NULL, tier TEXT NOT NULL, resolver TEXT NOT NULL,
	PRIMARY KEY (at_ms, conversation_id, seq)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS s247_case_csat_conversation ON s247_case_csat (conversation_id);
CREATE TABLE IF NOT EXISTS s247_case_suggestion (
	at_ms INTEGER NOT NULL, conversation_id TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL,
	PRIMARY KEY (at_ms, conversation_id, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS s247_case_suggestion_conversation ON s247_case_suggestion (conversation_id);
CREATE TABLE IF NOT EXISTS s247_case_last (conversation_id TEXT PRIMARY KEY, last_ms INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS s247_case_last_ms ON s247_case_last (last_ms);
CREATE TABLE IF NOT EXISTS s247_case_bucket (span INTEGER NOT NULL, bucket INTEGER NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL, total INTEGER NOT NULL, PRIMARY KEY (span, bucket, key)) WITHOUT ROWID;
`;

export type Counters = Map<string, { n: number; total: number }>;

function count(counters: Counters, key: string, n: number, total: number): void {
	const c = counters.get(key);
	if (c) {
		c.n += n;
		c.total += total;
	} else counters.set(key, { n, total });
}

/** Bucket spans in hours: a window is summed from whole days, then whole hours, then the rows at its two edges. */
const SPANS = [24, 1] as const;

/** What a conversation's rows add to each counter, times `sign`; `keyOf` names the counter of a row's time. */
function addRows(counters: Counters, rows: CaseRows, sign: 1 | -1, keyOf: (atMs: number, key: string) => string[]): void {
	const add = (atMs: number, key: string, total: number) => {
		for (const at of keyOf(atMs, key)) count(counters, at, sign, sign * total);
	};
	for (const row of rows.cases) for (const key of bucketKeysOf(row)) add(row.atMs, key, 0);
	for (const row of rows.csat) for (const key of csatKeysOf(row)) add(row.atMs, key, row.score);
	for (const row of rows.suggestions) add(row.atMs, 'suggestions', 0);
}

const SEP = '\u0000';
/** A row's counter in each bucket span. */
const bucketKeys = (atMs: number, key: string) => SPANS.map((span) => `${span}${SEP}${Math.floor(atMs / (span * HOUR_MS))}${SEP}${key}`);

function caseRowOf(r: Record<string, unknown>): CaseRow {
	const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
	return {
		conversationId: String(r.conversation_id),
		seq: Number(r.seq),
		atMs: Number(r.at_ms),
		// Not stored: a row counts by its own time (see figures).
		updatedMs: 0,
		tier: (r.tier ?? null) as CaseRow['tier'],
		channel: String(r.channel),
		language: String(r.language),
		offHours: Number(r.off_hours) === 1,
		resolved: Number(r.resolved) === 1,
		rule: String(r.rule),
		label: String(r.label),
		agentMs: n(r.agent_ms),
		dueMs: n(r.due_ms),
		slaBreached: Number(r.sla_breached) === 1,
	};
}

/** What of a row is stored (all but updatedMs), to tell a changed row from a kept one. */
const sameRow = (c: CaseRow | undefined) =>
	c ? [c.tier, c.channel, c.language, c.offHours, c.resolved, c.rule, c.label, c.agentMs, c.dueMs, c.slaBreached].join('\u0000') : undefined;
const sameCsat = (a: CsatLike) => [a.atMs, a.score, a.tier, a.resolver];
type CsatLike = { atMs: number; score: number; tier: string; resolver: string };

export class SqliteCaseTables {
	private readonly st: Record<string, StatementSync>;

	constructor(private readonly db: DatabaseSync) {
		db.exec(CASE_SCHEMA);
		const p = (sql: string) => db.prepare(sql);
		this.st = {
			cases: p('SELECT * FROM s247_case WHERE conversation_id = ?'),
			csat: p('SELECT at_ms, score, tier, resolver FROM s247_case_csat WHERE conversation_id = ? ORDER BY seq'),
			suggestions: p('SELECT at_ms, id FROM s247_case_suggestion WHERE conversation_id = ? ORDER BY at_ms, id'),
			dropCases: p('DELETE FROM s247_case WHERE conversation_id = ?'),
			dropCsat: p('DELETE FROM s247_case_csat WHERE conversation_id = ?'),
			dropSuggestions: p('DELETE FROM s247_case_suggestion WHERE conversation_id = ?'),
			addCase: p(
				'INSERT INTO s247_case (at_ms, conversation_id, seq, tier, channel, language, off_hours, resolved, rule, label, agent_ms, due_ms, sla_breached, wait_ms, open_due_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
			),
			addCsat: p('INSERT INTO s247_case_csat (at_ms, conversation_id, seq, score, tier, resolver) VALUES (?, ?, ?, ?, ?, ?)'),
			addSuggestion: p('INSERT OR REPLACE INTO s247_case_suggestion (at_ms, conversation_id, id, doc) VALUES (?, ?, ?, ?)'),
			dropCase: p('DELETE FROM s247_case WHERE at_ms = ? AND conversation_id = ? AND seq = ?'),
			setLast: p('INSERT INTO s247_case_last (conversation_id, last_ms) VALUES (?, ?) ON CONFLICT(conversation_id) DO UPDATE SET last_ms = excluded.last_ms'),
			dropLast: p('DELETE FROM s247_case_last WHERE conversation_id = ?'),
			bump: p('INSERT INTO s247_case_bucket (span, bucket, key, n, total) VALUES (?, ?, ?, ?, ?) ON CONFLICT(span, bucket, key) DO UPDATE SET n = n + excluded.n, total = total + excluded.total'),
			dropEmpty: p('DELETE FROM s247_case_bucket WHERE span = ? AND bucket = ? AND key = ? AND n = 0'),
			// A window's whole days and hours, then the rows of its partial hours.
			buckets: p('SELECT key, SUM(n) AS n, SUM(total) AS total FROM s247_case_bucket WHERE span = ? AND bucket >= ? AND bucket < ? GROUP BY key'),
			edgeCases: p('SELECT * FROM s247_case WHERE at_ms >= ? AND at_ms <= ?'),
			edgeCsat: p('SELECT at_ms, score, tier, resolver FROM s247_case_csat WHERE at_ms >= ? AND at_ms <= ?'),
			edgeSuggestions: p('SELECT COUNT(*) AS n FROM s247_case_suggestion WHERE at_ms >= ? AND at_ms <= ?'),
			// Conversations with a customer turn in the window: those whose last one is in it, and the few with a later one too.
			conversations: p('SELECT COUNT(*) AS n FROM s247_case_last WHERE last_ms >= ? AND last_ms <= ?'),
			laterConversations: p(
				'SELECT COUNT(*) AS n FROM s247_case_last AS l WHERE l.last_ms > ?2 AND EXISTS (SELECT 1 FROM s247_case AS c WHERE c.conversation_id = l.conversation_id AND c.at_ms >= ?1 AND c.at_ms <= ?2)',
			),
			// The k-th shortest first response of the window's escalated cases, walking the wait index.
			wait: p('SELECT wait_ms FROM s247_case INDEXED BY s247_case_wait WHERE wait_ms IS NOT NULL AND at_ms >= ? AND at_ms <= ? ORDER BY wait_ms LIMIT 1 OFFSET ?'),
			// Unanswered cases whose deadline has not passed at the window's end.
			pending: p('SELECT COUNT(*) AS n FROM s247_case INDEXED BY s247_case_open_due WHERE open_due_ms IS NOT NULL AND open_due_ms >= ?2 AND at_ms >= ?1 AND at_ms <= ?2'),
			firstLabel: p("SELECT label FROM s247_case WHERE tier IN ('L3', 'L4') AND rule = ?3 AND at_ms >= ?1 AND at_ms <= ?2 ORDER BY conversation_id, seq LIMIT 1"),
			newest: p('SELECT doc FROM s247_case_suggestion WHERE at_ms >= ? AND at_ms <= ? ORDER BY at_ms DESC, id ASC LIMIT ?'),
		};
	}

	private stored(id: string): CaseRows {
		return {
			cases: this.st.cases.all(id).map(caseRowOf),
			csat: this.st.csat.all(id).map((r) => ({ conversationId: id, atMs: Number(r.at_ms), updatedMs: 0, score: Number(r.score), tier: String(r.tier), resolver: String(r.resolver) })),
			suggestions: this.st.suggestions.all(id).map((r) => ({ conversationId: id, atMs: Number(r.at_ms), updatedMs: 0, id: String(r.id), suggestion: {} as never })),
		};
	}

	private move(before: CaseRows, after: CaseRows, batch?: Counters): void {
		const delta: Counters = batch ?? new Map();
		addRows(delta, before, -1, bucketKeys);
		addRows(delta, after, 1, bucketKeys);
		if (!batch) this.flush(delta);
	}

	/** Writes the counters a batch of writes moved (many conversations at once: one upsert per counter, not per row). */
	flush(delta: Counters): void {
		for (const [at, { n, total }] of delta) {
			if (n === 0 && total === 0) continue;
			const [span, bucket, key] = at.split(SEP);
			this.st.bump.run(Number(span), Number(bucket), key, n, total);
			if (n < 0) this.st.dropEmpty.run(Number(span), Number(bucket), key);
		}
	}

	private drop(id: string): void {
		this.st.dropCases.run(id);
		this.st.dropCsat.run(id);
		this.st.dropSuggestions.run(id);
	}

	/**
	 * Replaces a conversation's rows with those of its new document. `fresh`: it has none yet (a
	 * migration). `batch`: the counters' moves are added there, for one flush at the end.
	 */
	write(record: ConversationRecord, fresh = false, batch?: Counters): void {
		const before = fresh ? { cases: [], csat: [], suggestions: [] } : this.stored(record.id);
		const after = caseRowsOf(record);
		// Most writes add a turn or two: rows that did not change stay (a row is its conversation, time and place in it).
		const kept = new Map(before.cases.map((c) => [`${c.atMs}/${c.seq}`, sameRow(c)]));
		for (const c of before.cases) if (kept.get(`${c.atMs}/${c.seq}`) !== sameRow(after.cases.find((a) => a.atMs === c.atMs && a.seq === c.seq))) this.st.dropCase.run(c.atMs, c.conversationId, c.seq);
		const csatChanged = JSON.stringify(before.csat.map(sameCsat)) !== JSON.stringify(after.csat.map(sameCsat));
		const suggestionKeys = (rows: CaseRows['suggestions']) => JSON.stringify(rows.map((r) => [r.atMs, r.id]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
		const suggestionsChanged = suggestionKeys(before.suggestions) !== suggestionKeys(after.suggestions);
		if (csatChanged) this.st.dropCsat.run(record.id);
		if (suggestionsChanged) this.st.dropSuggestions.run(record.id);
		for (const c of after.cases) {
			if (kept.get(`${c.atMs}/${c.seq}`) === sameRow(c)) continue;
			const escalated = c.tier === 'L3' || c.tier === 'L4';
			const open = escalated && c.dueMs !== null && c.agentMs === null && !c.slaBreached;
			this.st.addCase.run(
				c.atMs, c.conversationId, c.seq, c.tier, c.channel, c.language, c.offHours ? 1 : 0, c.resolved ? 1 : 0, c.rule, c.label,
				c.agentMs, c.dueMs, c.slaBreached ? 1 : 0, escalated && c.agentMs !== null ? c.agentMs - c.atMs : null, open ? c.dueMs : null,
			);
		}
		if (csatChanged) after.csat.forEach((a, seq) => this.st.addCsat.run(a.atMs, a.conversationId, seq, a.score, a.tier, a.resolver));
		if (suggestionsChanged) for (const s of after.suggestions) this.st.addSuggestion.run(s.atMs, s.conversationId, s.id, JSON.stringify(s.suggestion));
		if (after.cases.length) this.st.setLast.run(record.id, Math.max(...after.cases.map((c) => c.atMs)));
		else this.st.dropLast.run(record.id);
		this.move(before, after, batch);
	}

	/** Forgets a deleted conversation's rows. */
	remove(id: string): void {
		this.move(this.stored(id), { cases: [], csat: [], suggestions: [] });
		this.drop(id);
		this.st.dropLast.run(id);
	}

	/** Empties every case table (before a migration fills them). */
	clear(): void {
		this.db.exec('DELETE FROM s247_case; DELETE FROM s247_case_csat; DELETE FROM s247_case_suggestion; DELETE FROM s247_case_last; DELETE FROM s247_case_bucket;');
	}

	/**
	 * A window's figures. Like the document scan, but a row counts by its own time alone: the scan's
	 * "conversation touched since the window's start" follows from updatedMs ≥ every time in the
	 * document, which the store keeps.
	 */
	figures(sinceMs: number, untilMs: number, options: CaseFigureOptions = {}): CaseFigures {
		const st = this.st;
		const counters: Counters = new Map();
		const sum = (span: number, from: number, to: number) => {
			if (from < to) for (const r of st.buckets.all(span, from, to)) count(counters, String(r.key), Number(r.n), Number(r.total));
		};
		const firstHour = Math.ceil(sinceMs / HOUR_MS);
		const endHour = Math.floor((untilMs + 1) / HOUR_MS);
		const edges: Array<[number, number]> = [];
		if (firstHour < endHour) {
			const firstDay = Math.ceil(firstHour / 24);
			const endDay = Math.floor(endHour / 24);
			if (firstDay < endDay) {
				sum(24, firstDay, endDay);
				sum(1, firstHour, firstDay * 24);
				sum(1, endDay * 24, endHour);
			} else sum(1, firstHour, endHour);
			edges.push([sinceMs, firstHour * HOUR_MS - 1], [endHour * HOUR_MS, untilMs]);
		} else edges.push([sinceMs, untilMs]);
		let suggestions = 0;
		for (const [from, to] of edges) {
			if (from > to) continue;
			const rows: CaseRows = {
				cases: st.edgeCases.all(from, to).map(caseRowOf),
				csat: st.edgeCsat.all(from, to).map((r) => ({ conversationId: '', atMs: Number(r.at_ms), updatedMs: 0, score: Number(r.score), tier: String(r.tier), resolver: String(r.resolver) })),
				suggestions: [],
			};
			addRows(counters, rows, 1, (_, key) => [key]);
			suggestions += Number(st.edgeSuggestions.get(from, to)?.n ?? 0);
		}
		const n = (key: string) => counters.get(key)?.n ?? 0;
		const byChannel: Record<string, number> = {};
		const byLanguage: Record<string, number> = {};
		const labels = new Map<string, Array<{ label: string; count: number }>>();
		const csatCounts = [0, 0, 0, 0, 0];
		const byTier: Record<string, { answered: number; sum: number }> = {};
		const byResolver: Record<string, { answered: number; sum: number }> = {};
		for (const [key, c] of [...counters].sort(([a], [b]) => (a < b ? -1 : 1))) {
			if (c.n === 0) continue;
			const colon = key.indexOf(':');
			const kind = colon < 0 ? key : key.slice(0, colon);
			const value = key.slice(colon + 1);
			if (kind === 'channel') byChannel[value] = c.n;
			else if (kind === 'language') byLanguage[value] = c.n;
			else if (kind === 'csat') csatCounts[Number(value) - 1] = c.n;
			else if (kind === 'csatTier') byTier[value] = { answered: c.n, sum: c.total };
			else if (kind === 'csatResolver') byResolver[value] = { answered: c.n, sum: c.total };
			else if (kind === 'reason') {
				const cut = value.indexOf('\u0001');
				const rule = value.slice(0, cut);
				labels.set(rule, [...(labels.get(rule) ?? []), { label: value.slice(cut + 1), count: c.n }]);
			}
		}
		const reasons = [...labels].map(([rule, found]) => ({
			rule,
			// One label in the window (the usual case) is the first case's; else ask which that was.
			label: found.length === 1 ? found[0].label : String(st.firstLabel.get(sinceMs, untilMs, rule)?.label ?? found[0].label),
			count: found.reduce((sum, f) => sum + f.count, 0),
		}));
		const answered = n('answered');
		const waitAt = (p: number) => {
			if (!answered) return null;
			const k = Math.min(answered - 1, Math.max(0, Math.ceil((p / 100) * answered) - 1));
			return Number(st.wait.get(sinceMs, untilMs, k)?.wait_ms) / 60_000;
		};
		const pending = Number(st.pending.get(sinceMs, untilMs)?.n ?? 0);
		const csatAnswered = csatCounts.reduce((a, b) => a + b, 0);
		return {
			messages: n('messages'),
			cases: n('cases'),
			conversations: Number(st.conversations.get(sinceMs, untilMs)?.n ?? 0) + Number(st.laterConversations.get(sinceMs, untilMs)?.n ?? 0),
			byChannel,
			byLanguage,
			offHours: n('offHours'),
			tiers: { L1: n('tier:L1'), L2: n('tier:L2'), L3: n('tier:L3'), L4: n('tier:L4') },
			aiResolved: n('resolved'),
			reasons,
			waits: { answered, p50: waitAt(50), p90: waitAt(90) },
			waiting: n('waiting'),
			sla: { tracked: n('slaTracked'), met: n('slaMet'), breached: n('slaBreached') + n('slaOpen') - pending, pending },
			csat: { answered: csatAnswered, sum: Object.values(byTier).reduce((a, t) => a + t.sum, 0), counts: csatCounts, byTier, byResolver },
			suggestions: {
				total: n('suggestions') + suggestions,
				newest: st.newest.all(sinceMs, untilMs, Math.max(0, Math.floor(options.newestSuggestions ?? 5))).map((r) => JSON.parse(String(r.doc))),
			},
		};
	}
}
