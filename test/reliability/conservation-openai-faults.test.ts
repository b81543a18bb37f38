/**
 * Conservation while the OpenAI-compatible provider fails mid-replay. A ~60-ticket history is
 * replayed in-process (one worker) through the main template with Support Triage switched to the
 * OpenAI-compatible provider, while msw answers each ticket's requests with one fault from a fixed
 * rotation. Faults are assigned per ticket (not per request) so the outcome is deterministic under
 * the node's concurrency. No ticket may vanish: read = replayed + rejected, replayed = L1+L2+L3+L4,
 * and every ticket id leaves the Escalation Router exactly once.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setupServer } from 'msw/node';
import { delay, http, HttpResponse } from 'msw';
import { stringify } from 'csv-stringify/sync';
import { createEngine, readWorkflowFile, type Engine, type RunResult, type WorkflowJson } from '../../simulator/engine';
import { applyAssignment, parseAssignment } from '../../simulator/replay/parameters';
import { replay } from '../../simulator/replay/replay';
import { routedItems } from '../../simulator/replay/outcome';
import type { TicketOutcome } from '../../simulator/replay/outcome';
import { completion } from '../helpers/openai-fake';

const ROOT = path.resolve(__dirname, '../..');
const BASE = 'http://openai.test/v1';
const API_KEY = 'sk-test-conservation-0000';

/** What each ticket's requests get, and the fallback reason the ticket must end with (none = the model's answer was used). */
const FAULTS = [
	{ kind: 'good', expect: undefined },
	{ kind: '429-then-good', expect: undefined },
	{ kind: '429-always', expect: 'rate_limited after 2 attempts' },
	{ kind: '500-then-503', expect: 'server_error after 2 attempts' },
	{ kind: 'hang', expect: 'timeout after 2 attempts' },
	{ kind: 'truncated-body', expect: 'invalid_json after 2 attempts' },
	{ kind: 'invalid-json-content', expect: 'invalid_json after 2 attempts' },
	{ kind: 'unknown-intent', expect: 'schema_invalid after 2 attempts' },
	{ kind: 'good', expect: undefined },
] as const;

const QUESTIONS = [
	'¿Dónde está mi pedido',
	'what are your opening hours, order',
	'quero devolver o produto do pedido',
	'quiero hablar con una persona sobre el pedido',
	'how much is shipping for order',
	'ainda não recebi meu pedido',
	'can I pay with PayPal for order',
	'mi pedido llegó roto',
];
const CHANNELS = ['whatsapp', 'email', 'webchat'];
const TICKETS = 60;

function modelAnswer(intent: string) {
	return {
		intent,
		confidence: 0.9,
		urgency: 'normal',
		sentiment: 0,
		language: 'es',
		flags: { legal: false, angry: false, humanRequested: false, outOfPolicy: false, b2bSales: false, emergency: false, injection: false },
		reasons: ['test'],
	};
}


/** The ticket's text as the provider sends it: JSON data inside <customer_message> in the user message. */
function customerText(body: { messages: Array<{ role: string; content: string }> }): string {
	const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
	const encoded = user.split('<customer_message>\n')[1]?.split('\n</customer_message>')[0] ?? '{}';
	return String(JSON.parse(encoded).text ?? '');
}

const server = setupServer();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'reliability-conservation-'));

