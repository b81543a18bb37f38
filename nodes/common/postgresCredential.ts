import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import type { PoolConfig } from 'pg';

import { PostgresBackend } from '../shared/conversation';

/**
 * n8n's own `postgres` credential (host, port, database, user, password, SSL), the one its Postgres
 * node uses, read into a pg pool config: users point the store at the database they already have.
 * SSL is read as n8n's Postgres node reads it.
 */
export function postgresPoolConfig(credentials: ICredentialDataDecryptedObject): PoolConfig & { host: string; port: number; user: string; database: string } {
	if (credentials.sshTunnel === true) throw new Error('Postgres credential: the Conversation Store does not connect through an SSH tunnel; reach the database directly');
	const host = String(credentials.host ?? '').trim() || 'localhost';
	const port = Number(credentials.port ?? 5432);
	if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`Postgres credential: port "${String(credentials.port)}" is not a port number`);
	const ssl = String(credentials.ssl ?? 'disable');
	const max = Number(credentials.maxConnections);
	return {
		host,
		port,
		database: String(credentials.database ?? '').trim() || 'postgres',
		user: String(credentials.user ?? '').trim() || 'postgres',
		password: String(credentials.password ?? ''),
		ssl: credentials.allowUnauthorizedCerts === true ? { rejectUnauthorized: false } : ssl !== 'disable',
		// Each process keeps a few connections: workers are many, and each runs only a few executions at once.
		max: Number.isInteger(max) && max > 0 ? Math.min(max, 20) : 10,
	};
}

/** Credential test for the `postgres` credential as our nodes use it: connects, creates the tables if needed, counts. */
export async function support247PostgresTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	let backend: PostgresBackend | undefined;
	try {
		backend = new PostgresBackend(postgresPoolConfig(credential.data ?? {}), { timeoutMs: 10_000, maxConnections: 1 });
		const conversations = await backend.count();
		return { status: 'OK', message: `Connected: ${conversations} conversation(s) stored` };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	} finally {
		await backend?.close().catch(() => undefined);
	}
}
