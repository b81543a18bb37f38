import type { ConversationBackend } from './backend';

/**
 * Bursts: a customer who writes "hola" / "tengo una pregunta" / "¿hacen envíos?" within a few seconds
 * means one turn. Each message (a part) is recorded under the customer's verified identity; its execution
 * then waits the quiet time, and only the execution holding the part recorded last continues, with every
 * part joined. The others learn that a later message carries theirs. Nothing is dropped: a part whose
 * burst cannot be found any more (a crash, a stale burst) goes on alone.
 */

export interface BurstPart {
	/** The message's id (the ticket id): a redelivered part is recorded once. */
	id: string;
	text: string;
	receivedAt: string;
	receivedMs: number;
	/** Order of recording under this key: the highest seq of a burst is its last part. */
	seq: number;
}

export interface OpenBurst {
	id: string;
	parts: BurstPart[];
	/** The seqs whose executions have already settled (continued or left as joined). */
	settled: number[];
	/** Set once the last part's execution continued: a new part starts a new burst. */
	closed?: boolean;
}

/** Everything open under one customer key: usually one burst; two only around a quiet-time border. */
export interface BurstRecord {
	key: string;
	seq: number;
	bursts: OpenBurst[];
}

export interface BurstMutation<T> {
	/** The record to keep; null deletes it. */
	save: BurstRecord | null;
	result: T;
}

export interface BurstOptions {
	/** The quiet time: a part within this of the burst's latest part joins it. */
	quietMs: number;
	/** A burst holds at most this many parts; the next one starts a new burst. */
	maxParts?: number;
	/** A burst whose latest part is this much older than quiet time is forgotten (its waiter is long gone). */
	staleMs?: number;
}

export const MAX_BURST_PARTS = 20;
/** The quiet time's cap, for the web chat's Collect Burst and the WhatsApp trigger alike: a longer wait holds an execution (and, on web chat, the customer's request) for nothing. */
export const MAX_QUIET_SECONDS = 60;
export const DEFAULT_QUIET_SECONDS = 4;

/** A quiet time in seconds, kept within 0 and the cap. */
export function capQuietSeconds(seconds: number): number {
	return Math.min(MAX_QUIET_SECONDS, Math.max(0, seconds));
}
const STALE_MS = 10 * 60_000;

export interface BurstTicket {
	key: string;
	id: string;
	text: string;
	receivedAt: string;
}

export interface Recorded {
	key: string;
	burstId: string;
	seq: number;
	/** The same message was already recorded: its first execution carries it. */
	duplicate: boolean;
}

export type Settled =
	/** This execution continues, answering every part (in the order they were written). */
	| { role: 'last'; burstId: string; parts: BurstPart[] }
	/** A later message of the same burst carries this one. */
	| { role: 'joined'; burstId: string; into: string };

const latestMs = (burst: OpenBurst) => Math.max(...burst.parts.map((part) => part.receivedMs));

/** Records one part: it joins the newest open burst within the quiet time, or starts a new one. */
export function recordPart(current: BurstRecord | undefined, part: BurstTicket, receivedMs: number, options: BurstOptions): BurstMutation<Recorded> {
	const record: BurstRecord = current ?? { key: part.key, seq: 0, bursts: [] };
	const stale = options.quietMs + (options.staleMs ?? STALE_MS);
	record.bursts = record.bursts.filter((burst) => receivedMs - latestMs(burst) <= stale);
	for (const burst of record.bursts) {
		const same = burst.parts.find((p) => p.id === part.id);
		if (same) return { save: record, result: { key: part.key, burstId: burst.id, seq: same.seq, duplicate: true } };
	}
	const seq = record.seq + 1;
	record.seq = seq;
	const newest = record.bursts[record.bursts.length - 1];
	const joins =
		newest !== undefined &&
		!newest.closed &&
		newest.parts.length < (options.maxParts ?? MAX_BURST_PARTS) &&
		// An earlier-dated part (a slow network) joins too: it was written inside the burst.
		receivedMs - latestMs(newest) <= options.quietMs;
	const stored: BurstPart = { id: part.id, text: part.text, receivedAt: part.receivedAt, receivedMs, seq };
	let burst: OpenBurst;
	if (joins) {
		burst = newest;
		burst.parts.push(stored);
	} else {
		// The time in the id too: the record (and its seq) starts afresh once its bursts are all settled.
		burst = { id: `${part.key}#${receivedMs}-${seq}`, parts: [stored], settled: [] };
		record.bursts.push(burst);
	}
	return { save: record, result: { key: part.key, burstId: burst.id, seq, duplicate: false } };
}

