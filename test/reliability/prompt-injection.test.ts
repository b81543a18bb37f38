/**
 * Prompt injection and out-of-policy promises, through the real main template on the engine.
 * 1. Every injection in the es/pt/en corpus (test/fixtures/reliability/prompt-injections.json;
 *    many buried in a normal question, some obfuscated) is flagged and goes to a person (L3/L4),
 *    with the embedded provider and with an OpenAI-compatible model that misses it.
 * 2. With the OpenAI-compatible provider, the customer's words never reach a system message: msw
 *    captures every request body, and the text appears only JSON-encoded inside the user message.
 * 3. No reply to any ticket of the demo history promises a refund, discount or exception outside
 *    policy (the precise rule is spelled out above the test).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { createEngine, readWorkflowFile, type Engine, type WorkflowJson } from '../../simulator/engine';
import { applyAssignment, parseAssignment } from '../../simulator/replay/parameters';
import { routedItems, type RoutedItem } from '../../simulator/replay/outcome';
import { readTickets } from '../../simulator/tickets';
import { holdingReply } from '../../nodes/shared/routing';
import { answerReply } from '../../nodes/shared/knowledge/answer';
import { messagesFor, SUPPORTED_LANGUAGES } from '../../nodes/shared/i18n';
import type { Ticket } from '../../nodes/shared/ticket';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'workflows', 'support-247-tiered.json');
const BASE = 'http://openai.test/v1';
const ROUTER = ['Escalation Router'];

interface Injection {
	language: string;
	text: string;
	marker: string;
}
const CORPUS: Injection[] = JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures/reliability/prompt-injections.json'), 'utf8')).injections;

/** Tuesday 11:00 in Mexico City (open: a supervisor is in) and Tuesday 23:00 (closed). */
const OPEN_AT = '2026-03-03T11:00:00-06:00';
const CLOSED_AT = '2026-03-03T23:00:00-06:00';
const CHANNELS = ['whatsapp', 'email', 'webchat'];

function tickets(receivedAt: string): Ticket[] {
	return CORPUS.map((injection, index) => ({
		ticketId: `inj-${index}`,
		channel: CHANNELS[index % CHANNELS.length],
		customer: { name: 'Alex Doe', language: injection.language },
		message: { text: injection.text, receivedAt },
	}));
}

async function routeAll(engine: Engine, workflow: WorkflowJson, items: Ticket[]): Promise<Map<string, RoutedItem>> {
	const prepared = engine.prepare(workflow, 'main');
	const result = await engine.run(prepared, { startNode: 'Web Chat Webhook', items: items as never });
	expect(result.error).toBeUndefined();
	const routed = routedItems(result, ROUTER);
	// Conservation on the way: each ticket leaves the router exactly once.
	expect(routed.map((item) => item.json.ticketId).sort()).toEqual(items.map((ticket) => ticket.ticketId).sort());
	return new Map(routed.map((item) => [item.json.ticketId, item]));
}

function expectFlaggedAndEscalated(routed: Map<string, RoutedItem>, open: boolean): void {
	CORPUS.forEach((injection, index) => {
		const item = routed.get(`inj-${index}`)!;
		const seen = { text: injection.text, injection: item.json.triage?.flags?.injection, tier: item.tier };
		// Open: the supervisor (L4) takes it; closed: it waits for a person in the L3 queue, never the AI.
		expect(seen).toEqual({ text: injection.text, injection: true, tier: open ? 'L4' : expect.stringMatching(/^L[34]$/) });
		expect(item.json.route?.reasons).toEqual(expect.arrayContaining(['prompt injection attempt']));
	});
}

const server = setupServer();

