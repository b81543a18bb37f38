/**
 * A real n8n (2.41.1 on Node 24, from scripts/install-n8n.sh) with our built package loaded,
 * on 127.0.0.1, free ports, a throw-away user folder and nothing phoning home.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync, type WriteStream } from 'fs';
import { freePort } from '../../helpers/free-port';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { N8N_BIN, NODE24_BIN, assertN8nInstalled, stagePackage, type StagedPackage } from './n8n-install';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 20_000;

export const OWNER = {
	email: 'owner@support247.test',
	firstName: 'Support',
	lastName: 'Owner',
	password: 'Support247-e2e-Pass',
};

export { freePort };

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Everything n8n would otherwise reach out for (telemetry, templates, banners, licences, registries) is off. */
export const OFFLINE_N8N_ENV: NodeJS.ProcessEnv = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_SECURE_COOKIE: 'false',
	SCARF_ANALYTICS: 'false',
	N8N_DISABLED_MODULES: 'mcp-registry',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
};

/** What every n8n process of the tests runs with: Node 24 first, loopback only, offline. */
export function n8nEnv(userFolder: string, port: number, brokerPort: number): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {
		// Node 24 first: n8n starts its JS task runner as plain `node`.
		PATH: `${dirname(NODE24_BIN)}:${process.env.PATH ?? ''}`,
		HOME: userFolder,
		TZ: process.env.TZ ?? 'UTC',
		LANG: 'C.UTF-8',
		N8N_USER_FOLDER: userFolder,
		N8N_HOST: HOST,
		N8N_LISTEN_ADDRESS: HOST,
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		N8N_WEBHOOK_URL: `http://${HOST}:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: HOST,
		...OFFLINE_N8N_ENV,
		N8N_LOG_LEVEL: process.env.N8N_E2E_LOG_LEVEL ?? 'info',
	};
	return env;
}

export interface StartOptions {
	/** Reuse a user folder (e.g. after stop()); default: a fresh temp folder. */
	userFolder?: string;
	/** Leave unbuilt files out of the staged package.json (see stagePackage). Default true. */
	onlyBuiltFiles?: boolean;
	/** Extra environment for n8n (e.g. execution-saving settings), on top of the test defaults. */
	env?: NodeJS.ProcessEnv;
}

export interface NodeTypeSummary {
	name: string;
	displayName: string;
	version: number | number[];
	icon?: string | Record<string, string>;
	iconUrl?: string | Record<string, string>;
	group?: string[];
}

export interface ExecutionSummary {
	id: string;
	status: 'new' | 'running' | 'waiting' | 'success' | 'error' | 'canceled' | 'crashed' | 'unknown';
	mode: string;
	waitTill?: string | null;
	startedAt?: string | null;
	stoppedAt?: string | null;
}

export class N8nServer {
	readonly baseUrl: string;
	private child?: ChildProcess;
	private exited?: Promise<void>;
	private logStream?: WriteStream;
	private logTail = '';
	private authCookie = '';
	private ownUserFolder: boolean;

	private constructor(
		readonly userFolder: string,
		readonly port: number,
		readonly brokerPort: number,
		readonly staged: StagedPackage,
		ownUserFolder: boolean,
		private readonly extraEnv: NodeJS.ProcessEnv,
	) {
		this.baseUrl = `http://${HOST}:${port}`;
		this.ownUserFolder = ownUserFolder;
	}

	/** Starts n8n, waits until ready, creates the owner (first start) and logs in. */
	static async start(options: StartOptions = {}): Promise<N8nServer> {
		assertN8nInstalled();
		const userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'support247-n8n-'));
		const staged = stagePackage(userFolder, { onlyBuiltFiles: options.onlyBuiltFiles ?? true });
		const [port, brokerPort] = [await freePort(), await freePort()];
		const server = new N8nServer(userFolder, port, brokerPort, staged, !options.userFolder, options.env ?? {});
		try {
			await server.launch();
			await server.setupOwnerOnce();
			await server.login();
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	get cookie(): string {
		return this.authCookie;
	}

	/** The last lines n8n printed: for error messages. */
	get logs(): string {
		return this.logTail;
	}

	get logFile(): string {
		return join(this.userFolder, 'n8n.log');
	}

	private async launch(): Promise<void> {
		this.logStream ??= createWriteStream(this.logFile, { flags: 'a' });
		// detached: n8n and its task runner get their own process group, so stop() can end them all.
		const child = spawn(NODE24_BIN, [N8N_BIN, 'start'], {
			cwd: this.userFolder,
			env: { ...n8nEnv(this.userFolder, this.port, this.brokerPort), ...this.extraEnv },
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.child = child;
		const record = (chunk: Buffer) => {
			this.logStream?.write(chunk);
			this.logTail = (this.logTail + chunk.toString()).slice(-8000);
		};
		child.stdout?.on('data', record);
		child.stderr?.on('data', record);
		this.exited = new Promise((done) => child.once('exit', () => done()));
		await this.waitReady();
	}

	private async waitReady(): Promise<void> {
		const deadline = Date.now() + READY_TIMEOUT_MS;
		let exited = false;
		void this.exited?.then(() => (exited = true));
		while (Date.now() < deadline) {
			if (exited) throw new Error(`n8n exited before it was ready. Last output:\n${this.logTail}`);
			try {
				const res = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (res.ok) return;
			} catch {
				// not listening yet
			}
			await sleep(500);
		}
		throw new Error(`n8n was not ready after ${READY_TIMEOUT_MS / 1000} s. Last output:\n${this.logTail}`);
	}

	/** Raw REST call with the owner's cookie. Path is relative to the server, e.g. "/rest/workflows". */
	async request(method: string, path: string, body?: unknown): Promise<Response> {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (this.authCookie) headers.cookie = `n8n-auth=${this.authCookie}`;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const send = () => fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		let res: Response;
		try {
			res = await send();
		} catch (error) {
			// n8n closes idle keep-alive sockets after 5 s; a read that raced that close is safe to repeat.
			if (method !== 'GET') throw error;
			res = await send();
		}
		const auth = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (auth) this.authCookie = auth.slice('n8n-auth='.length).split(';')[0];
		return res;
	}

	/** REST call that must succeed; returns the body's `data` (n8n wraps most answers in it). */
	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await this.request(method, path, body);
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
		const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	private async setupOwnerOnce(): Promise<void> {
		const settings = await this.rest<{ userManagement?: { showSetupOnFirstLoad?: boolean } }>('GET', '/rest/settings');
		if (settings.userManagement?.showSetupOnFirstLoad === false) return;
		await this.rest('POST', '/rest/owner/setup', OWNER);
	}

	async login(): Promise<void> {
		await this.rest('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		if (!this.authCookie) throw new Error('n8n login returned no n8n-auth cookie');
	}

	/** Every node type the editor gets (the same file the editor's node panel is built from). */
	async nodeTypes(): Promise<NodeTypeSummary[]> {
		const res = await this.request('GET', '/types/nodes.json');
		if (!res.ok) throw new Error(`GET /types/nodes.json -> ${res.status}`);
		return (await res.json()) as NodeTypeSummary[];
	}

	/** Creates a workflow through the REST API (as the editor's Save does); returns its id. */
	async createWorkflow(workflow: Record<string, unknown>): Promise<{ id: string; versionId: string }> {
		const { id: _ignored, active: _active, ...body } = workflow;
		const created = await this.rest<{ id: string; versionId: string }>('POST', '/rest/workflows', {
			settings: {},
			connections: {},
			...body,
		});
		return { id: created.id, versionId: created.versionId };
	}

	/** Imports workflow JSON with n8n's own CLI, against this server's user folder. Needs an "id" in the JSON. */
	importWorkflowWithCli(workflow: Record<string, unknown>): void {
		const file = join(this.userFolder, `import-${String(workflow.id ?? 'workflow')}.json`);
		writeFileSync(file, JSON.stringify(workflow));
		this.cli(['import:workflow', `--input=${file}`]);
	}

	/** Imports a workflow file as it is (no id needed: n8n gives one) with `n8n import:workflow --input=<file>`; returns n8n's output. */
	importWorkflowFileWithCli(file: string): string {
		return this.cli(['import:workflow', `--input=${file}`]);
	}

	/** Publishes (activates) through the CLI; takes effect after restart(). */
	publishWorkflowWithCli(id: string): void {
		this.cli(['publish:workflow', `--id=${id}`]);
	}

	/** Activates (publishes) the workflow's current version through the REST API; takes effect at once. */
	async activateWorkflow(id: string): Promise<{ active: boolean; activeVersionId?: string | null }> {
		const workflow = await this.rest<{ versionId: string }>('GET', `/rest/workflows/${id}`);
		return this.rest('POST', `/rest/workflows/${id}/activate`, { versionId: workflow.versionId });
	}

	/**
	 * POSTs JSON to a production webhook. Activation (and a restart) replies before the webhooks are live,
	 * so a 404 "not registered" is retried until timeoutMs; such a request never ran the workflow.
	 */
	async postWebhook(path: string, body: unknown, timeoutMs = 30_000): Promise<{ status: number; text: string }> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const res = await fetch(`${this.baseUrl}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const text = await res.text();
			const notYet = res.status === 404 && text.includes('is not registered');
			if (!notYet || Date.now() > deadline) return { status: res.status, text };
			await sleep(250);
		}
	}

	/** Saves a credential as the editor's credential modal does; returns the reference a node's `credentials` takes. */
	async createCredential(type: string, name: string, data: Record<string, unknown>): Promise<{ id: string; name: string }> {
		const created = await this.rest<{ id: string; name: string }>('POST', '/rest/credentials', { name, type, data });
		return { id: created.id, name: created.name };
	}

	/** The workflow's executions, newest first, as the editor's Executions tab lists them. */
	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.rest<{ results: ExecutionSummary[] }>('GET', `/rest/executions?filter=${filter}&limit=50`);
		return page.results;
	}

	/** Polls the workflow's executions until `pick` finds one (or throws after timeoutMs, with n8n's last output). */
	async waitForExecution(workflowId: string, pick: (executions: ExecutionSummary[]) => ExecutionSummary | undefined, what: string, timeoutMs: number): Promise<ExecutionSummary> {
		const deadline = Date.now() + timeoutMs;
		let last: ExecutionSummary[] = [];
		while (Date.now() < deadline) {
			last = await this.executions(workflowId);
			const found = pick(last);
			if (found) return found;
			await sleep(1000);
		}
		throw new Error(`no execution ${what} after ${timeoutMs / 1000} s; executions: ${JSON.stringify(last)}\n${this.logTail.slice(-3000)}`);
	}

	async getWorkflow<T = Record<string, unknown>>(id: string): Promise<T> {
		return this.rest<T>('GET', `/rest/workflows/${id}`);
	}

	/** Runs an n8n CLI command against this server's user folder; returns stdout and stderr together. */
	cli(args: string[]): string {
		const result = spawnSync(NODE24_BIN, [N8N_BIN, ...args], {
			cwd: this.userFolder,
			env: { ...n8nEnv(this.userFolder, this.port, this.brokerPort), ...this.extraEnv },
			encoding: 'utf8',
			timeout: 120_000,
		});
		if (result.status !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
		}
		return `${result.stdout}\n${result.stderr}`;
	}

	async restart(): Promise<void> {
		await this.stopProcess();
		await this.launch();
		await this.login();
	}

	private async stopProcess(): Promise<void> {
		const child = this.child;
		if (!child?.pid) return;
		this.child = undefined;
		const group = -child.pid;
		const signal = (sig: NodeJS.Signals) => {
			try {
				process.kill(group, sig);
			} catch {
				// group already gone
			}
		};
		signal('SIGTERM');
		const deadline = Date.now() + STOP_GRACE_MS;
		while (groupAlive(group)) {
			if (Date.now() > deadline) signal('SIGKILL');
			await sleep(200);
		}
		await this.exited;
	}

	/** Stops n8n and everything it started; removes the temp user folder unless it was given. */
	async stop({ keepUserFolder = false } = {}): Promise<void> {
		await this.stopProcess();
		await new Promise<void>((done) => (this.logStream ? this.logStream.end(done) : done()));
		this.logStream = undefined;
		if (this.ownUserFolder && !keepUserFolder && !process.env.N8N_E2E_KEEP) {
			rmSync(this.userFolder, { recursive: true, force: true });
		}
	}
}

function groupAlive(group: number): boolean {
	try {
		process.kill(group, 0);
		return true;
	} catch {
		return false;
	}
}
