/**
 * n8n in queue mode on one machine: PostgreSQL and Redis from Debian packages, an n8n main and
 * workers (2.41.1 on Node 24), each on free loopback ports with throw-away folders.
 * Every long-lived process runs in its own process group so that stop() and kill() end it with its children.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { assertInstalled } from '../../helpers/prerequisites';
import type { Postgres } from '../../helpers/postgres-server';
import { N8N_BIN, NODE24_BIN, assertN8nInstalled, stagePackage } from './n8n-install';
import { OWNER, freePort, n8nEnv } from './n8n-server';

const HOST = '127.0.0.1';
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// group already gone
	}
}

/** SIGTERM the group, SIGKILL it after graceMs. */
async function stopGroup(pid: number, graceMs: number): Promise<void> {
	signalGroup(pid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (groupAlive(pid)) {
		if (Date.now() > deadline) signalGroup(pid, 'SIGKILL');
		await sleep(100);
	}
}

/** A detached child whose output goes to a log file, with the last lines kept for error messages. */
class LoggedProcess {
	readonly child: ChildProcess;
	private tail = '';
	private log: WriteStream;
	readonly exited: Promise<number | null>;
	private hasExited = false;

	constructor(command: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; logFile: string }) {
		this.log = createWriteStream(options.logFile, { flags: 'a' });
		this.child = spawn(command, args, { env: options.env, cwd: options.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		const record = (chunk: Buffer) => {
			this.log.write(chunk);
			this.tail = (this.tail + chunk.toString()).slice(-6000);
		};
		this.child.stdout?.on('data', record);
		this.child.stderr?.on('data', record);
		this.exited = new Promise((done) =>
			this.child.once('exit', (code) => {
				this.hasExited = true;
				done(code);
			}),
		);
	}

	get logs(): string {
		return this.tail;
	}

	get running(): boolean {
		return !this.hasExited;
	}

	async stop(graceMs = 15_000): Promise<void> {
		if (this.child.pid) await stopGroup(this.child.pid, graceMs);
		await new Promise<void>((done) => this.log.end(done));
	}

	/** SIGKILL the whole group at once, as a crashed machine would. */
	kill(): void {
		if (this.child.pid) signalGroup(this.child.pid, 'SIGKILL');
	}
}

async function waitFor(what: string, check: () => Promise<boolean>, proc: LoggedProcess | undefined, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (proc && !proc.running) throw new Error(`${what} exited before it was ready:\n${proc.logs}`);
		try {
			if (await check()) return;
		} catch {
			// not up yet
		}
		await sleep(300);
	}
	throw new Error(`${what} was not ready after ${timeoutMs / 1000} s:\n${proc?.logs ?? ''}`);
}

// ---------------------------------------------------------------- PostgreSQL

// The throw-away cluster lives in test/helpers, shared with the conversation store's integration tests.
export { Postgres } from '../../helpers/postgres-server';

// ---------------------------------------------------------------- Redis

export class Redis {
	private constructor(
		readonly port: number,
		private readonly proc: LoggedProcess,
		private readonly dir: string,
	) {}

	static async start(): Promise<Redis> {
		assertInstalled('redis-server');
		const dir = mkdtempSync(join(tmpdir(), 'support247-redis-'));
		const port = await freePort();
		const proc = new LoggedProcess(
			'redis-server',
			['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir],
			{ env: process.env, cwd: dir, logFile: join(dir, 'redis.log') },
		);
		const redis = new Redis(port, proc, dir);
		// Seconds when idle; a loaded runner can take much longer to schedule a fresh process.
		await waitFor('redis-server', async () => redis.cli('PING').trim() === 'PONG', proc, 120_000);
		return redis;
	}

	cli(...args: string[]): string {
		return spawnSync('redis-cli', ['-h', HOST, '-p', String(this.port), ...args], { encoding: 'utf8', timeout: 10_000 }).stdout ?? '';
	}

	async stop(): Promise<void> {
		await this.proc.stop(5_000);
		if (!process.env.N8N_E2E_KEEP) rmSync(this.dir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------- n8n

export interface QueueSettings {
	postgres: Postgres;
	redis: Redis;
	encryptionKey: string;
	/** Bull lock and stall timings, short so that a killed worker's jobs are noticed within seconds. */
	lockDurationMs: number;
	lockRenewMs: number;
	stalledIntervalMs: number;
}

function queueEnv(settings: QueueSettings, userFolder: string, ports: { http: number; broker: number; health: number }): NodeJS.ProcessEnv {
	const { postgres, redis } = settings;
	return {
		...n8nEnv(userFolder, ports.http, ports.broker),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(ports.health),
		N8N_WORKER_SERVER_ADDRESS: HOST,
		N8N_ENCRYPTION_KEY: settings.encryptionKey,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: HOST,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_WORKER_LOCK_DURATION: String(settings.lockDurationMs),
		QUEUE_WORKER_LOCK_RENEW_TIME: String(settings.lockRenewMs),
		QUEUE_WORKER_STALLED_INTERVAL: String(settings.stalledIntervalMs),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: HOST,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// Every execution stays in the table: the test accounts for tickets from it.
		EXECUTIONS_DATA_PRUNE: 'false',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_LOG_LEVEL: process.env.N8N_E2E_LOG_LEVEL ?? 'warn',
	};
}

/** One n8n process (main or worker) with its own user folder holding our package. */
export class N8nQueueProcess {
	private proc?: LoggedProcess;
	private authCookie = '';

	private constructor(
		readonly role: 'main' | 'worker',
		readonly userFolder: string,
		readonly httpPort: number,
		readonly healthPort: number,
		private readonly env: NodeJS.ProcessEnv,
	) {}

	get baseUrl(): string {
		return `http://${HOST}:${this.httpPort}`;
	}

	get logs(): string {
		return this.proc?.logs ?? '';
	}

	get running(): boolean {
		return this.proc?.running ?? false;
	}

	static async start(role: 'main' | 'worker', settings: QueueSettings, { concurrency = 10 } = {}): Promise<N8nQueueProcess> {
		assertN8nInstalled();
		const userFolder = mkdtempSync(join(tmpdir(), `support247-n8n-${role}-`));
		stagePackage(userFolder);
		const ports = { http: await freePort(), broker: await freePort(), health: await freePort() };
		const n8n = new N8nQueueProcess(role, userFolder, ports.http, ports.health, queueEnv(settings, userFolder, ports));
		const args = role === 'main' ? [N8N_BIN, 'start'] : [N8N_BIN, 'worker', `--concurrency=${concurrency}`];
		n8n.proc = new LoggedProcess(NODE24_BIN, args, { env: n8n.env, cwd: userFolder, logFile: join(userFolder, 'n8n.log') });
		const readiness = role === 'main' ? `${n8n.baseUrl}/healthz/readiness` : `http://${HOST}:${ports.health}/healthz/readiness`;
		try {
			await waitFor(`n8n ${role}`, async () => (await fetch(readiness)).ok, n8n.proc, 180_000);
		} catch (error) {
			await n8n.stop();
			throw error;
		}
		return n8n;
	}

	/** REST call on the main instance with the owner's cookie; returns the body's `data`. */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (this.authCookie) headers.cookie = `n8n-auth=${this.authCookie}`;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const auth = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (auth) this.authCookie = auth.slice('n8n-auth='.length).split(';')[0];
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
		const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	/** Owner setup and login, once per process. */
	async signIn(): Promise<void> {
		if (this.authCookie) return;
		await this.rest('POST', '/rest/owner/setup', OWNER);
		await this.rest('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	}

	/** Saves a credential as the editor's credential modal does; returns the reference a node's `credentials` takes. */
	async createCredential(type: string, name: string, data: Record<string, unknown>): Promise<{ id: string; name: string }> {
		await this.signIn();
		const created = await this.rest<{ id: string; name: string }>('POST', '/rest/credentials', { name, type, data });
		return { id: created.id, name: created.name };
	}

	/** Owner setup and login, then create and activate the workflow through the REST API; returns its id. */
	async createActiveWorkflow(workflow: Record<string, unknown>): Promise<string> {
		await this.signIn();
		const { id: _id, active: _active, ...body } = workflow;
		const created = await this.rest<{ id: string; versionId: string }>('POST', '/rest/workflows', { settings: {}, connections: {}, ...body });
		await this.rest('POST', `/rest/workflows/${created.id}/activate`, { versionId: created.versionId });
		return created.id;
	}

	kill(): void {
		this.proc?.kill();
	}

	async stop(): Promise<void> {
		await this.proc?.stop();
		if (!process.env.N8N_E2E_KEEP) rmSync(this.userFolder, { recursive: true, force: true });
	}
}
