/**
 * Our chain in n8n queue mode: PostgreSQL + Redis (Debian packages), an n8n main that receives the
 * webhooks and two `n8n worker`s that run them. Bursts of tickets measure throughput with one and two
 * workers; then one worker is SIGKILLed in the middle of a 2,000-ticket burst and every ticket must
 * still be answered exactly once, which the executions table in PostgreSQL confirms.
 *
 * How n8n 2.41.1 behaves when a worker dies (read from dist/scaling, seen in the runs): the jobs it held
 * stay locked in Bull until the lock expires (15 s here); a live worker's stall check then fails them
 * (n8n sets maxStalledCount 0, so a job never runs twice), the main instance saves those executions with
 * status "error", replacing their data (the ticket can no longer be read from it), and answers the
 * waiting webhook call with HTTP 500. The client posts such a ticket again, which makes a new, successful
 * execution. A ticket whose Respond to Webhook answer had already reached the main when its worker died
 * is answered (200, once) but its execution ends as "error" too: such a ticket has no successful
 * execution. So the accounting is: every ticket has exactly one 200 answer carrying its own id and a
 * tier; no ticket has two successful executions; every answered ticket has one successful execution
 * except at most as many as the kill's failed executions; failed executions number at most the extra
 * posts plus those answered-but-failed tickets, and occur only in the kill burst.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { N8nQueueProcess, Postgres, Redis, type QueueSettings } from './helpers/queue-cluster';
import { burst, type BurstResult } from './helpers/ticket-burst';

const workflow = JSON.parse(readFileSync(join(__dirname, 'fixtures/queue-mode-chain.workflow.json'), 'utf8')) as Record<string, unknown>;
const WEBHOOK_PATH = 'support-queue-e2e';
const CONCURRENCY = 20;
const WARMUP_TICKETS = 20;
const SINGLE_WORKER_TICKETS = Number(process.env.QUEUE_E2E_SINGLE ?? 400);
const TWO_WORKER_TICKETS = Number(process.env.QUEUE_E2E_DOUBLE ?? 400);
const KILL_BURST_TICKETS = Number(process.env.QUEUE_E2E_KILL ?? 2000);

const MESSAGES = [
	{ text: '¿Dónde está mi pedido?', language: 'es' },
	{ text: 'I want a refund for my last order, it arrived broken', language: 'en' },
	{ text: 'How do I reset my password?', language: 'en' },
	{ text: 'Quiero hablar con un supervisor, nadie me ayuda', language: 'es' },
	{ text: 'What are your opening hours?', language: 'en' },
	{ text: 'My card was charged twice for the same order', language: 'en' },
];

/** Ticket ids look like qm-B00042: the phase letter and a number, unique across the test. */
function tickets(phase: string, count: number) {
	return Array.from({ length: count }, (_, i) => {
		const message = MESSAGES[i % MESSAGES.length];
		// Pinned in the past, spread over a week so both office hours and off hours occur.
		const receivedAt = new Date(Date.UTC(2026, 2, 2, 0, 0) + i * 7 * 60_000).toISOString();
		return {
			ticketId: `qm-${phase}${String(i).padStart(5, '0')}`,
			channel: 'webchat',
			customer: { id: `c-${i % 97}`, name: 'Queue Test', language: message.language },
			message: { text: message.text, receivedAt },
			history: [],
		};
	});
}

function summarize(label: string, result: BurstResult, workers: number): void {
	const retried = result.answers.filter((a) => a.attempts.length > 1).length;
	console.log(`[queue-mode] ${label}: ${result.answers.length} tickets, ${workers} worker(s), ${result.seconds.toFixed(1)} s, ${result.perSecond.toFixed(1)} tickets/s, ${retried} retried`);
}

function expectEachAnsweredOnce(result: BurstResult): void {
	const unanswered = result.answers.filter((a) => !a.tier).map((a) => `${a.ticketId} ${a.attempts.join(',')}`);
	expect(unanswered).toEqual([]);
	const wrongId = result.answers.filter((a) => a.answeredId !== a.ticketId);
	expect(wrongId).toEqual([]);
	for (const answer of result.answers) expect(answer.tier).toMatch(/^L[1-4]$/);
	expect(new Set(result.answers.map((a) => a.ticketId)).size).toBe(result.answers.length);
}

let postgres: Postgres | undefined;
let redis: Redis | undefined;
let main: N8nQueueProcess | undefined;
const workers: N8nQueueProcess[] = [];
let settings: QueueSettings;
let workflowId = '';
const results: Record<string, BurstResult> = {};
const webhookUrl = () => `${main!.baseUrl}/webhook/${WEBHOOK_PATH}`;

