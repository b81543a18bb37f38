import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { StoreUnderTest } from './conversation-contract';
import type { BurstTicket, Settled } from '../../nodes/shared/conversation';

const CHILD = path.join(__dirname, 'conversation-sqlite-child.js');
const BUILT = path.resolve(__dirname, '../../dist/nodes/shared/conversation/index.js');

/** The store over a SQLite file, served by a Node 24 child process (node:sqlite), as n8n 2.x would run it. */
export type SqliteStoreUnderTest = StoreUnderTest & {
	child: ChildProcessWithoutNullStreams;
	burst(part: BurstTicket, receivedMs: number, quietMs: number, waitMs: number): Promise<Settled>;
};

const running = new Set<ChildProcessWithoutNullStreams>();

/** Kills the children a failed test left running: a live child keeps jest from exiting (and CI waits on it). */
export function stopSqliteStores(): void {
	for (const child of running) child.kill('SIGKILL');
	running.clear();
}

export async function sqliteStore(node24: string, file: string): Promise<SqliteStoreUnderTest> {
	if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run npm run build first`);
	const child = spawn(node24, [CHILD, file], { stdio: ['pipe', 'pipe', 'pipe'] });
	running.add(child);
	child.once('exit', () => running.delete(child));
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
	let ready: (() => void) | undefined;
	const started = new Promise<void>((resolve, reject) => {
		ready = resolve;
		child.once('exit', (code) => reject(new Error(`SQLite store child exited (${code}): ${stderr}`)));
	});
	readline.createInterface({ input: child.stdout }).on('line', (line) => {
		const message = JSON.parse(line);
		if (message.ready) return ready?.();
		const waiter = pending.get(message.id);
		pending.delete(message.id);
		if (message.error) waiter?.reject(new Error(message.error));
		else waiter?.resolve(message.result);
	});
	await started;
	let next = 0;
	const call = <T>(op: string, ...args: unknown[]): Promise<T> =>
		new Promise((resolve, reject) => {
			const id = next++;
			pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
			child.stdin.write(`${JSON.stringify({ id, op, args })}\n`);
		});
	return {
		child,
		load: (ticket, policy) => call('load', ticket, policy),
		append: (ticket, input, policy) => call('append', ticket, input, policy),
		takeOver: (ticket, by) => call('takeOver', ticket, by),
		release: (ticket, by) => call('release', ticket, by),
		purge: (ticket) => call('purge', ticket),
		expire: (nowMs, retentionDays) => call('expire', nowMs, retentionDays),
		count: () => call('count'),
		listSince: (sinceMs, pageSize) => call('listSince', sinceMs, pageSize),
		csat: (ticket, score) => call('csat', ticket, score),
		burst: (part, receivedMs, quietMs, waitMs) => call('burst', part, receivedMs, quietMs, waitMs),
		close: async () => {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			await call('close');
			await exited;
		},
	};
}
