/**
 * Secrets never leak. Distinctive secrets are planted (an OpenAI API key, a WhatsApp auth key in a
 * Baileys creds file, an IMAP password), things are made to fail in ways that tempt a leak (a
 * provider that echoes the key back, a wrong IMAP password, unreadable creds), and every output is
 * searched: item JSON, node errors, the CLI's stdout/stderr and its --json/--html/--errors files,
 * console output and n8n's logger.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { LoggerProxy, type ICredentialsDecrypted, type ICredentialTestFunctions } from 'n8n-workflow';
import { stringify } from 'csv-stringify/sync';
import { main as cli } from '../../simulator/cli';
import { createEngine } from '../../simulator/engine';
import { SupportInboxTrigger } from '../../nodes/SupportInboxTrigger/SupportInboxTrigger.node';
import { whatsAppSessionApiTest } from '../../nodes/common/whatsAppCredentialTest';
import { startDovecot, type DovecotServer } from '../helpers/dovecot';
import { describeWith } from '../helpers/prerequisites';
import { createTriggerHarness } from '../helpers/trigger-harness';

const ROOT = path.resolve(__dirname, '../..');
const BASE = 'http://openai.test/v1';
const OPENAI_KEY = 'sk-test-PLANTED-openai-7f3a9c1e5b2d';
const WHATSAPP_KEY = 'PLANTED-whatsapp-noise-key-4e8b1a';
const IMAP_PASSWORD = 'PLANTED-imap-password-9d2c6f';
/** Fragments too: a provider may echo a key partly ("sk-test-PLA***5b2d"). */
const FRAGMENTS = ['PLANTED', '7f3a9c1e5b2d', '4e8b1a', '9d2c6f'];

const tmp = mkdtempSync(path.join(os.tmpdir(), 'reliability-secrets-'));
const out = (name: string) => path.join(tmp, name);

