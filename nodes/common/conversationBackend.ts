import { homedir } from 'node:os';
import path from 'node:path';
import type { IExecuteFunctions } from 'n8n-workflow';
import { memoryBackend, PendingWrites, SqliteBackend, type ConversationBackend } from '../shared/conversation';

export interface OpenedBackend {
	key: string;
	/** Undefined when the database could not even be opened: the node goes on statelessly. */
	backend?: ConversationBackend;
	error?: Error;
	pending: PendingWrites<() => Promise<unknown>>;
}

const sqlite = new Map<string, SqliteBackend>();
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

/** The backend a node's parameters name, opened once per process and shared by every execution. */
export function openBackend(kind: string, databaseFile: string, memoryName: string, timeoutMs: number): OpenedBackend {
	if (kind === 'memory') {
		const key = `memory:${memoryName || 'default'}`;
		return { key, backend: memoryBackend(memoryName || 'default'), pending: pendingFor(key) };
	}
	if (kind !== 'sqlite') throw new Error(`Database: "${kind}" is not one of sqlite, memory`);
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

/** The backend named by the shared Database / Database File / Store Name parameters (conversationBackendDescription.ts). */
export function openBackendOfNode(ctx: IExecuteFunctions, timeoutMs = 0): OpenedBackend {
	return openBackend(
		ctx.getNodeParameter('backend', 0, 'sqlite') as string,
		ctx.getNodeParameter('databaseFile', 0, '') as string,
		ctx.getNodeParameter('memoryName', 0, 'default') as string,
		timeoutMs,
	);
}
