import * as path from 'path';
import { setupServer } from 'msw/node';
import { delay, http, HttpResponse } from 'msw';
import { createEngine, type Engine } from '../../simulator/engine';
import { completion } from '../helpers/openai-fake';

const BASE = 'https://llm.knowledge.test/v1';
const API_KEY = 'sk-knowledge-secret-123456';
const kbFile = path.join(__dirname, '../fixtures/kb-store.json');

function workflow(parameters: Record<string, unknown>) {
	return {
		name: 'Knowledge Lookup OpenAI test',
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: '2',
				name: 'Knowledge Lookup',
				type: 'n8n-nodes-support247.knowledgeLookup',
				typeVersion: 1,
				position: [200, 0],
				parameters: { knowledgeSource: 'file', knowledgeFile: kbFile, provider: 'openAiCompatible', ...parameters },
			},
		],
		connections: { Start: { main: [[{ node: 'Knowledge Lookup', type: 'main', index: 0 }]] } },
	};
}

const ticket = (ticketId: string, text: string) => ({
	ticketId,
	channel: 'whatsapp',
	customer: { name: 'Ana Pérez', language: 'es' },
	message: { text, receivedAt: '2026-03-06T23:14:00-06:00' },
	triage: { intent: 'x', language: 'es' },
});

interface ChatRequest {
	model: string;
	messages: Array<{ role: string; content: string }>;
	response_format: { type: string; json_schema: { strict: boolean } };
}

const server = setupServer();

