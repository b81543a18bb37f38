/* eslint-disable @n8n/community-nodes/require-node-api-error -- pure domain code with no n8n imports; the Conversation Store node wraps these errors in NodeOperationError */
import type { Pool, PoolClient, PoolConfig } from 'pg';
import { BackendUnavailableError, type ConversationBackend, type Lookup } from '../backend';
import type { BurstMutation, BurstRecord } from '../collectBurst';
import type { ConversationRecord, Mutation } from '../types';

/**
 * The tables of backends/sqlite.ts, in PostgreSQL. Ids and keys compare byte by byte (COLLATE "C"), as
 * SQLite's do, so listSince pages in the same order whatever the database's locale.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS s247_conversation (id TEXT COLLATE "C" PRIMARY KEY, doc TEXT NOT NULL, updated_ms BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS s247_conversation_updated ON s247_conversation (updated_ms);
CREATE TABLE IF NOT EXISTS s247_identity (key TEXT COLLATE "C" PRIMARY KEY, conversation_id TEXT COLLATE "C" NOT NULL);
CREATE INDEX IF NOT EXISTS s247_identity_conversation ON s247_identity (conversation_id);
CREATE TABLE IF NOT EXISTS s247_burst (key TEXT COLLATE "C" PRIMARY KEY, doc TEXT NOT NULL);
`;

/** A transaction-scoped advisory lock on a name (64-bit hash); released by COMMIT or ROLLBACK. */
const LOCK = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 247))';
/** Deadlock detected, serialization failure: the transaction is rolled back and may simply run again. */
const RETRIABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/** An error the database or the network raised (not the domain logic) becomes a BackendUnavailableError. */
function unavailable(error: unknown): BackendUnavailableError {
	if (error instanceof BackendUnavailableError) return error;
	return new BackendUnavailableError(`PostgreSQL conversation store: ${(error as Error)?.message || String(error)}`);
}

/** Runs a mutation, marking what it throws as the domain's own error, which passes through unchanged. */
function domain<R>(run: () => R, thrown: Set<unknown>): R {
	try {
		return run();
	} catch (error) {
		thrown.add(error);
		throw error;
	}
}

export interface PostgresOptions {
	/** How long a connection, a lock wait or a statement may take (the node's timeout); 0: no limit. */
	timeoutMs?: number;
	/** Connections this process keeps open at most. */
	maxConnections?: number;
}

/**
 * Conversations in a PostgreSQL database, for n8n's queue mode: every main and worker process, on any
 * machine, reads and writes the same tables. Each transact is one transaction that takes an advisory
 * lock per identity key of the lookup and then per conversation it names or finds (keys first, each
 * set sorted, so two transactions do not wait on each other in a circle); that serializes every transaction on one
 * customer, even one whose conversation does not exist yet (a row lock could not: there is no row
 * to lock), while other customers' transactions run side by side. The schema is created on first use.
 */
export class PostgresBackend implements ConversationBackend {
	readonly kind = 'postgres';
	private readonly pool: Pool;
	private schema: Promise<void> | undefined;
	private lastError: Error | undefined;

	constructor(config: PoolConfig, options: PostgresOptions = {}) {
		const timeoutMs = Math.max(0, Math.floor(options.timeoutMs ?? 5000));
		// Loaded here, not on import: only a store on PostgreSQL needs the driver, and loading it slows every start.
		const { Pool: PgPool } = require('pg') as typeof import('pg');
		this.pool = new PgPool({
			...config,
			max: options.maxConnections ?? config.max ?? 10,
			...(timeoutMs > 0
				? {
						connectionTimeoutMillis: timeoutMs,
						// The server cancels a statement or a lock wait past the timeout; the client gives up on a server that does not answer at all.
						statement_timeout: timeoutMs,
						query_timeout: timeoutMs + 1000,
						// A process that died inside a transaction must not hold its locks for long.
						idle_in_transaction_session_timeout: Math.max(10_000, timeoutMs * 5),
					}
				: {}),
			application_name: config.application_name ?? 'n8n-nodes-support247',
		});
		// An idle connection that the server drops (a restart, a stopped database) must not crash n8n: the next call reconnects.
		this.pool.on('error', (error) => {
			this.lastError = error;
		});
	}