/** Everything printed while a block runs: process streams, console and n8n's logger. */
function captureOutput() {
	const chunks: string[] = [];
	const record = (...args: unknown[]) => {
		chunks.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message}\n${a.stack}` : JSON.stringify(a))).join(' '));
	};
	const spies = [
		jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (record(String(chunk)), true)),
		jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (record(String(chunk)), true)),
		...(['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => jest.spyOn(console, level).mockImplementation(record)),
	];
	LoggerProxy.init({ error: record, warn: record, info: record, debug: record, verbose: record } as never);
	return {
		text: () => chunks.join('\n'),
		restore: () => spies.forEach((spy) => spy.mockRestore()),
	};
}

function expectNoSecret(where: string, text: string): void {
	for (const secret of [OPENAI_KEY, WHATSAPP_KEY, IMAP_PASSWORD, ...FRAGMENTS]) {
		expect({ where, leaked: text.includes(secret) ? secret : undefined }).toEqual({ where, leaked: undefined });
	}
}

const server = setupServer();

describe('the OpenAI API key', () => {
	beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
	afterEach(() => server.resetHandlers());
	afterAll(() => server.close());

	/** A provider that echoes the key in every failure it can produce. */
	function echoingProvider() {
		let calls = 0;
		server.use(
			http.post(`${BASE}/chat/completions`, ({ request }) => {
				calls++;
				const auth = request.headers.get('authorization') ?? '';
				expect(auth).toBe(`Bearer ${OPENAI_KEY}`);
				const echo = `Incorrect API key provided: ${OPENAI_KEY} (${auth}); partial sk-test-PLA***5b2d`;
				switch (calls % 4) {
					case 0:
						return HttpResponse.json({ error: { message: echo } }, { status: 401 });
					case 1:
						return HttpResponse.json({ error: { message: echo } }, { status: 500 });
					case 2:
						return new HttpResponse(`<html>${echo}</html>`, { status: 502 });
					default:
						return HttpResponse.json({ id: 'c', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: `not json ${echo}` } }] });
				}
			}),
		);
	}

	it('never reaches item JSON or node errors, with Continue On Fail and without', async () => {
		echoingProvider();
		const capture = captureOutput();
		try {
			const engine = await createEngine({ credentials: { openAiCompatibleApi: { apiKey: OPENAI_KEY, baseUrl: BASE, chatModel: 'gpt-test' } } });
			const workflow = (onError?: string, parameters: Record<string, unknown> = {}) => ({
				nodes: [
					{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: '2',
						name: 'Support Triage',
						type: 'n8n-nodes-support247.supportTriage',
						typeVersion: 1,
						position: [200, 0],
						parameters: { provider: 'openAiCompatible', options: { maxRetries: 0 }, ...parameters },
						...(onError ? { onError } : {}),
					},
				],
				connections: { Start: { main: [[{ node: 'Support Triage', type: 'main', index: 0 }]] } },
			});
			const items = Array.from({ length: 8 }, (_, i) => ({ ticketId: `s${i}`, channel: 'webchat', customer: {}, message: { text: 'hola, mi pedido', receivedAt: '2026-03-03T11:00:00-06:00' } }));
			for (const onFailure of ['fallback', 'escalate']) {
				const res = await engine.run(workflow(undefined, { onProviderFailure: onFailure }), { items });
				expect(res.error).toBeUndefined();
				const output = res.outputs['Support Triage'][0];
				expect(output.every((item) => (item.json.triage as { fallback?: unknown }).fallback)).toBe(true);
				expectNoSecret(`items (${onFailure})`, JSON.stringify(output));
			}
			// A node error (a ticket without text) with and without Continue On Fail.
			const broken = [{ ticketId: 'b1', message: {} }, ...items.slice(0, 2)];
			const failed = await engine.run(workflow(), { items: broken });
			expect(failed.error?.message).toContain('message.text');
			expectNoSecret('node error', JSON.stringify(failed.error) + JSON.stringify(failed.runData));
			const continued = await engine.run(workflow('continueRegularOutput'), { items: broken });
			expect(continued.outputs['Support Triage'][0][0].json.error).toEqual(expect.stringContaining('message.text'));
			expectNoSecret('continueOnFail items', JSON.stringify(continued.runData));
		} finally {
			capture.restore();
		}
		expectNoSecret('console and n8n logger', capture.text());
	});

	it("never reaches the simulator's output, --json, --html or --errors when the credential fails", async () => {
		echoingProvider();
		const credentials = out('credentials.json');
		writeFileSync(credentials, JSON.stringify({ openAiCompatibleApi: { apiKey: OPENAI_KEY, baseUrl: BASE, chatModel: 'gpt-test' } }));
		const tickets = out('tickets.csv');
		const rows = [['id', 'created_at', 'channel', 'text', 'needs_human', 'expected_intent']];
		for (let i = 0; i < 12; i++) rows.push([`k${i}`, `2026-03-0${2 + (i % 5)}T1${i % 10}:00:00-06:00`, ['whatsapp', 'email', 'webchat'][i % 3], `¿dónde está mi pedido #A${100 + i}?`, i % 2 ? 'true' : 'false', 'track_order']);
		rows.push(['bad', 'not-a-date', 'email', 'hola', '', '']);
		writeFileSync(tickets, stringify(rows));
		const capture = captureOutput();
		let code: number;
		try {
			code = await cli([
				'node',
				'support-sim',
				'replay',
				'--workflow',
				path.join(ROOT, 'workflows', 'support-247-tiered.json'),
				'--tickets',
				tickets,
				'--credentials',
				credentials,
				'--param',
				'Support Triage.provider=openAiCompatible',
				'--param',
				'Support Triage.options={"maxRetries":0}',
				'--json',
				out('report.json'),
				'--html',
				out('report.html'),
				'--errors',
				out('errors.jsonl'),
			]);
		} finally {
			capture.restore();
		}
		expect(code).toBe(0);
		const report = JSON.parse(readFileSync(out('report.json'), 'utf8'));
		// The credential was used (this also guards --credentials with one worker) and every ticket fell back.
		expect(report.tickets).toMatchObject({ read: 13, replayed: 12, rejected: 1, unrouted: 0 });
		expect(report.fallbacks.count).toBe(12);
		expect(Object.keys(report.fallbacks.reasons).join('\n')).toMatch(/http_error|server_error|invalid_json/);
		expectNoSecret('stdout, stderr, console, logger', capture.text());
		for (const name of ['report.json', 'report.html', 'errors.jsonl']) expectNoSecret(name, readFileSync(out(name), 'utf8'));
	});
});

