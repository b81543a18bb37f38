/* eslint-disable @n8n/community-nodes/require-node-api-error -- pure domain code with no n8n imports; the Conversation Store node wraps these errors in NodeOperationError */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { BackendUnavailableError, type ConversationBackend, type Lookup } from '../backend';
import type { CaseFigureOptions, CaseFigures } from '../cases';
import type { BurstMutation, BurstRecord } from '../collectBurst';
import type { ConversationRecord, Mutation } from '../types';
import { SqliteCaseTables, type Counters } from './sqlite-cases';
import type { DatabaseSync, StatementSync } from './sqlite-types';

type SqliteModule = { DatabaseSync: new (file: string, options?: Record<string, unknown>) => DatabaseSync };

function loadSqlite(): SqliteModule {
	try {
		// Required lazily: Node 20 (the simulator's) has no node:sqlite, and only this backend needs it.
		return require('node:sqlite') as SqliteModule;
	} catch {
		throw new BackendUnavailableError(`SQLite backend: node:sqlite is not available in Node ${process.versions.node} (it needs Node 22.5 or later, as n8n 2.x runs on)`);
	}
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS s247_conversation (id TEXT PRIMARY KEY, doc TEXT NOT NULL, updated_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS s247_conversation_updated ON s247_conversation (updated_ms);
CREATE TABLE IF NOT EXISTS s247_identity (key TEXT PRIMARY KEY, conversation_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS s247_identity_conversation ON s247_identity (conversation_id);
CREATE TABLE IF NOT EXISTS s247_burst (key TEXT PRIMARY KEY, doc TEXT NOT NULL);
`;
/** PRAGMA user_version once the case tables (sqlite-cases.ts) hold every stored conversation's rows. */
const CASES_VERSION = 1;
/** Conversations read per page while filling the case tables of an existing store. */
const MIGRATION_PAGE = 500;

/**
 * Conversations in one SQLite file (node:sqlite, no native add-on to build). Each transaction is
 * BEGIN IMMEDIATE: it takes the file's write lock before reading, so two n8n processes (or two
 * executions) appending to one conversation queue up instead of overwriting each other's turn.
 * WAL mode lets reads go on beside a writer. One file serves one machine: queue mode with workers
 * on several machines needs a server database.
 */
export class SqliteBackend implements ConversationBackend {
	readonly kind = 'sqlite';
	private readonly db: DatabaseSync;
	private readonly statements: {
		byId: StatementSync;
		byKey: StatementSync;
		upsert: StatementSync;
		remove: StatementSync;
		unindex: StatementSync;
		index: StatementSync;
		expired: StatementSync;
		since: StatementSync;
		count: StatementSync;
		burst: StatementSync;
		saveBurst: StatementSync;
		dropBurst: StatementSync;
		page: StatementSync;
	};
	private readonly cases: SqliteCaseTables;
	private casesReady = false;

	constructor(readonly file: string, options: { busyTimeoutMs?: number } = {}) {
		const { DatabaseSync } = loadSqlite();
		if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
		this.db = new DatabaseSync(file);
		// The busy timeout first: switching to WAL itself waits for a lock another process may hold.
		this.db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;`);
		this.db.exec(SCHEMA);
		this.statements = {
			byId: this.db.prepare('SELECT doc FROM s247_conversation WHERE id = ?'),
			byKey: this.db.prepare('SELECT conversation_id AS id FROM s247_identity WHERE key = ?'),
			upsert: this.db.prepare('INSERT INTO s247_conversation (id, doc, updated_ms) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, updated_ms = excluded.updated_ms'),
			remove: this.db.prepare('DELETE FROM s247_conversation WHERE id = ?'),
			unindex: this.db.prepare('DELETE FROM s247_identity WHERE conversation_id = ?'),
			index: this.db.prepare('INSERT INTO s247_identity (key, conversation_id) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET conversation_id = excluded.conversation_id'),
			expired: this.db.prepare('SELECT id FROM s247_conversation WHERE updated_ms < ?'),
			since: this.db.prepare('SELECT doc FROM s247_conversation WHERE updated_ms >= ? AND id > ? ORDER BY id LIMIT ?'),
			count: this.db.prepare('SELECT COUNT(*) AS n FROM s247_conversation'),
			burst: this.db.prepare('SELECT doc FROM s247_burst WHERE key = ?'),
			saveBurst: this.db.prepare('INSERT INTO s247_burst (key, doc) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET doc = excluded.doc'),
			dropBurst: this.db.prepare('DELETE FROM s247_burst WHERE key = ?'),
			page: this.db.prepare('SELECT id, doc FROM s247_conversation WHERE id > ? ORDER BY id LIMIT ?'),
		};
		this.cases = new SqliteCaseTables(this.db);
	}

	/**
	 * Fills the case tables of a store written before they existed, once per file (PRAGMA
	 * user_version says it is done); returns how many conversations it read (0: nothing to do). Run
	 * by the first caseFigures, so a customer's message never waits for it; writes before it keep
	 * their rows too, and it redoes them. Under the write lock: a second process waits, then finds
	 * the work done.
	 */
	migrateCases(): number {
		const version = () => Number(this.db.prepare('PRAGMA user_version').get()?.user_version ?? 0);
		if (this.casesReady || version() >= CASES_VERSION) {
			this.casesReady = true;
			return 0;
		}
		return this.inTransaction(() => {
			if (version() >= CASES_VERSION) return 0;
			this.cases.clear();
			let written = 0;
			const counters: Counters = new Map();
			for (let after = ''; ; ) {
				const page = this.statements.page.all(after, MIGRATION_PAGE);
				for (const row of page) this.cases.write(JSON.parse(String(row.doc)) as ConversationRecord, true, counters);
				written += page.length;
				if (page.length < MIGRATION_PAGE) break;
				after = String(page[page.length - 1].id);
			}
			this.cases.flush(counters);
			this.db.exec(`PRAGMA user_version = ${CASES_VERSION}`);
			this.casesReady = true;
			return written;
		});
	}

	private inTransaction<T>(work: () => T): T {
		this.db.exec('BEGIN IMMEDIATE');
		try {
			const result = work();
			this.db.exec('COMMIT');
			return result;
		} catch (error) {
			this.db.exec('ROLLBACK');
			throw error;
		}
	}

	private removeConversation(id: string): void {
		this.statements.unindex.run(id);
		this.statements.remove.run(id);
		this.cases.remove(id);
	}

	async transact<T>(lookup: Lookup, mutate: (found: ConversationRecord[]) => Mutation<T>): Promise<T> {
		return this.inTransaction(() => {
			const ids = new Set<string>(lookup.ids ?? []);
			for (const key of lookup.identityKeys ?? []) {
				const row = this.statements.byKey.get(key);
				if (row) ids.add(String(row.id));
			}
			const found: ConversationRecord[] = [];
			for (const id of ids) {
				const row = this.statements.byId.get(id);
				if (row) found.push(JSON.parse(String(row.doc)) as ConversationRecord);
			}
			const mutation = mutate(found);
			for (const id of mutation.remove ?? []) this.removeConversation(id);
			const save = mutation.save;
			if (save) {
				this.statements.upsert.run(save.id, JSON.stringify(save), save.updatedMs);
				this.statements.unindex.run(save.id);
				for (const key of Object.keys(save.identities)) this.statements.index.run(key, save.id);
				// The report's rows of this conversation, in the same transaction as its document.
				this.cases.write(save);
			}
			return mutation.result;
		});
	}

	/** BEGIN IMMEDIATE as transact: two executions (or processes) recording parts of one burst queue up. */
	async transactBurst<T>(key: string, mutate: (current: BurstRecord | undefined) => BurstMutation<T>): Promise<T> {
		return this.inTransaction(() => {
			const row = this.statements.burst.get(key);
			const mutation = mutate(row ? (JSON.parse(String(row.doc)) as BurstRecord) : undefined);
			if (mutation.save) this.statements.saveBurst.run(key, JSON.stringify(mutation.save));
			else this.statements.dropBurst.run(key);
			return mutation.result;
		});
	}

	async expire(beforeMs: number): Promise<number> {
		return this.inTransaction(() => {
			const rows = this.statements.expired.all(beforeMs);
			for (const row of rows) this.removeConversation(String(row.id));
			return rows.length;
		});
	}

	async listSince(sinceMs: number, afterId: string, limit: number): Promise<ConversationRecord[]> {
		return this.statements.since.all(sinceMs, afterId, limit).map((row) => JSON.parse(String(row.doc)) as ConversationRecord);
	}

	/**
	 * Writes whole conversations in one transaction with the prepared statements (a migration, a
	 * benchmark's store): far faster than a transaction per conversation. Existing ids are replaced.
	 */
	async importRecords(records: Iterable<ConversationRecord>): Promise<number> {
		return this.inTransaction(() => {
			let written = 0;
			const counters: Counters = new Map();
			for (const record of records) {
				this.statements.upsert.run(record.id, JSON.stringify(record), record.updatedMs);
				this.statements.unindex.run(record.id);
				for (const key of Object.keys(record.identities)) this.statements.index.run(key, record.id);
				this.cases.write(record, false, counters);
				written++;
			}
			this.cases.flush(counters);
			return written;
		});
	}

	/** A window's figures from the case tables: no document is read. */
	async caseFigures(sinceMs: number, untilMs: number, options: CaseFigureOptions = {}): Promise<CaseFigures> {
		this.migrateCases();
		return this.cases.figures(sinceMs, untilMs, options);
	}

	async count(): Promise<number> {
		return Number(this.statements.count.get()?.n ?? 0);
	}

	async close(): Promise<void> {
		this.db.close();
	}
}