	/** The last error of an idle connection, for logs and tests. */
	get idleError(): Error | undefined {
		return this.lastError;
	}

	private ensureSchema(): Promise<void> {
		if (!this.schema) {
			this.schema = this.inTransaction(async (client) => {
				// CREATE TABLE IF NOT EXISTS is not safe against itself run at once by two processes: the lock makes it so.
				await client.query(LOCK, ['s247:schema']);
				await client.query(SCHEMA);
			}, false).catch((error: unknown) => {
				this.schema = undefined;
				throw error;
			});
		}
		return this.schema;
	}

	/**
	 * A connection from the pool, and how to give it back. While it is checked out the pool no longer
	 * listens for its errors: a server that goes away between two statements would otherwise raise an
	 * unhandled 'error' event (and end the n8n process). The failing statement reports it instead.
	 */
	private async connect(): Promise<{ client: PoolClient; release: (broken?: Error) => void }> {
		let client: PoolClient;
		try {
			client = await this.pool.connect();
		} catch (error) {
			throw unavailable(error);
		}
		let lost: Error | undefined;
		const onError = (error: Error) => {
			lost = this.lastError = error;
		};
		client.on('error', onError);
		return {
			client,
			release: (broken) => {
				client.removeListener('error', onError);
				// A connection that failed while checked out is closed, not put back in the pool.
				client.release(broken ?? lost);
			},
		};
	}

	/** One transaction on one connection, run again (at most ATTEMPTS times) after a deadlock. */
	private async inTransaction<T>(work: (client: PoolClient, thrown: Set<unknown>) => Promise<T>, schema = true): Promise<T> {
		if (schema) await this.ensureSchema();
		const thrown = new Set<unknown>();
		for (let attempt = 1; ; attempt++) {
			const { client, release } = await this.connect();
			let broken: Error | undefined;
			try {
				await client.query('BEGIN');
				const result = await work(client, thrown);
				await client.query('COMMIT');
				return result;
			} catch (error) {
				await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
				if (thrown.has(error)) throw error;
				const code = (error as { code?: string }).code;
				if (code && RETRIABLE.has(code) && attempt < ATTEMPTS) continue;
				throw unavailable(error);
			} finally {
				// A connection whose rollback failed is not given back to the pool.
				release(broken);
			}
		}
	}

	/** Locks names in sorted order; a name already held by this transaction is skipped. */
	private async lock(client: PoolClient, held: Set<string>, names: Iterable<string>): Promise<void> {
		for (const name of [...new Set(names)].filter((n) => !held.has(n)).sort()) {
			await client.query(LOCK, [name]);
			held.add(name);
		}
	}

	private async idsOf(client: PoolClient, lookup: Lookup): Promise<Set<string>> {
		const ids = new Set<string>(lookup.ids ?? []);
		const keys = lookup.identityKeys ?? [];
		if (keys.length > 0) {
			const rows = await client.query<{ id: string }>('SELECT conversation_id AS id FROM s247_identity WHERE key = ANY($1::text[])', [keys]);
			for (const row of rows.rows) ids.add(row.id);
		}
		return ids;
	}

	private async removeConversations(client: PoolClient, ids: string[]): Promise<void> {
		if (ids.length === 0) return;
		await client.query('DELETE FROM s247_identity WHERE conversation_id = ANY($1::text[])', [ids]);
		await client.query('DELETE FROM s247_conversation WHERE id = ANY($1::text[])', [ids]);
	}

	private async saveRecord(client: PoolClient, record: ConversationRecord): Promise<void> {
		await client.query(
			'INSERT INTO s247_conversation (id, doc, updated_ms) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated_ms = excluded.updated_ms',
			[record.id, JSON.stringify(record), record.updatedMs],
		);
		await client.query('DELETE FROM s247_identity WHERE conversation_id = $1', [record.id]);
		const keys = Object.keys(record.identities);
		if (keys.length > 0) {
			await client.query(
				'INSERT INTO s247_identity (key, conversation_id) SELECT k, $2 FROM unnest($1::text[]) AS k ON CONFLICT (key) DO UPDATE SET conversation_id = excluded.conversation_id',
				[keys, record.id],
			);
		}
	}

