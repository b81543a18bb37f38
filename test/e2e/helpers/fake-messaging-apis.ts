/**
 * The Graph API (WhatsApp Cloud, Messenger, Instagram) and the Telegram Bot API, faked on loopback, so a
 * real n8n can activate and run n8n's own WhatsApp and Telegram nodes without reaching Meta or Telegram.
 *
 * n8n's WhatsApp nodes call https://graph.facebook.com with no way to set another host, so the fake is also
 * an HTTPS proxy: n8n honours HTTPS_PROXY, the proxy answers CONNECT itself and speaks TLS with a throw-away
 * certificate for the faked hosts, which n8n trusts through NODE_EXTRA_CA_CERTS. Telegram's credential has a
 * Base URL field, so the Telegram nodes reach the same server over plain HTTP.
 * Node's http and tls are used directly: the point is to record the raw requests, which a mocking library
 * inside the test process could not see (n8n is another process).
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { createServer as createHttpsServer } from 'https';
import type { Socket } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

export const FAKED_HOSTS = ['graph.facebook.com', 'api.telegram.org'];

export interface RecordedRequest {
	method: string;
	host: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingMessage['headers'];
	/** Parsed JSON or form body; the raw text when neither. */
	body: unknown;
}

interface Subscription {
	object: string;
	callback_url: string;
	fields: Array<{ name: string; version: string }>;
	active: boolean;
}

