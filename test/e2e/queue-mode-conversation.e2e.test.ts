/**
 * The Conversation Store on PostgreSQL in n8n queue mode: an n8n main receives the webhooks and two
 * `n8n worker`s run them, each with its own pool on the store's database. One customer's burst of
 * WhatsApp messages, posted several at a time, is spread over both workers (their logs say which ran
 * what); the store must then hold every customer turn exactly once, a redelivered burst must add
 * nothing, and after a person takes the conversation over, a second burst must get no AI reply at all.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { N8nQueueProcess, Postgres, Redis, type QueueSettings } from './helpers/queue-cluster';
import { burst, type BurstResult } from './helpers/ticket-burst';

// Workers log each execution they start at info level: how the test sees that both took part.
process.env.N8N_E2E_LOG_LEVEL ??= 'info';

const P = 'n8n-nodes-support247';
const CHAT_PATH = 'support-queue-conversation';
const TAKEOVER_PATH = 'support-queue-takeover';
const STORE_DATABASE = 'support247';
const PHONE = '+5215512345678';
const BURST = Number(process.env.QUEUE_CONVERSATION_BURST ?? 40);
const CONCURRENCY = 8;
const MESSAGES = ['¿A qué hora abren el sábado?', '¿Dónde está mi pedido?', 'What are your opening hours?', 'How do I reset my password?', '¿Hacen envíos a Monterrey?'];

type Json = Record<string, any>;
type Credential = { id: string; name: string };

function node(name: string, type: string, parameters: Json, x: number, extra: Json = {}) {
	return { id: name, name, type, typeVersion: 1, position: [x, 0], parameters, ...extra };
}
const to = (...targets: string[]) => targets.map((t) => [{ node: t, type: 'main', index: 0 }]);

/**
 * Options every store node shares: room for the whole test's turns, and a timeout far above any wait of
 * this test (a worker's event loop is also busy with other executions' triage on a loaded runner): a
 * store that times out lets the ticket go on without it by design, which is tested in
 * test/integration/conversation-postgres.test.ts, not here.
 */
const STORE_OPTIONS = { maxTurns: 1000, takeoverIdleMinutes: 600, timeoutMs: 60_000 };

/** Webhook → ticket → Load → greeter, triage, knowledge, router → Append → answer, with the store on PostgreSQL. */
function chatWorkflow(credential: Credential) {
	const store = (operation: string, x: number) => node(operation === 'load' ? 'Load' : 'Append', `${P}.conversationStore`, { operation, backend: 'postgres', options: STORE_OPTIONS }, x, { credentials: { postgres: credential } });
	return {
		name: 'queue-mode conversation',
		nodes: [
			node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: CHAT_PATH, responseMode: 'responseNode', options: {} }, 0, { typeVersion: 2, webhookId: '5a0e2e00-0000-4000-8000-0000000000c1' }),
			node('Ticket From Body', 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: '={{ JSON.stringify($json.body) }}', options: {} }, 200, { typeVersion: 3.4 }),
			store('load', 400),
			node('Off-Hours Greeter', `${P}.offHoursGreeter`, {}, 600),
			node('Support Triage', `${P}.supportTriage`, {}, 800),
			node('Knowledge Lookup', `${P}.knowledgeLookup`, {}, 1000),
			node('Escalation Router', `${P}.escalationRouter`, {}, 1200),
			store('append', 1400),
			node('Respond to Webhook', 'n8n-nodes-base.respondToWebhook', { respondWith: 'firstIncomingItem', options: {} }, 1600, { typeVersion: 1.1 }),
		],
		connections: {
			Webhook: { main: to('Ticket From Body') },
			'Ticket From Body': { main: to('Load') },
			Load: { main: to('Off-Hours Greeter') },
			'Off-Hours Greeter': { main: to('Support Triage', 'Support Triage') },
			'Support Triage': { main: to('Knowledge Lookup') },
			'Knowledge Lookup': { main: to('Escalation Router', 'Escalation Router') },
			'Escalation Router': { main: to('Append', 'Append', 'Append', 'Append') },
			Append: { main: to('Respond to Webhook') },
		},
	};
}

/** A person's action from their tool: Webhook → ticket → Take Over → answer. */
function takeoverWorkflow(credential: Credential) {
	return {
		name: 'queue-mode take over',
		nodes: [
			node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: TAKEOVER_PATH, responseMode: 'responseNode', options: {} }, 0, { typeVersion: 2, webhookId: '5a0e2e00-0000-4000-8000-0000000000c2' }),
			node('Ticket From Body', 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: '={{ JSON.stringify($json.body) }}', options: {} }, 200, { typeVersion: 3.4 }),
			node('Take Over', `${P}.conversationStore`, { operation: 'takeOver', person: 'agent-ana', backend: 'postgres', options: STORE_OPTIONS }, 400, { credentials: { postgres: credential } }),
			node('Respond to Webhook', 'n8n-nodes-base.respondToWebhook', { respondWith: 'firstIncomingItem', options: {} }, 600, { typeVersion: 1.1 }),
		],
		connections: { Webhook: { main: to('Ticket From Body') }, 'Ticket From Body': { main: to('Take Over') }, 'Take Over': { main: to('Respond to Webhook') } },
	};
}