beforeAll(async () => {
	const t0 = Date.now();
	// One after the other, each assigned at once, so that afterAll stops whatever did start.
	redis = await Redis.start();
	postgres = await Postgres.start();
	settings = {
		postgres,
		redis,
		encryptionKey: 'support247-queue-e2e-key-not-a-secret',
		lockDurationMs: 15_000,
		lockRenewMs: 5_000,
		stalledIntervalMs: 5_000,
	};
	// The main runs the migrations; workers start after it so that they find the schema ready.
	main = await N8nQueueProcess.start('main', settings);
	workflowId = await main.createActiveWorkflow(workflow);
	workers.push(await N8nQueueProcess.start('worker', settings));
	console.log(`[queue-mode] postgres, redis, main and one worker up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}, 600_000);

afterAll(async () => {
	for (const worker of workers) await worker.stop().catch(() => undefined);
	await main?.stop().catch(() => undefined);
	await redis?.stop().catch(() => undefined);
	await postgres?.stop().catch(() => undefined);
}, 120_000);

test('with one worker, every ticket of a burst comes back routed', async () => {
	// Webhooks go live shortly after activation; the warm-up also loads the models on the worker.
	const warm = await burst(webhookUrl(), tickets('W', WARMUP_TICKETS), { concurrency: 4, maxAttempts: 20, retryDelayMs: 500 });
	expectEachAnsweredOnce(warm);
	results.single = await burst(webhookUrl(), tickets('A', SINGLE_WORKER_TICKETS), { concurrency: CONCURRENCY, maxAttempts: 1 });
	summarize('one worker', results.single, 1);
	expectEachAnsweredOnce(results.single);
}, 480_000);

test('with two workers, every ticket of a burst comes back routed', async () => {
	workers.push(await N8nQueueProcess.start('worker', settings));
	results.double = await burst(webhookUrl(), tickets('B', TWO_WORKER_TICKETS), { concurrency: CONCURRENCY, maxAttempts: 1 });
	summarize('two workers', results.double, 2);
	expectEachAnsweredOnce(results.double);
}, 480_000);

test('a worker SIGKILLed mid-burst loses no ticket and answers none twice', async () => {
	const victim = workers[1];
	let killedAt = -1;
	results.kill = await burst(webhookUrl(), tickets('C', KILL_BURST_TICKETS), {
		concurrency: CONCURRENCY,
		maxAttempts: 5,
		retryDelayMs: 1000,
		onSettled: (settled) => {
			if (killedAt < 0 && settled >= KILL_BURST_TICKETS / 3) {
				killedAt = settled;
				victim.kill();
			}
		},
	});
	summarize(`kill burst (worker killed after ${killedAt} tickets)`, results.kill, 2);
	for (const a of results.kill.answers.filter((x) => x.attempts.length > 1)) console.log(`[queue-mode] ${a.ticketId} attempts: ${a.attempts.join(', ')}`);
	expect(killedAt).toBeGreaterThan(0);
	expect(victim.running).toBe(false);
	expectEachAnsweredOnce(results.kill);
}, 600_000);

test('the executions table holds exactly one successful execution per answered ticket', async () => {
	// Every execution settles: an execution whose answer left just before the kill is marked failed only
	// when the stall check runs, which may be after the last answer.
	const countPending = () => postgres!.psql(`SELECT count(*) FROM execution_entity WHERE "workflowId" = '${workflowId}' AND status IN ('new', 'running')`)[0];
	for (let waited = 0; countPending() !== '0' && waited < 180_000; waited += 1000) await new Promise((done) => setTimeout(done, 1000));
	expect(countPending()).toBe('0');

	const rows = postgres!.psql(
		`SELECT e.id, e.status, coalesce(string_agg(DISTINCT m[1], ','), '')
		 FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id
		 LEFT JOIN LATERAL regexp_matches(d.data, '(qm-[WABC][0-9]{5})', 'g') m ON true
		 WHERE e."workflowId" = '${workflowId}' GROUP BY e.id, e.status`,
	);
	const successes = new Map<string, number>();
	const failures = new Map<string, string[]>();
	const statuses: Record<string, number> = {};
	// n8n overwrites a crashed execution's data, so the ticket it carried can no longer be read from it.
	let failedWithoutTicket = 0;
	for (const row of rows) {
		const [id, status, ids] = row.split('|');
		statuses[status] = (statuses[status] ?? 0) + 1;
		const ticketIds = ids ? ids.split(',') : [];
		// One execution carries at most one ticket, and a successful one always carries it.
		expect({ id, ticketIds: ticketIds.length }).toEqual({ id, ticketIds: status === 'success' || ticketIds.length ? 1 : 0 });
		if (status === 'success') successes.set(ticketIds[0], (successes.get(ticketIds[0]) ?? 0) + 1);
		else if (ticketIds.length) failures.set(ticketIds[0], [...(failures.get(ticketIds[0]) ?? []), status]);
		else failedWithoutTicket++;
	}
	const failedExecutions = rows.length - [...successes.values()].reduce((a, b) => a + b, 0);
	console.log(
		`[queue-mode] executions by status: ${JSON.stringify(statuses)}; failed executions: ${failedExecutions} (${failedWithoutTicket} with their data overwritten)`,
	);

	const answered = [results.single, results.double, results.kill].flatMap((r) => r.answers);
	const twice = [...successes].filter(([, n]) => n > 1).map(([id]) => id);
	expect(twice).toEqual([]);
	// Answered with no successful execution: only a ticket whose answer left the worker just before it died.
	const answeredWithoutSuccess = answered.filter((a) => !successes.has(a.ticketId)).map((a) => a.ticketId);
	const retried = results.kill.answers.filter((x) => x.attempts.length > 1).length;
	const extraPosts = results.kill.answers.reduce((sum, x) => sum + x.attempts.length - 1, 0);
	console.log(`[queue-mode] kill burst: ${retried} tickets posted again after an error; ${answeredWithoutSuccess.length} answered but not saved as success`);
	expect(answeredWithoutSuccess.filter((id) => !id.startsWith('qm-C'))).toEqual([]);
	expect(answeredWithoutSuccess.filter((id) => failures.has(id) === false).length).toBeLessThanOrEqual(failedWithoutTicket);
	// Nothing failed outside the kill burst. (How many executions the kill costs depends on how many jobs the
	// worker held at that instant, often one or two with this load, possibly none: not asserted.)
	expect([...failures.keys()].filter((id) => !id.startsWith('qm-C'))).toEqual([]);
	// Every failed execution is a ticket that was posted again or answered before the kill: none is unaccounted for.
	expect(failedExecutions).toBeLessThanOrEqual(extraPosts + answeredWithoutSuccess.length);
}, 600_000);