	async transact<T>(lookup: Lookup, mutate: (found: ConversationRecord[]) => Mutation<T>): Promise<T> {
		return await this.inTransaction(async (client, thrown) => {
			const held = new Set<string>();
			// Every transaction locks in the same order, identity keys first, then conversations, each set sorted:
			// one that named a conversation by id (an Append after a Load) and one that found it through a key (a
			// Load) must not each hold what the other waits for.
			await this.lock(client, held, (lookup.identityKeys ?? []).map((k) => `key:${k}`));
			// The conversations named or found through a key are locked next, and the keys read again: another
			// transaction may have merged or moved one while this one waited. Until nothing new turns up (once
			// in practice; a merge that adds one may deadlock against another, which PostgreSQL detects and inTransaction runs again).
			let ids = await this.idsOf(client, lookup);
			for (;;) {
				const fresh = [...ids].filter((id) => !held.has(`conv:${id}`));
				if (fresh.length === 0) break;
				await this.lock(client, held, fresh.map((id) => `conv:${id}`));
				ids = await this.idsOf(client, lookup);
			}
			const found: ConversationRecord[] = [];
			if (ids.size > 0) {
				const rows = await client.query<{ doc: string }>('SELECT doc FROM s247_conversation WHERE id = ANY($1::text[]) ORDER BY id', [[...ids]]);
				for (const row of rows.rows) found.push(JSON.parse(row.doc) as ConversationRecord);
			}
			const mutation = domain(() => mutate(found), thrown);
			await this.removeConversations(client, mutation.remove ?? []);
			if (mutation.save) await this.saveRecord(client, mutation.save);
			return mutation.result;
		});
	}

	/** A lock per burst key, as transact: two workers recording parts of one burst queue up. */
	async transactBurst<T>(key: string, mutate: (current: BurstRecord | undefined) => BurstMutation<T>): Promise<T> {
		return await this.inTransaction(async (client, thrown) => {
			await client.query(LOCK, [`burst:${key}`]);
			const row = (await client.query<{ doc: string }>('SELECT doc FROM s247_burst WHERE key = $1', [key])).rows[0];
			const mutation = domain(() => mutate(row ? (JSON.parse(row.doc) as BurstRecord) : undefined), thrown);
			if (mutation.save) await client.query('INSERT INTO s247_burst (key, doc) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET doc = excluded.doc', [key, JSON.stringify(mutation.save)]);
			else await client.query('DELETE FROM s247_burst WHERE key = $1', [key]);
			return mutation.result;
		});
	}

	async expire(beforeMs: number): Promise<number> {
		return await this.inTransaction(async (client) => {
			const gone = await client.query<{ id: string }>('DELETE FROM s247_conversation WHERE updated_ms < $1 RETURNING id', [beforeMs]);
			const ids = gone.rows.map((row) => row.id);
			if (ids.length > 0) await client.query('DELETE FROM s247_identity WHERE conversation_id = ANY($1::text[])', [ids]);
			return ids.length;
		});
	}

	async listSince(sinceMs: number, afterId: string, limit: number): Promise<ConversationRecord[]> {
		await this.ensureSchema();
		const rows = await this.query<{ doc: string }>('SELECT doc FROM s247_conversation WHERE updated_ms >= $1 AND id > $2 ORDER BY id LIMIT $3', [sinceMs, afterId, limit]);
		return rows.map((row) => JSON.parse(row.doc) as ConversationRecord);
	}

	async count(): Promise<number> {
		await this.ensureSchema();
		const rows = await this.query<{ n: string }>('SELECT count(*) AS n FROM s247_conversation', []);
		return Number(rows[0]?.n ?? 0);
	}

	private async query<R extends object>(sql: string, params: unknown[]): Promise<R[]> {
		const { client, release } = await this.connect();
		let broken: Error | undefined;
		try {
			return (await client.query<R>(sql, params)).rows;
		} catch (error) {
			broken = error as Error;
			throw unavailable(error);
		} finally {
			release(broken);
		}
	}

	async close(): Promise<void> {
		await this.pool.end();
	}
}