describe('Knowledge Lookup with the OpenAI-compatible provider on the n8n engine', () => {
	let engine: Engine;
	beforeAll(async () => {
		server.listen({ onUnhandledRequest: 'error' });
		engine = await createEngine({ credentials: { openAiCompatibleApi: { apiKey: API_KEY, baseUrl: BASE, chatModel: 'gpt-default', embeddingModel: 'emb-default' } } });
	});
	afterEach(() => server.resetHandlers());
	afterAll(() => server.close());

	it('answers from cited passages, refuses to not found, and makes no request without a passage', async () => {
		const seen: Array<{ body: ChatRequest; auth: string | null }> = [];
		server.use(
			http.post(`${BASE}/chat/completions`, async ({ request }) => {
				const body = (await request.json()) as ChatRequest;
				seen.push({ body, auth: request.headers.get('authorization') });
				const user = body.messages.find((m) => m.role === 'user')!.content;
				if (user.includes('sábado')) return completion({ answered: true, answer: 'El sábado abrimos de 10:00 a 14:00.', sourceIds: ['hours'] });
				if (user.includes('factura')) return completion({ answered: true, answer: 'Te la enviamos.', sourceIds: ['invoices', 'not-retrieved'] });
				if (user.includes('Marte')) refusedBy.push(body);
				// The model's own "I don't know": the passages it was given do not answer the question.
				return completion({ answered: false, answer: '', sourceIds: [] });
			}),
		);
		const refusedBy: ChatRequest[] = [];
		const res = await engine.run(workflow({ model: 'gpt-test' }), {
			items: [
				ticket('T-1', '¿a qué hora abren el sábado?'),
				ticket('T-2', 'quien gano el partido de futbol ayer'),
				ticket('T-3', 'xyzzy'),
				ticket('T-4', 'necesito la factura xfa'),
				ticket('T-5', '¿cuánto tarda el envío a Marte?'),
			],
		});
		expect(res.error).toBeUndefined();
		const [answered, notFound] = res.outputs['Knowledge Lookup'];
		expect(answered.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(notFound.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }, { item: 4 }]);

		// T-2 (off-topic) and T-3 have no passage above the floor: three requests for five tickets.
		expect(seen).toHaveLength(3);
		// T-5 reached the model with the shipping passage, and the model's refusal was kept as a refusal.
		expect(refusedBy).toHaveLength(1);
		expect(refusedBy[0].messages.map((m) => m.content).join('\n')).toMatch(/shipping|envío/i);
		expect(notFound[3].json.knowledge).toMatchObject({ answered: false, sources: [] });
		for (const { body, auth } of seen) {
			expect(auth).toBe(`Bearer ${API_KEY}`);
			expect(body.model).toBe('gpt-test');
			expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { strict: true } });
			const system = body.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
			expect(system).not.toMatch(/sábado|partido|factura/);
			expect(system).not.toContain('Abrimos');
		}

		const hours = answered[0].json as Record<string, any>;
		expect(hours.knowledge).toMatchObject({
			answered: true,
			answer: 'El sábado abrimos de 10:00 a 14:00.',
			sources: [{ id: 'hours', title: 'Store and support hours' }],
			bestId: 'hours',
			method: 'generated',
		});
		expect(hours.reply).toEqual({ text: expect.stringMatching(/Ana.*sábado abrimos de 10:00 a 14:00\./), language: 'es' });
		expect(hours.ticketId).toBe('T-1');
		expect(hours.triage).toEqual({ intent: 'x', language: 'es' });

		for (const item of notFound) {
			expect(item.json.knowledge).toMatchObject({ answered: false, sources: [] });
			expect(item.json.reply).toBeUndefined();
		}
		// The citation of an entry that was not retrieved made T-4 a refusal.
		expect((notFound[2].json.knowledge as Record<string, unknown>).answer).toBeUndefined();
	});

	it('falls back to the embedded answer after 500s and records the reason without the key', async () => {
		let calls = 0;
		server.use(
			http.post(`${BASE}/chat/completions`, () => {
				calls++;
				return HttpResponse.json({ error: { message: `down for key ${API_KEY}` } }, { status: 500 });
			}),
		);
		const res = await engine.run(workflow({ options: { maxRetries: 1 } }), { items: [ticket('T-1', '¿a qué hora abren el sábado?')] });
		expect(res.error).toBeUndefined();
		expect(calls).toBe(2);
		const [answered, notFound] = res.outputs['Knowledge Lookup'];
		expect(notFound).toHaveLength(0);
		expect(answered[0].pairedItem).toEqual({ item: 0 });
		expect(answered[0].json.knowledge).toMatchObject({
			answered: true,
			bestId: 'hours',
			method: 'model',
			fallback: { from: 'openai', reason: expect.stringContaining('server_error after 2 attempts') },
		});
		expect(JSON.stringify(res.outputs)).not.toContain(API_KEY);
	});

	it('routes a timeout to not found when On Provider Failure is "notFound"', async () => {
		server.use(
			http.post(`${BASE}/chat/completions`, async () => {
				await delay(400);
				return completion({ answered: true, answer: 'tarde', sourceIds: ['hours'] });
			}),
		);
		const res = await engine.run(workflow({ onProviderFailure: 'notFound', options: { timeoutMs: 100, maxRetries: 0 } }), {
			items: [ticket('T-1', '¿a qué hora abren el sábado?')],
		});
		expect(res.error).toBeUndefined();
		const [answered, notFound] = res.outputs['Knowledge Lookup'];
		expect(answered).toHaveLength(0);
		expect(notFound[0].pairedItem).toEqual({ item: 0 });
		expect(notFound[0].json.knowledge).toMatchObject({ answered: false, fallback: { from: 'openai', reason: expect.stringContaining('timeout') } });
	});

	it('with Hybrid Search, embeds with the credential\'s default model and retrieves by similarity', async () => {
		const models: string[] = [];
		server.use(
			http.post(`${BASE}/embeddings`, async ({ request }) => {
				const body = (await request.json()) as { model: string; input: string[] };
				models.push(body.model);
				const data = body.input.map((text, index) => ({ index, embedding: text === 'xyzzy' || text === 'Store and support hours' ? [1, 0] : [0, 1] }));
				return HttpResponse.json({ object: 'list', data });
			}),
			http.post(`${BASE}/chat/completions`, async ({ request }) => {
				const body = (await request.json()) as ChatRequest;
				expect(body.model).toBe('gpt-default');
				return completion({ answered: true, answer: 'Abrimos de 9 a 18.', sourceIds: ['hours'] });
			}),
		);
		const res = await engine.run(workflow({ options: { hybridSearch: true } }), { items: [ticket('T-1', 'xyzzy')] });
		expect(res.error).toBeUndefined();
		const [answered] = res.outputs['Knowledge Lookup'];
		expect(answered[0].pairedItem).toEqual({ item: 0 });
		expect(answered[0].json.knowledge).toMatchObject({ answered: true, sources: [{ id: 'hours', title: 'Store and support hours' }] });
		expect(new Set(models)).toEqual(new Set(['emb-default']));
	});
});