function certificate(dir: string): { key: string; cert: string; certFile: string } {
	const keyFile = join(dir, 'key.pem');
	const certFile = join(dir, 'cert.pem');
	const san = FAKED_HOSTS.map((h) => `DNS:${h}`).join(',');
	const result = spawnSync(
		'openssl',
		['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=support247 e2e fake', '-addext', `subjectAltName=${san}`, '-addext', 'basicConstraints=critical,CA:TRUE'],
		{ encoding: 'utf8' },
	);
	if (result.status !== 0) throw new Error(`openssl could not make the fake API certificate: ${result.stderr}`);
	return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

function parseBody(text: string, contentType: string | undefined): unknown {
	if (!text) return undefined;
	if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

export class FakeMessagingApis {
	readonly requests: RecordedRequest[] = [];
	private readonly subscriptions: Subscription[] = [];
	private telegramWebhook = '';
	private counter = 0;
	private sockets = new Set<Socket>();

	private constructor(
		private readonly dir: string,
		private readonly server: Server,
		readonly port: number,
		readonly caFile: string,
	) {}

	static async start(): Promise<FakeMessagingApis> {
		const dir = mkdtempSync(join(tmpdir(), 'support247-fake-apis-'));
		const { key, cert, certFile } = certificate(dir);
		let fake: FakeMessagingApis | undefined;
		const handle = (req: IncomingMessage, res: ServerResponse, tlsHost?: string) => void fake?.handle(req, res, tlsHost);
		const tls = createHttpsServer({ key, cert }, (req, res) => handle(req, res, String(req.headers.host ?? '').split(':')[0]));
		const server = createHttpServer((req, res) => handle(req, res));
		// HTTPS through the proxy: answer CONNECT here and hand the tunnel to the TLS server.
		server.on('connect', (_req: IncomingMessage, socket: Socket) => {
			socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			tls.emit('connection', socket);
		});
		server.on('connection', (socket: Socket) => {
			fake?.sockets.add(socket);
			socket.once('close', () => fake?.sockets.delete(socket));
		});
		const port = await new Promise<number>((done) =>
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				done(typeof address === 'object' && address ? address.port : 0);
			}),
		);
		fake = new FakeMessagingApis(dir, server, port, certFile);
		return fake;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Environment for n8n: Graph calls through this proxy, trusting its certificate; loopback stays direct. */
	get n8nEnv(): NodeJS.ProcessEnv {
		return { HTTPS_PROXY: this.url, https_proxy: this.url, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost', NODE_EXTRA_CA_CERTS: this.caFile };
	}

	/** The Telegram webhook n8n registered (url and secret_token), once its trigger is active. */
	get telegramRegistration(): { url: string; secret_token: string } | undefined {
		const set = [...this.requests].reverse().find((r) => r.path.endsWith('/setWebhook'));
		return set ? (set.body as { url: string; secret_token: string }) : undefined;
	}

	get whatsAppSubscriptions(): Subscription[] {
		return this.subscriptions;
	}

	/** Requests that sent a message to a customer (not webhook set-up). */
	sent(): RecordedRequest[] {
		return this.requests.filter((r) => r.method === 'POST' && (/\/messages$/.test(r.path) || r.path.endsWith('/sendMessage')));
	}

	/**
	 * Polls `find` every half second until it gives a value; past `timeoutMs` it fails with every request the
	 * fake got and the end of n8n's log (`logs`), which is what one needs to see why a send never came.
	 */
	async until<T>(what: string, find: () => T | undefined, logs: () => string, timeoutMs: number): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = find();
			if (found !== undefined) return found;
			if (Date.now() > deadline) throw new Error(`${what} after ${timeoutMs / 1000} s; the fake got ${JSON.stringify(this.requests.map((r) => `${r.method} ${r.host}${r.path}`))}\n${logs().slice(-3000)}`);
			await new Promise((done) => setTimeout(done, 500));
		}
	}

	private async handle(req: IncomingMessage, res: ServerResponse, tlsHost?: string): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		// A proxy may also get absolute URLs (a plain-HTTP proxy request): read the host from them.
		const url = new URL(req.url ?? '/', req.url?.startsWith('http') ? undefined : `https://${tlsHost ?? req.headers.host ?? '127.0.0.1'}`);
		const recorded: RecordedRequest = {
			method: req.method ?? 'GET',
			host: tlsHost ?? url.hostname,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			body: parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']),
		};
		this.requests.push(recorded);
		const [status, answer] = this.answer(recorded);
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(answer));
	}

	private answer(r: RecordedRequest): [number, unknown] {
		const id = ++this.counter;
		const body = (r.body ?? {}) as Record<string, unknown>;
		const telegram = /^\/bot[^/]+\/(\w+)$/.exec(r.path)?.[1];
		if (telegram === 'setWebhook') {
			this.telegramWebhook = String(body.url ?? '');
			return [200, { ok: true, result: true, description: 'Webhook was set' }];
		}
		if (telegram === 'getWebhookInfo') return [200, { ok: true, result: { url: this.telegramWebhook, pending_update_count: 0 } }];
		if (telegram === 'deleteWebhook') return [200, { ok: true, result: true }];
		if (telegram === 'sendMessage') {
			return [200, { ok: true, result: { message_id: 5000 + id, date: Math.floor(Date.now() / 1000), chat: { id: Number(body.chat_id) }, text: body.text } }];
		}
		if (r.path.endsWith('/oauth/access_token')) return [200, { access_token: 'fake-app-token', token_type: 'bearer' }];
		const subscriptions = /^\/v[\d.]+\/(\d+)\/subscriptions$/.exec(r.path);
		if (subscriptions) {
			if (r.method === 'GET') return [200, { data: this.subscriptions }];
			if (r.method === 'DELETE') {
				this.subscriptions.splice(0, this.subscriptions.length, ...this.subscriptions.filter((s) => s.object !== body.object));
				return [200, { success: true }];
			}
			const fields = JSON.parse(String(body.fields ?? '[]')) as string[];
			this.subscriptions.push({ object: String(body.object), callback_url: String(body.callback_url), fields: fields.map((name) => ({ name, version: 'v19.0' })), active: true });
			return [200, { success: true }];
		}
		if (/^\/v[\d.]+\/me\/messages$/.test(r.path)) {
			const recipient = (body.recipient ?? {}) as { id?: string };
			return [200, { recipient_id: recipient.id, message_id: `m_fake_${id}` }];
		}
		if (/^\/v[\d.]+\/\d+\/messages$/.test(r.path)) {
			return [200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.fake${id}` }] }];
		}
		return [404, { error: { message: `the fake API has no ${r.method} ${r.host}${r.path}`, type: 'GraphMethodException', code: 100 } }];
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((done) => this.server.close(() => done()));
		rmSync(this.dir, { recursive: true, force: true });
	}
}
