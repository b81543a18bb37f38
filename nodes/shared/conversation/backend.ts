/* eslint-disable @n8n/community-nodes/require-node-api-error -- pure domain code with no n8n imports; the Conversation Store node wraps these errors in NodeOperationError */
import { caseRowsOf, sumCaseRows, type CaseFigureOptions, type CaseFigures, type CaseRows } from './cases';
import type { BurstMutation, BurstRecord } from './collectBurst';
import type { ConversationRecord, Mutation } from './types';

/** Which conversations a transaction reads: by id, and by any identity key they hold. */
export interface Lookup {
	ids?: string[];
	identityKeys?: string[];
}

/**
 * Where conversations live. Every backend passes the same contract tests (test/unit/conversation-backends.test.ts).
 *
 * `transact` is the only write path: it reads the conversations named by the lookup, calls `mutate`
 * (synchronous, pure) on them, and writes what it returns, with no other transaction on the same
 * conversations or identity keys in between. That is what keeps two messages of one customer that
 * arrive at once from losing a turn.
 */
export interface ConversationBackend {
	readonly kind: string;
	/** True while every call answers or throws without waiting on anything: no timeout is needed around it. */
	readonly neverStalls?: boolean;
	transact<T>(lookup: Lookup, mutate: (found: ConversationRecord[]) => Mutation<T>): Promise<T>;
	/**
	 * The open message bursts of one customer key (collectBurst.ts), apart from the conversations: read,
	 * mutated (synchronous, pure) and written with no other burst transaction on that key in between.
	 */
	transactBurst<T>(key: string, mutate: (current: BurstRecord | undefined) => BurstMutation<T>): Promise<T>;
	/** Deletes every conversation idle since before `beforeMs`; returns how many. */
	expire(beforeMs: number): Promise<number>;
	/**
	 * One page of the conversations touched at or after `sinceMs` (a turn, a takeover, a release), in id
	 * order after `afterId`: the report and the dashboard read a time window page by page, so memory
	 * stays bounded whatever the store's size. A conversation not touched since holds no turn after it.
	 */
	listSince(sinceMs: number, afterId: string, limit: number): Promise<ConversationRecord[]>;
	/**
	 * Optional: a window's report figures (cases.ts) summed by the database from rows it keeps beside
	 * the documents, `sinceMs` … `untilMs` inclusive. The same figures as caseFiguresOfRecords over
	 * the conversations touched since `sinceMs`; a backend without it is read document by document.
	 */
	caseFigures?(sinceMs: number, untilMs: number, options?: CaseFigureOptions): Promise<CaseFigures>;
	/** How many conversations are stored (for tests, benchmarks and the simulator's figures). */
	count(): Promise<number>;
	close(): Promise<void>;
}

export class BackendUnavailableError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'BackendUnavailableError';
	}
}

/**
 * The timeout to wait on `backend` with: none for one that never stalls (a store in this process's
 * memory), where a timer per call was two promises and a timer for the collector, three a ticket.
 */
export function timeoutFor(backend: ConversationBackend | undefined, ms: number): number {
	return backend?.neverStalls ? 0 : ms;
}

/** Rejects with a BackendUnavailableError when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	if (!(ms > 0)) return await promise;
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new BackendUnavailableError(`${what}: no answer within ${ms} ms`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** The error of a database that could not even be opened (a missing node:sqlite, an unwritable folder). */
export function unopened(what: string, cause: Error | undefined): BackendUnavailableError {
	return new BackendUnavailableError(`${what}: ${cause?.message ?? 'no database'}`);
}

/** A window's figures: summed by the backend when it can, else from its documents read page by page. */
export async function caseFiguresOf(backend: ConversationBackend, sinceMs: number, untilMs: number, options: CaseFigureOptions = {}): Promise<CaseFigures> {
	if (backend.caseFigures) return await backend.caseFigures(sinceMs, untilMs, options);
	const rows: CaseRows[] = [];
	for await (const record of conversationsSince(backend, sinceMs)) rows.push(caseRowsOf(record));
	return sumCaseRows(rows, sinceMs, untilMs, options);
}

/** Every conversation touched at or after `sinceMs`, read page by page. */
export async function* conversationsSince(backend: ConversationBackend, sinceMs: number, pageSize?: number | null): AsyncGenerator<ConversationRecord> {
	const size = Math.max(1, Math.floor(Number(pageSize) || 500));
	let after = '';
	for (;;) {
		const page = await backend.listSince(sinceMs, after, size);
		for (const record of page) yield record;
		if (page.length < size) return;
		after = page[page.length - 1].id;
	}
}
