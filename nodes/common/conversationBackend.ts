import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';
import { memoryBackend, PendingWrites, PostgresBackend, SqliteBackend, type ConversationBackend } from '../shared/conversation';
import { postgresPoolConfig } from './postgresCredential';

export interface OpenedBackend {
	key: string;
	/** Undefined when the database could not even be opened: the node goes on statelessly. */
	backend?: ConversationBackend;
	error?: Error;
	pending: PendingWrites<() => Promise<unknown>>;
}

const sqlite = new Map<string, SqliteBackend>();
/** One pool per database and credential per process, shared by every execution (as the SQLite map is). */
const postgres = new Map<string, PostgresBackend>();
const pendingByKey = new Map<string, PendingWrites<() => Promise<unknown>>>();

/** n8n's user folder, as n8n itself finds it (N8N_USER_FOLDER, else the home folder), plus ".n8n". */
function defaultDatabaseFile(): string {
	return path.join(process.env.N8N_USER_FOLDER || homedir(), '.n8n', 'support247', 'conversations.sqlite');
}

function pendingFor(key: string): PendingWrites<() => Promise<unknown>> {
	let pending = pendingByKey.get(key);
	if (!pending) pendingByKey.set(key, (pending = new PendingWrites()));
	return pending;
}

function openPostgres(credentials: ICredentialDataDecryptedObject | undefined, timeoutMs: number): OpenedBackend {
	if (!credentials) return { key: 'postgres:', error: new Error('Database: PostgreSQL needs a Postgres credential'), pending: pendingFor('postgres:') };
	let key = 'postgres:';
	try {
		const config = postgresPoolConfig(credentials);
		// The password is part of the pool's identity (a changed credential gets a new pool) but never of the key's text.
		const digest = createHash('sha256').update(JSON.stringify([config, timeoutMs])).digest('hex').slice(0, 12);
		key = `postgres:${config.user}@${config.host}:${config.port}/${config.database}#${digest}`;
		let backend = postgres.get(key);
		if (!backend) postgres.set(key, (backend = new PostgresBackend(config, { timeoutMs, maxConnections: config.max })));
		return { key, backend, pending: pendingFor(key) };
	} catch (error) {
		return { key, error: error as Error, pending: pendingFor(key) };
	}
}

/**
 * The backend a node's parameters name, opened once per process and shared by every execution.
 * `credentials` is the node's Postgres credential, read only when the database is PostgreSQL.
 */
export function openBackend(kind: string, databaseFile: string, memoryName: string, timeoutMs: number, credentials?: ICredentialDataDecryptedObject): OpenedBackend {
	if (kind === 'memory') {
		const key = `memory:${memoryName || 'default'}`;
		return { key, backend: memoryBackend(memoryName || 'default'), pending: pendingFor(key) };
	}
	if (kind === 'postgres') return openPostgres(credentials, timeoutMs);
	if (kind !== 'sqlite') throw new Error(`Database: "${kind}" is not one of sqlite, postgres, memory`);
	const file = path.resolve(databaseFile.trim() || defaultDatabaseFile());
	const key = `sqlite:${file}`;
	try {
		let backend = sqlite.get(file);
		// A lock wait blocks the thread (node:sqlite is synchronous), so it gets the node's timeout, no more.
		if (!backend) sqlite.set(file, (backend = new SqliteBackend(file, { busyTimeoutMs: timeoutMs })));
		return { key, backend, pending: pendingFor(key) };
	} catch (error) {
		return { key, error: error as Error, pending: pendingFor(key) };
	}
}

/** The node's Postgres credential when its Database is PostgreSQL; undefined otherwise. */
export async function postgresCredentialOfNode(ctx: IExecuteFunctions, kind: string): Promise<ICredentialDataDecryptedObject | undefined> {
	return kind === 'postgres' ? await ctx.getCredentials<ICredentialDataDecryptedObject>('postgres') : undefined;
}

/** The backend named by the shared Database / Database File / Store Name parameters and credential (conversationBackendDescription.ts). */
export async function openBackendOfNode(ctx: IExecuteFunctions, timeoutMs = 0): Promise<OpenedBackend> {
	const kind = ctx.getNodeParameter('backend', 0, 'sqlite') as string;
	return openBackend(
		kind,
		ctx.getNodeParameter('databaseFile', 0, '') as string,
		ctx.getNodeParameter('memoryName', 0, 'default') as string,
		timeoutMs,
		await postgresCredentialOfNode(ctx, kind),
	);
}