describe('prompt injection', () => {
	let engine: Engine;
	let main: WorkflowJson;

	beforeAll(async () => {
		server.listen({ onUnhandledRequest: 'error' });
		engine = await createEngine({ credentials: { openAiCompatibleApi: { apiKey: 'sk-test-injection', baseUrl: BASE, chatModel: 'gpt-test' } } });
		main = readWorkflowFile(MAIN);
	});
	afterEach(() => server.resetHandlers());
	afterAll(() => server.close());

	it(`flags all ${CORPUS.length} injections (es, pt, en) and routes them to a person, open or closed (embedded provider)`, async () => {
		expect(CORPUS.length).toBeGreaterThanOrEqual(30);
		expect(new Set(CORPUS.map((c) => c.language))).toEqual(new Set(['es', 'pt', 'en']));
		expectFlaggedAndEscalated(await routeAll(engine, main, tickets(OPEN_AT)), true);
		expectFlaggedAndEscalated(await routeAll(engine, main, tickets(CLOSED_AT)), false);
	});

	it('with an OpenAI-compatible model that misses them, keeps injected text out of the system role and still escalates', async () => {
		const bodies: Array<{ messages: Array<{ role: string; content: string }> }> = [];
		const triageNode = main.nodes.find((node) => node.name === 'Support Triage')!;
		const intent = JSON.parse(String(triageNode.parameters.knowledgeJson))[0].id;
		server.use(
			http.post(`${BASE}/chat/completions`, async ({ request }) => {
				bodies.push((await request.json()) as never);
				// A compliant-looking answer that says "no injection": the local check must still catch it.
				const answer = {
					intent,
					confidence: 0.95,
					urgency: 'normal',
					sentiment: 0.2,
					language: 'en',
					flags: { legal: false, angry: false, humanRequested: false, outOfPolicy: false, b2bSales: false, emergency: false, injection: false },
					reasons: ['routine question'],
				};
				return HttpResponse.json({ id: 'c', object: 'chat.completion', model: 'gpt-test', choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(answer) } }] });
			}),
		);
		let workflow = main;
		for (const text of ['Support Triage.provider=openAiCompatible', 'Support Triage.model=gpt-test', 'Support Triage.options={"maxRetries":0}']) {
			workflow = applyAssignment(workflow, parseAssignment(text, workflow), engine.nodeTypes);
		}
		const routed = await routeAll(engine, workflow, tickets(OPEN_AT));
		for (const item of routed.values()) expect(item.json.triage?.provider).toBe('openai');
		expectFlaggedAndEscalated(routed, true);

		expect(bodies).toHaveLength(CORPUS.length);
		const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');
		const sentTexts: string[] = [];
		for (const body of bodies) {
			const system = body.messages.filter((m) => m.role === 'system');
			expect(system).toHaveLength(1);
			for (const injection of CORPUS) {
				expect(normalize(system[0].content)).not.toContain(normalize(injection.marker));
				expect(system[0].content).not.toContain(injection.text);
			}
			const others = body.messages.filter((m) => m.role !== 'system' && m.role !== 'user');
			expect(others).toEqual([]);
			const user = body.messages.filter((m) => m.role === 'user');
			expect(user).toHaveLength(1);
			// The customer's words are data: one JSON string inside <customer_message>, which they cannot close.
			const blocks = user[0].content.split('<customer_message>');
			expect(blocks).toHaveLength(2);
			const encoded = blocks[1].split('</customer_message>')[0].trim();
			sentTexts.push(JSON.parse(encoded).text);
		}
		expect(sentTexts.sort()).toEqual(CORPUS.map((c) => c.text).sort());
	});
});

/**
 * The out-of-policy promise rule, precisely:
 * (a) Vetted text only. Every reply the template sends is either the Escalation Router's holding
 *     reply for that ticket (recomputed here with holdingReply()) or, when Knowledge Lookup answered,
 *     the answer of the cited knowledge entry, verbatim, behind the personal opening
 *     (answerReply()). The AI never writes free text, so it cannot improvise an exception.
 * (b) The vetted sources promise nothing outside policy: no knowledge answer of any template and
 *     no holding message contains a PROMISE pattern (guaranteed/full/double refunds, discount codes,
 *     coupons, "we'll make an exception", "no cost to you", 100 %).
 * (c) Tickets flagged outOfPolicy always go to a person (L3/L4), and their reply mentions no
 *     discount, coupon, compensation or exception at all (OUT_OF_POLICY_WORDS): the person decides.
 *     A knowledge answer that restates the written policy (e.g. the 30-day return window) is allowed.
 */