describe('the WhatsApp auth key', () => {
	const credentialTest = (data: Record<string, unknown>) => whatsAppSessionApiTest.call({} as ICredentialTestFunctions, { id: '1', name: 'wa', type: 'whatsAppSessionApi', data } as ICredentialsDecrypted);

	it('never appears in the credential test, paired or with an unreadable creds file', async () => {
		const paired = out('wa-paired');
		mkdirSync(paired, { recursive: true });
		writeFileSync(
			path.join(paired, 'creds.json'),
			JSON.stringify({ noiseKey: { private: WHATSAPP_KEY, public: 'pub' }, advSecretKey: WHATSAPP_KEY, me: { id: '5215512345678:1@s.whatsapp.net', name: 'Support' } }),
		);
		const broken = out('wa-broken');
		mkdirSync(broken, { recursive: true });
		writeFileSync(path.join(broken, 'creds.json'), `{"noiseKey": {"private": "${WHATSAPP_KEY}"`);
		const capture = captureOutput();
		let results: unknown[];
		try {
			results = [await credentialTest({ authFolder: paired }), await credentialTest({ authFolder: broken })];
		} finally {
			capture.restore();
		}
		expect(results[0]).toEqual({ status: 'OK', message: 'Paired as 5215512345678:1@s.whatsapp.net' });
		expect(results[1]).toMatchObject({ status: 'Error' });
		expectNoSecret('credential test results', JSON.stringify(results));
		expectNoSecret('console and n8n logger', capture.text());
	});
});

describeWith('dovecot-imapd', 'email integration', 'the IMAP password', () => {
	let dovecot: DovecotServer;
	beforeAll(async () => {
		dovecot = await startDovecot({ support: 'the-right-password' });
	});
	afterAll(async () => {
		await dovecot?.destroy();
	});

	it('never appears in the credential test, the trigger error or its logs after a failed login', async () => {
		const credentials = { host: dovecot.host, port: dovecot.port, secure: false, user: 'support', password: IMAP_PASSWORD, mailbox: 'INBOX' };
		const node = new SupportInboxTrigger();
		const capture = captureOutput();
		let testResult: unknown;
		let startError: unknown;
		const harness = createTriggerHarness(node, { credentials: { supportImapApi: credentials }, parameters: { mailbox: 'INBOX', watchMode: 'idle', options: { reconnectDelay: 0.1 } } });
		try {
			testResult = await node.methods.credentialTest.supportImapConnectionTest.call({} as ICredentialTestFunctions, { id: '1', name: 'imap', type: 'supportImapApi', data: credentials } as never);
			try {
				await harness.start();
			} catch (error) {
				startError = error;
			}
		} finally {
			await harness.close().catch(() => undefined);
			capture.restore();
		}
		expect(testResult).toMatchObject({ status: 'Error' });
		expectNoSecret('credential test', JSON.stringify(testResult));
		const errorText = startError instanceof Error ? `${startError.message}\n${startError.stack}\n${JSON.stringify(startError)}` : JSON.stringify(startError ?? null);
		expectNoSecret('trigger start error', errorText);
		expectNoSecret('trigger logs', JSON.stringify(harness.logs));
		expectNoSecret('console and n8n logger', capture.text());
		// Dovecot's own log would be where a server-side leak shows; our client must not have sent it anywhere else.
		expect(dovecot.log()).not.toContain(IMAP_PASSWORD);
	});
});