/** One customer's messages, a second apart from `start` (a pinned time), ids `qc-<phase><n>`. */
function messages(phase: string, count: number, start: string) {
	return Array.from({ length: count }, (_, i) => {
		const id = `qc-${phase}${String(i).padStart(4, '0')}`;
		return {
			ticketId: id,
			channel: 'whatsapp',
			customer: { name: 'Lucía Pérez', phone: PHONE, language: 'es' },
			message: { id, text: MESSAGES[i % MESSAGES.length], receivedAt: new Date(Date.parse(start) + i * 1000).toISOString() },
		};
	});
}

let postgres: Postgres | undefined;
let redis: Redis | undefined;
let main: N8nQueueProcess | undefined;
const workers: N8nQueueProcess[] = [];
const url = (path: string) => `${main!.baseUrl}/webhook/${path}`;

/** Every conversation in the store's database, as stored. */
function storedConversations(): Json[] {
	return postgres!.psql('SELECT doc FROM s247_conversation ORDER BY id', STORE_DATABASE).map((doc) => JSON.parse(doc) as Json);
}

/** How many executions each worker started, from its own log. */
function executionsByWorker(): number[] {
	return workers.map((w) => readFileSync(join(w.userFolder, 'n8n.log'), 'utf8').split('Worker started execution').length - 1);
}

/** The executions each worker started since `before`, once they add up to `expected` (log lines reach the file a moment after the answer). */
async function executionsSince(before: number[], expected: number): Promise<number[]> {
	let ran = executionsByWorker().map((n, i) => n - before[i]);
	for (let waited = 0; ran.reduce((a, b) => a + b, 0) < expected && waited < 30_000; waited += 250) {
		await new Promise((done) => setTimeout(done, 250));
		ran = executionsByWorker().map((n, i) => n - before[i]);
	}
	return ran;
}

/** Posts once the webhook is registered (a 404 right after activation); returns the 200 answer's body. */
async function post(path: string, body: unknown): Promise<Json> {
	for (let attempt = 0; ; attempt++) {
		const res = await fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		const text = await res.text();
		if (res.status === 200) return JSON.parse(text) as Json;
		if (res.status !== 404 || attempt > 60) throw new Error(`POST ${path} -> ${res.status}: ${text.slice(0, 300)}`);
		await new Promise((done) => setTimeout(done, 500));
	}
}

/** The answer's body: the ticket as the workflow answered it. */
const body = (answer: BurstResult['answers'][number]): Json => (answer.json ?? {}) as Json;

function expectAllAnswered(result: BurstResult): void {
	expect(result.answers.filter((a) => !a.tier).map((a) => `${a.ticketId} ${a.attempts.join(',')}`)).toEqual([]);
	expect(result.answers.filter((a) => a.answeredId !== a.ticketId)).toEqual([]);
	// Every ticket had its conversation: none went on without the store.
	expect(result.answers.filter((a) => body(a).conversation?.unavailable).map((a) => `${a.ticketId}: ${body(a).conversation.error}`)).toEqual([]);
}

beforeAll(async () => {
	redis = await Redis.start();
	postgres = await Postgres.start();
	postgres.psql(`CREATE DATABASE ${STORE_DATABASE}`, 'postgres');
	const settings: QueueSettings = { postgres, redis, encryptionKey: 'support247-queue-conversation-key-not-a-secret', lockDurationMs: 15_000, lockRenewMs: 5_000, stalledIntervalMs: 5_000 };
	main = await N8nQueueProcess.start('main', settings);
	// n8n's own Postgres credential, as a user would pick the one they already have.
	const credential = await main.createCredential('postgres', 'Support store', { ...postgres.connection, database: STORE_DATABASE, ssl: 'disable', allowUnauthorizedCerts: false, port: postgres.port });
	await main.createActiveWorkflow(chatWorkflow(credential));
	await main.createActiveWorkflow(takeoverWorkflow(credential));
	// Few executions per worker, so that one customer's burst has to use both.
	for (let i = 0; i < 2; i++) workers.push(await N8nQueueProcess.start('worker', settings, { concurrency: 3 }));
}, 600_000);

afterAll(async () => {
	for (const worker of workers) await worker.stop().catch(() => undefined);
	await main?.stop().catch(() => undefined);
	await redis?.stop().catch(() => undefined);
	await postgres?.stop().catch(() => undefined);
}, 120_000);

let firstBurst: BurstResult;