describe('conservation while the OpenAI-compatible provider fails mid-replay', () => {
	let engine: Engine;
	let workflow: WorkflowJson;
	let validIntent: string;
	const ticketFile = path.join(tmp, 'history.csv');
	const faultByText = new Map<string, (typeof FAULTS)[number]>();
	const expectedById = new Map<string, string | undefined>();
	const attempts = new Map<string, number>();

	beforeAll(async () => {
		server.listen({ onUnhandledRequest: 'error' });
		engine = await createEngine({ credentials: { openAiCompatibleApi: { apiKey: API_KEY, baseUrl: BASE, chatModel: 'gpt-test' } } });
		let wf = readWorkflowFile(path.join(ROOT, 'workflows', 'support-247-tiered.json'));
		for (const text of [
			'Support Triage.provider=openAiCompatible',
			'Support Triage.model=gpt-test',
			'Support Triage.onProviderFailure=fallback',
			// One retry, a short timeout and enough concurrency keep the backoff sleeps (500 ms) few and parallel.
			'Support Triage.options={"maxRetries":1,"timeoutMs":150,"concurrency":32}',
		]) {
			wf = applyAssignment(wf, parseAssignment(text, wf), engine.nodeTypes);
		}
		workflow = wf;
		const triageNode = workflow.nodes.find((node) => node.name === 'Support Triage')!;
		validIntent = JSON.parse(String(triageNode.parameters.knowledgeJson))[0].id;

		const rows: string[][] = [['id', 'created_at', 'channel', 'language', 'customer_name', 'text']];
		for (let i = 0; i < TICKETS; i++) {
			const id = `c${String(i).padStart(3, '0')}`;
			const text = `${QUESTIONS[i % QUESTIONS.length]} #A${10000 + i}?`;
			const fault = FAULTS[i % FAULTS.length];
			faultByText.set(text, fault);
			expectedById.set(id, fault.expect);
			// Pinned times across a week, day and night, so the greeter and router take both paths.
			const at = new Date(Date.UTC(2026, 2, 2, 0, 0, 0) + i * 2.7 * 3_600_000).toISOString();
			rows.push([id, at, CHANNELS[i % CHANNELS.length], 'es', 'Ana López', text]);
		}
		// Two rows that cannot be replayed: they are rejected, counted, and never reach the provider.
		rows.push(['bad-text', '2026-03-03T10:00:00Z', 'whatsapp', 'es', 'Ana', '']);
		rows.push(['bad-date', 'not-a-date', 'email', 'es', 'Ana', 'hola']);
		writeFileSync(ticketFile, stringify(rows));

		server.use(
			http.post(`${BASE}/chat/completions`, async ({ request }) => {
				const text = customerText((await request.json()) as never);
				const fault = faultByText.get(text);
				if (!fault) return HttpResponse.json({ error: { message: `unexpected ticket text ${text}` } }, { status: 400 });
				const attempt = (attempts.get(text) ?? 0) + 1;
				attempts.set(text, attempt);
				switch (fault.kind) {
					case 'good':
						return completion(modelAnswer(validIntent));
					case '429-then-good':
						return attempt === 1
							? HttpResponse.json({ error: { message: 'Rate limit reached' } }, { status: 429, headers: { 'retry-after': '0' } })
							: completion(modelAnswer(validIntent));
					case '429-always':
						return HttpResponse.json({ error: { message: 'Rate limit reached' } }, { status: 429, headers: { 'retry-after': '0' } });
					case '500-then-503':
						return HttpResponse.json({ error: { message: 'upstream' } }, { status: attempt === 1 ? 500 : 503 });
					case 'hang':
						await delay('infinite');
						return completion(modelAnswer(validIntent));
					case 'truncated-body':
						return new HttpResponse('{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"mess', {
							status: 200,
							headers: { 'content-type': 'application/json' },
						});
					case 'invalid-json-content':
						return completion('{"intent": "order_status", "confidence": ');
					case 'unknown-intent':
						return completion(modelAnswer('made_up_intent'));
				}
			}),
		);
	});
	afterAll(() => server.close());

	it('loses no ticket: read = replayed + rejected, replayed = L1+L2+L3+L4, each id leaves the router exactly once', async () => {
		const runs: RunResult[] = [];
		const run = engine.run.bind(engine);
		// Every engine run is recorded, so duplicates on the router outputs (which the replay's own
		// bookkeeping would fold together) are seen too.
		const spy = jest.spyOn(engine, 'run').mockImplementation(async (...args) => {
			const result = await run(...args);
			runs.push(result);
			return result;
		});
		const outcomes: TicketOutcome[] = [];
		const errorsFile = path.join(tmp, 'misroutes.jsonl');
		const report = await replay({
			workflow,
			workflowName: 'support-247-tiered.json',
			tickets: ticketFile,
			zone: 'America/Mexico_City',
			workers: 1,
			engine,
			errorsFile,
			onOutcome: (outcome) => outcomes.push(outcome),
		});
		spy.mockRestore();

		expect(report.tickets).toMatchObject({ read: TICKETS + 2, replayed: TICKETS, rejected: 2, unrouted: 0 });
		expect(report.tickets.read).toBe(report.tickets.replayed + report.tickets.rejected);
		const { L1, L2, L3, L4 } = report.tiers;
		expect(L1 + L2 + L3 + L4).toBe(report.tickets.replayed);

		// Router outputs, counted over every engine run: each ticket exactly once, none extra.
		expect(runs.every((result) => result.error === undefined)).toBe(true);
		const leaving = runs.flatMap((result) => routedItems(result, ['Escalation Router']).map((item) => String(item.json.ticketId)));
		const counts = new Map<string, number>();
		for (const id of leaving) counts.set(id, (counts.get(id) ?? 0) + 1);
		expect([...counts.keys()].sort()).toEqual([...expectedById.keys()].sort());
		expect([...counts.values()].every((n) => n === 1)).toBe(true);

		// Each outcome carries a tier and the fallback its ticket's fault must cause.
		expect(outcomes).toHaveLength(TICKETS);
		for (const outcome of outcomes) {
			expect(outcome.tier).toMatch(/^L[1-4]$/);
			expect(outcome.error).toBeUndefined();
			const expected = expectedById.get(outcome.id);
			if (expected === undefined) expect(outcome.fallback).toBeUndefined();
			else expect(outcome.fallback).toMatch(new RegExp(`^${expected}`));
		}

		// The report counts every fallback, with its reason.
		const expectedFallbacks = [...expectedById.values()].filter(Boolean).length;
		expect(report.fallbacks.count).toBe(expectedFallbacks);
		const reasons = Object.entries(report.fallbacks.reasons);
		const byKind = (kind: string) => reasons.filter(([reason]) => reason.startsWith(kind)).reduce((sum, [, n]) => sum + n, 0);
		for (const kind of ['rate_limited', 'server_error', 'timeout', 'invalid_json', 'schema_invalid']) {
			const wanted = [...expectedById.values()].filter((reason) => reason?.startsWith(kind)).length;
			expect([kind, byKind(kind)]).toEqual([kind, wanted]);
		}

		// The audit file has the two rejected rows by line and no unrouted ticket.
		const audit = readFileSync(errorsFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
		expect(audit.filter((record) => record.kind.includes('rejected')).map((record) => record.line)).toEqual([TICKETS + 2, TICKETS + 3]);
		expect(audit.some((record) => record.kind.includes('unrouted'))).toBe(false);
		// A ticket whose model answer was used was not retried more than once, and the provider saw every ticket.
		expect(attempts.size).toBe(TICKETS);
	});
});