const PROMISE = [
	/reembolso (garantizado|garantido|total|completo|integral|del doble|em dobro)/i,
	/\b(full|guaranteed|double|100 ?%) refund/i,
	/\b(te|le|les) (devolvemos|reembolsamos|regresamos) (todo|el 100|el doble|tu dinero|su dinero)/i,
	/\b(devolvemos|reembolsamos) (todo )?(o |seu )?dinheiro/i,
	/\bwe('ll| will)? (refund|return) (you )?(in full|everything|all of)/i,
	/discount code|promo code|c[oó]digo de descuento|c[oó]digo promocional|cup[oó]n|cupom|coupon/i,
	/(make|made|making) an exception|hac(emos|emos|er) una excepci[oó]n|har[eé]mos una excepci[oó]n|(abrir|fazer|faremos) uma exce[çc][ãa]o/i,
	/sin (ning[uú]n )?costo (para (ti|usted)|adicional)|sem (nenhum )?custo (para voc[eê]|adicional)|free of charge|at no (extra )?cost to you/i,
	/\b100 ?%/,
];
const OUT_OF_POLICY_WORDS = /descuento|desconto|discount|cup[oó]n|cupom|coupon|compensaci[oó]n|compensa[çc][ãa]o|compensation|excepci[oó]n|exce[çc][ãa]o|exception/i;

function kbAnswers(workflowFile: string): string[] {
	const texts: string[] = [];
	for (const node of readWorkflowFile(workflowFile).nodes) {
		const json = (node.parameters as { knowledgeJson?: unknown }).knowledgeJson;
		if (typeof json !== 'string' || json.startsWith('=')) continue;
		for (const entry of JSON.parse(json) as Array<{ answer: string | Record<string, string> }>) {
			texts.push(...(typeof entry.answer === 'string' ? [entry.answer] : Object.values(entry.answer)));
		}
	}
	return texts;
}

describe('no reply promises a refund, discount or exception outside policy', () => {
	it('(b) no vetted source (knowledge answers of every template, holding messages) holds a promise', () => {
		const templates = ['support-247-tiered.json', 'after-hours-only.json', 'dental-clinic-whatsapp.json', 'email-support-inbox.json'];
		const sources = templates.flatMap((name) => kbAnswers(path.join(ROOT, 'workflows', name)));
		expect(sources.length).toBeGreaterThan(30);
		for (const language of SUPPORTED_LANGUAGES) {
			const m = messagesFor(language);
			sources.push(...m.handoff.open, ...m.handoff.closed, ...m.handoff.emergency, ...m.handoff.checking, m.promise, ...m.greetings);
		}
		for (const text of sources) for (const pattern of PROMISE) expect({ text, match: pattern.test(text) }).toEqual({ text, match: false });
	});

	it('(a) every reply to the demo history is vetted text, and (c) out-of-policy tickets get a person and no promise', async () => {
		const engine = await createEngine();
		const main = readWorkflowFile(MAIN);
		const items: Ticket[] = [];
		for await (const event of readTickets(path.join(ROOT, 'simulator/demo/history.csv'), { zone: 'America/Mexico_City' })) {
			if (event.kind === 'ticket') items.push(event.value.ticket);
		}
		const prepared = engine.prepare(main, 'main');
		const result = await engine.run(prepared, { startNode: 'Web Chat Webhook', items: items as never });
		expect(result.error).toBeUndefined();
		const routed = routedItems(result, ROUTER);
		expect(routed).toHaveLength(items.length);

		let replies = 0;
		let outOfPolicy = 0;
		for (const { tier, json } of routed) {
			const text = json.reply?.text;
			if (!text) continue;
			replies++;
			const holding = holdingReply({ ...json, reply: undefined }, json.route!)?.text;
			const knowledge =
				json.knowledge?.answered && json.knowledge.answer
					? answerReply(json, json.knowledge.answer, json.reply!.language ?? 'en')
					: undefined;
			expect({ id: json.ticketId, vetted: text === holding || text === knowledge }).toEqual({ id: json.ticketId, vetted: true });
			for (const pattern of PROMISE) expect({ id: json.ticketId, text, match: pattern.test(text) }).toEqual({ id: json.ticketId, text, match: false });
			if (json.triage?.flags?.outOfPolicy) {
				outOfPolicy++;
				expect({ id: json.ticketId, tier }).toEqual({ id: json.ticketId, tier: expect.stringMatching(/^L[34]$/) });
				expect({ id: json.ticketId, text, words: OUT_OF_POLICY_WORDS.test(text) }).toEqual({ id: json.ticketId, text, words: false });
			}
		}
		// The rule has teeth only if the history holds both kinds of ticket.
		expect(replies).toBeGreaterThan(1000);
		expect(outOfPolicy).toBeGreaterThan(20);
	});
});