/** After the quiet time: the holder of the burst's last part continues with all of them; the others are joined. */
export function settlePart(current: BurstRecord | undefined, recorded: Recorded, own: BurstPart): BurstMutation<Settled> {
	const burst = current?.bursts.find((b) => b.id === recorded.burstId);
	if (!current || !burst || !burst.parts.some((p) => p.seq === recorded.seq)) {
		// The burst is gone (forgotten as stale, or the store was reset): never drop the message.
		return { save: current ?? null, result: { role: 'last', burstId: recorded.burstId, parts: [own] } };
	}
	const last = burst.parts.reduce((a, b) => (b.seq > a.seq ? b : a));
	if (!burst.settled.includes(recorded.seq)) burst.settled.push(recorded.seq);
	const result: Settled =
		last.seq === recorded.seq
			? { role: 'last', burstId: burst.id, parts: [...burst.parts].sort((a, b) => a.receivedMs - b.receivedMs || a.seq - b.seq) }
			: { role: 'joined', burstId: burst.id, into: last.id };
	if (result.role === 'last') burst.closed = true;
	// Once every part's execution has settled, nobody needs the burst any more.
	if (burst.closed && burst.parts.every((p) => burst.settled.includes(p.seq))) current.bursts = current.bursts.filter((b) => b !== burst);
	return { save: current.bursts.length ? current : null, result };
}

/** Where bursts live: the Conversation Store's backends, one transaction per key (see backend.ts). */
export type BurstBackend = Pick<ConversationBackend, 'transactBurst'>;

/** One message to gather into its customer's burst. */
export interface BurstRequest {
	ticket: BurstTicket;
	receivedMs: number;
	options: BurstOptions;
}

export type BurstOutcome =
	| Settled
	/** The same message was already recorded: its first execution carries it. */
	| { role: 'duplicate'; burstId: string }
	/** The store failed on this message; the caller decides (a store that is away: it goes on alone). */
	| { role: 'failed'; error: Error };

/**
 * The three steps for every message of one execution: all parts are recorded, then one wait (the longest
 * quiet time; a timer in n8n, instant in tests), then each settles, so a batch holding several messages of
 * one customer also comes out as one turn. One outcome per request, in order; a failing store fails only
 * the messages it failed on.
 */
export async function collectBursts(backend: BurstBackend, requests: BurstRequest[], wait: (ms: number) => Promise<void>): Promise<BurstOutcome[]> {
	const outcomes: BurstOutcome[] = [];
	const recorded: Array<Recorded | undefined> = [];
	const failed = (error: unknown): BurstOutcome => ({ role: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
	for (const [i, { ticket, receivedMs, options }] of requests.entries()) {
		try {
			const one = await recordBurstPart(backend, ticket, receivedMs, options);
			if (one.duplicate) outcomes[i] = { role: 'duplicate', burstId: one.burstId };
			else recorded[i] = one;
		} catch (error) {
			outcomes[i] = failed(error);
		}
	}
	const toSettle = requests.flatMap((_, i) => (recorded[i] ? [i] : []));
	if (toSettle.length === 0) return outcomes;
	await wait(Math.max(...toSettle.map((i) => requests[i].options.quietMs)));
	for (const i of toSettle) {
		try {
			outcomes[i] = await settleBurstPart(backend, recorded[i] as Recorded, requests[i].ticket, requests[i].receivedMs);
		} catch (error) {
			outcomes[i] = failed(error);
		}
	}
	return outcomes;
}

export async function recordBurstPart(backend: BurstBackend, ticket: BurstTicket, receivedMs: number, options: BurstOptions): Promise<Recorded> {
	return await backend.transactBurst(ticket.key, (current) => recordPart(current, ticket, receivedMs, options));
}

export async function settleBurstPart(backend: BurstBackend, recorded: Recorded, ticket: BurstTicket, receivedMs: number): Promise<Settled> {
	const own: BurstPart = { id: ticket.id, text: ticket.text, receivedAt: ticket.receivedAt, receivedMs, seq: recorded.seq };
	return await backend.transactBurst(recorded.key, (current) => settlePart(current, recorded, own));
}

/** The joined text of a burst: its parts in order, one per line, cut at `maxLength`. */
export function joinParts(parts: Array<Pick<BurstPart, 'text'>>, maxLength: number): string {
	const joined = parts
		.map((part) => part.text.trim())
		.filter(Boolean)
		.join('\n');
	return joined.length > maxLength ? joined.slice(0, maxLength) : joined;
}