test('one customer’s burst over two workers: every turn stored once, none lost', async () => {
	// The webhook goes live shortly after activation; the first message also loads the models on a worker.
	const warm = await burst(url(CHAT_PATH), messages('W', 1, '2026-03-05T15:59:00-06:00'), { concurrency: 1, maxAttempts: 40, retryDelayMs: 500 });
	expectAllAnswered(warm);
	const before = executionsByWorker();
	const sent = messages('A', BURST, '2026-03-05T16:00:00-06:00');
	firstBurst = await burst(url(CHAT_PATH), sent, { concurrency: CONCURRENCY, maxAttempts: 1 });
	expectAllAnswered(firstBurst);
	const ran = await executionsSince(before, BURST);
	console.log(`[queue-conversation] ${BURST} messages of one customer in ${firstBurst.seconds.toFixed(1)} s; executions per worker: ${ran.join(' + ')}`);
	// Both workers ran part of the burst (with 3 executions each at most and 8 messages in flight, neither alone could).
	for (const n of ran) expect(n).toBeGreaterThan(0);
	expect(ran.reduce((a, b) => a + b, 0)).toBe(BURST);

	const conversations = storedConversations();
	expect(conversations).toHaveLength(1);
	const customerTurns = conversations[0].turns.filter((t: Json) => t.role === 'customer').map((t: Json) => t.id);
	// 0 lost and 0 duplicated: exactly the ids sent, each once.
	expect([...customerTurns].sort()).toEqual(['qc-W0000', ...sent.map((m) => m.ticketId)].sort());
	// Every AI reply the customer got is in the store once, as its message's reply.
	const replied = firstBurst.answers.filter((a) => body(a).reply?.text).map((a) => `${a.ticketId}:ai`);
	const aiTurns = conversations[0].turns.filter((t: Json) => t.role === 'ai').map((t: Json) => t.id);
	expect(aiTurns.filter((id: string) => id.startsWith('qc-A')).sort()).toEqual(replied.sort());
	// Some of these messages the bot does answer: the silence asserted after the takeover means something.
	expect(replied.length).toBeGreaterThan(0);
}, 600_000);

test('the same burst delivered again, over both workers, stores no turn twice', async () => {
	const again = await burst(url(CHAT_PATH), messages('A', BURST, '2026-03-05T16:00:00-06:00'), { concurrency: CONCURRENCY, maxAttempts: 1 });
	expectAllAnswered(again);
	// Each customer turn is found already stored (a reply the router gives only now, such as a handoff after repeated failures, may be new).
	expect(again.answers.filter((a) => !(body(a).conversation?.appended?.duplicates >= 1)).map((a) => a.ticketId)).toEqual([]);
	const [conversation] = storedConversations();
	const ids = conversation.turns.map((t: Json) => t.id);
	expect(new Set(ids).size).toBe(ids.length);
	expect(ids.filter((id: string) => !id.endsWith(':ai'))).toHaveLength(BURST + 1);
}, 600_000);

test('after a person takes the conversation over, a burst over both workers gets no AI reply', async () => {
	const takeoverAt = '2026-03-05T16:10:00-06:00';
	const takeover = await post(TAKEOVER_PATH, { ticketId: 'qc-takeover', channel: 'whatsapp', customer: { phone: PHONE }, message: { text: '', receivedAt: takeoverAt } });
	expect(takeover.conversation?.takeover).toEqual({ by: 'agent-ana', since: takeoverAt });

	const before = executionsByWorker();
	const sent = messages('B', BURST, '2026-03-05T16:11:00-06:00');
	const during = await burst(url(CHAT_PATH), sent, { concurrency: CONCURRENCY, maxAttempts: 1 });
	expectAllAnswered(during);
	const ran = await executionsSince(before, BURST);
	console.log(`[queue-conversation] ${BURST} messages during the takeover; executions per worker: ${ran.join(' + ')}`);
	for (const n of ran) expect(n).toBeGreaterThan(0);

	// 0 AI replies: no answer carries a reply, each went to the person who has the conversation.
	expect(during.answers.filter((a) => body(a).reply).map((a) => a.ticketId)).toEqual([]);
	for (const answer of during.answers) expect(body(answer).route).toMatchObject({ tier: 'L3', rules: expect.arrayContaining(['takeover']) });
	const [conversation] = storedConversations();
	expect(conversation.takeover).toMatchObject({ by: 'agent-ana', since: takeoverAt });
	expect(conversation.turns.filter((t: Json) => t.role === 'ai' && t.id.startsWith('qc-B'))).toEqual([]);
	const customerTurns = conversation.turns.filter((t: Json) => t.role === 'customer' && t.id.startsWith('qc-B')).map((t: Json) => t.id);
	expect([...customerTurns].sort()).toEqual(sent.map((m) => m.ticketId).sort());
}, 600_000);
