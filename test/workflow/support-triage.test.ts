import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { createEngine, type Engine } from '../../simulator/engine';
import { SupportTriage } from '../../nodes/SupportTriage/SupportTriage.node';

const TYPE = 'n8n-nodes-support247.supportTriage';
const BASE = 'https://llm.workflow.test/v1';

function workflow(parameters: Record<string, unknown>, nodeSettings: Record<string, unknown> = {}) {
	return {
		name: 'Support Triage test',
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: '2',
				name: 'Support Triage',
				type: TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters,
				credentials: { openAiCompatibleApi: { id: 'c1', name: 'LLM' } },
				...nodeSettings,
			},
		],
		connections: { Start: { main: [[{ node: 'Support Triage', type: 'main', index: 0 }]] } },
	};
}

const ticket = (ticketId: string, text: string | undefined, extra: Record<string, unknown> = {}) => ({
	ticketId,
	channel: 'whatsapp',
	customer: { id: 'c', language: 'es' },
	message: text === undefined ? { receivedAt: '2026-03-06T23:14:00-06:00' } : { text, receivedAt: '2026-03-06T23:14:00-06:00' },
	hours: { open: false },
	...extra,
});

const server = setupServer();

describe('Support Triage on the n8n engine', () => {
	let engine: Engine;

	beforeAll(async () => {
		server.listen({ onUnhandledRequest: 'error' });
		engine = await createEngine({
			loadPackage: false,
			extraNodeTypes: { [TYPE]: new SupportTriage() },
			credentials: { openAiCompatibleApi: { apiKey: 'sk-workflow-secret-123456', baseUrl: BASE, chatModel: 'gpt-test' } },
		});
	});
	afterEach(() => server.resetHandlers());
	afterAll(() => server.close());

	it('adds a triage section to each item, keeps the other sections and pairs items', async () => {
		const res = await engine.run(workflow({}), {
			items: [ticket('t1', 'quiero hablar con una persona, es urgente'), ticket('t2', 'what are your opening hours on sunday?')],
		});
		expect(res.error).toBeUndefined();
		const out = res.outputs['Support Triage'][0];
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(out[0].json.hours).toEqual({ open: false });
		expect(out[0].json.triage).toMatchObject({ provider: 'embedded', language: 'es', urgency: 'high', automation: 'human', flags: { humanRequested: true } });
		expect(out[1].json.triage).toMatchObject({ intent: 'hours', language: 'en', automation: 'high' });
	});

	it('fails on a missing message.text, naming the field', async () => {
		const res = await engine.run(workflow({}), { items: [ticket('t1', undefined)] });
		expect(res.error).toEqual({ node: 'Support Triage', message: expect.stringContaining('"message.text"') });
	});

	it('with continueOnFail, puts the error on the item and triages the rest', async () => {
		const res = await engine.run(workflow({}, { onError: 'continueRegularOutput' }), {
			items: [ticket('t1', undefined), ticket('t2', 'donde esta mi pedido')],
		});
		expect(res.error).toBeUndefined();
		const out = res.outputs['Support Triage'][0];
		expect(out).toHaveLength(2);
		expect(out[0]).toMatchObject({ json: { ticketId: 't1', error: expect.stringContaining('"message.text"') }, pairedItem: { item: 0 } });
		expect(out[1]).toMatchObject({ json: { ticketId: 't2', triage: { intent: 'order_status' } }, pairedItem: { item: 1 } });
	});

	it('reads the text from a custom field path and writes to a custom output field', async () => {
		const res = await engine.run(workflow({ options: { textField: 'body', outputField: 'ai' } }), {
			items: [{ body: 'I will call my lawyer', lang: 'en' }],
		});
		const json = res.outputs['Support Triage'][0][0].json as { ai: { flags: { legal: boolean } } };
		expect(json.ai.flags.legal).toBe(true);
	});

	it('uses the knowledge base model for the intent when one is given', async () => {
		const kb = [
			{ id: 'kb-hours', title: 'Opening hours', questions: ['what are your hours', 'when do you open', 'a que hora abren', 'horario de atencion', 'que horas abre'], answer: '9-18' },
			{ id: 'kb-shipping', title: 'Shipping', questions: ['how much is shipping', 'cuanto cuesta el envio', 'do you ship abroad', 'hacen envios', 'quanto custa o frete'], answer: 'Free over 50' },
			{ id: 'kb-returns', title: 'Returns', questions: ['how do I return an item', 'quiero devolver un producto', 'como hago una devolucion', 'quero devolver', 'return policy'], answer: '30 days' },
		];
		const res = await engine.run(workflow({ knowledgeSource: 'inline', knowledgeJson: JSON.stringify(kb) }), {
			items: [ticket('t1', '¿a qué hora abren mañana?')],
		});
		expect(res.error).toBeUndefined();
		expect(res.outputs['Support Triage'][0][0].json.triage).toMatchObject({ intent: 'kb-hours' });
	});

	it('with the OpenAI-compatible provider, uses the credential and falls back per item on failure', async () => {
		let calls = 0;
		server.use(
			http.post(`${BASE}/chat/completions`, ({ request }) => {
				calls++;
				expect(request.headers.get('authorization')).toBe('Bearer sk-workflow-secret-123456');
				return HttpResponse.json({ error: { message: 'bad key sk-workflow-secret-123456' } }, { status: 401 });
			}),
		);
		const res = await engine.run(workflow({ provider: 'openAiCompatible', onProviderFailure: 'escalate', options: { maxRetries: 0 } }), {
			items: [ticket('t1', 'donde esta mi pedido'), ticket('t2', 'hola')],
		});
		expect(res.error).toBeUndefined();
		expect(calls).toBe(2);
		const out = res.outputs['Support Triage'][0];
		expect(out.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of out) {
			expect(item.json.triage).toMatchObject({ automation: 'human', fallback: { from: 'openai', reason: expect.stringContaining('http_error') } });
		}
		expect(JSON.stringify(out)).not.toContain('sk-workflow-secret');
	});
});
