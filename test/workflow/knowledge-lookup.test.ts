import * as path from 'path';
import { createEngine, type Engine } from '../../simulator/engine';

const kbFile = path.join(__dirname, '../fixtures/kb-store.json');

function workflow(parameters: Record<string, unknown>, settings: Record<string, unknown> = {}) {
	return {
		name: 'Knowledge Lookup test',
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: '2', name: 'Knowledge Lookup', type: 'n8n-nodes-support247.knowledgeLookup', typeVersion: 1, position: [200, 0], parameters, ...settings },
		],
		connections: { Start: { main: [[{ node: 'Knowledge Lookup', type: 'main', index: 0 }]] } },
	};
}

const ticket = (ticketId: string, text: string, extra: Record<string, unknown> = {}) => ({
	ticketId,
	channel: 'whatsapp',
	customer: { name: 'Ana Pérez', language: 'es' },
	message: { text, receivedAt: '2026-03-06T23:14:00-06:00' },
	triage: { intent: 'x', language: 'es' },
	...extra,
});

describe('Knowledge Lookup on the n8n engine', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createEngine();
	});

	it('sends answered tickets to output 0 and the rest to output 1, keeping every section and pairedItem', async () => {
		const res = await engine.run(workflow({ knowledgeSource: 'file', knowledgeFile: kbFile }), {
			items: [
				ticket('T-1', '¿a q hora abren el sabado?'),
				ticket('T-2', 'quien gano el partido de futbol ayer'),
				ticket('T-3', 'esqueci minha senha', { customer: { name: 'João', language: 'pt' }, triage: { language: 'pt' } }),
			],
		});
		expect(res.error).toBeUndefined();
		const [answered, notFound] = res.outputs['Knowledge Lookup'];
		expect(answered.map((i) => i.json.ticketId)).toEqual(['T-1', 'T-3']);
		expect(answered.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(notFound.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);

		const hours = answered[0].json as Record<string, any>;
		expect(hours.knowledge).toEqual(expect.objectContaining({ answered: true, bestId: 'hours', sources: [{ id: 'hours', title: 'Store and support hours' }] }));
		expect(hours.reply.language).toBe('es');
		expect(hours.reply.text).toMatch(/Ana/);
		expect(hours.reply.text).toMatch(/abrimos de lunes a sábado/i);
		expect(hours.triage).toEqual({ intent: 'x', language: 'es' });
		expect(hours.message.receivedAt).toBe('2026-03-06T23:14:00-06:00');
		expect((answered[1].json as Record<string, any>).reply.text).toMatch(/João.*Esqueci minha senha|João.*esqueci minha senha/);

		const off = notFound[0].json as Record<string, any>;
		expect(off.knowledge.answered).toBe(false);
		expect(off.reply).toBeUndefined();
	});

	it('reads inline entries, a custom text field and the threshold', async () => {
		const entries = [
			{ id: 'hours', title: 'Hours', questions: ['when are you open?', 'opening hours', '¿a qué hora abren?', 'horario de atención'], answer: { en: 'We open at 9.', es: 'Abrimos a las 9.' } },
			{ id: 'ship', title: 'Shipping', questions: ['how long is shipping?', 'shipping cost', '¿cuánto cuesta el envío?', 'tiempo de entrega'], answer: 'Two days.' },
		];
		const items = [{ ticketId: 'A', body: { text: 'when are you open on saturday?' }, customer: { language: 'en' } }];
		const loose = await engine.run(workflow({ knowledgeSource: 'inline', knowledgeJson: JSON.stringify(entries), threshold: 0.3, options: { textField: 'body.text', addReply: false } }), { items });
		const [answered] = loose.outputs['Knowledge Lookup'];
		const knowledge = answered[0].json.knowledge as { score: number };
		expect(knowledge).toEqual(expect.objectContaining({ answered: true, answer: 'We open at 9.' }));
		expect(answered[0].json.reply).toBeUndefined();
		expect(knowledge.score).toBeLessThan(1);
		const strict = await engine.run(workflow({ knowledgeSource: 'inline', knowledgeJson: JSON.stringify(entries), threshold: Math.min(1, knowledge.score + 0.01), options: { textField: 'body.text' } }), { items });
		expect(strict.outputs['Knowledge Lookup'][1]).toHaveLength(1);
		expect(strict.outputs['Knowledge Lookup'][1][0].json.knowledge).toEqual(expect.objectContaining({ answered: false, bestId: 'hours' }));
	});

	it('answers a routine ticket from the lower routine threshold, and names a bad routine option', async () => {
		const text = 'mi hija cumple años el viernes y ando a las carreras, ¿a qué hora abren el sábado?';
		const probe = await engine.run(workflow({ knowledgeSource: 'file', knowledgeFile: kbFile, threshold: 0 }), { items: [ticket('R-0', text)] });
		const score = (probe.outputs['Knowledge Lookup'][0][0].json.knowledge as { score: number }).score;
		expect(score).toBeGreaterThan(0.1);
		const parameters = { knowledgeSource: 'file', knowledgeFile: kbFile, threshold: Math.min(1, score + 0.05), options: { routineThreshold: Math.max(0, score - 0.05), routineMaxHumanScore: 0.3 } };
		const items = [ticket('R-1', text, { triage: { language: 'es', humanScore: 0.1 } }), ticket('R-2', text, { triage: { language: 'es', humanScore: 0.6 } }), ticket('R-3', text)];
		const res = await engine.run(workflow(parameters), { items });
		const [answered, notFound] = res.outputs['Knowledge Lookup'];
		expect(answered.map((i) => i.json.ticketId)).toEqual(['R-1']);
		expect(answered[0].json.knowledge).toEqual(expect.objectContaining({ answered: true, routine: true }));
		expect(notFound.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);

		const bad = await engine.run(workflow({ ...parameters, options: { routineThreshold: 0.3, routineMaxHumanScore: 2 } }), { items });
		expect(bad.error?.message).toMatch(/Option "Routine Max Human Score" must be between 0 and 1, got 2/);
	});

	it('reads entries carried by the items themselves', async () => {
		const knowledgeBase = [{ id: 'gift', title: 'Gift cards', questions: [], answer: 'Gift cards never expire.' }];
		const res = await engine.run(workflow({ knowledgeSource: 'field', entriesField: 'kb' }), {
			items: [{ ticketId: 'G', message: { text: 'do gift cards expire?' }, customer: { language: 'en' }, kb: knowledgeBase }],
		});
		expect(res.outputs['Knowledge Lookup'][0][0].json.knowledge).toEqual(expect.objectContaining({ answered: true, bestId: 'gift', method: 'bm25' }));
	});

	it('fails with a message naming the knowledge file, or reports it per item under continueOnFail', async () => {
		const missing = '/nonexistent/faq.json';
		const failing = await engine.run(workflow({ knowledgeSource: 'file', knowledgeFile: missing }), { items: [ticket('T-1', 'hola')] });
		expect(failing.error).toEqual({ node: 'Knowledge Lookup', message: expect.stringContaining(`Cannot read knowledge file "${missing}"`) });

		const tolerant = await engine.run(workflow({ knowledgeSource: 'file', knowledgeFile: missing }, { onError: 'continueRegularOutput' }), {
			items: [ticket('T-1', 'hola'), ticket('T-2', 'adios')],
		});
		expect(tolerant.error).toBeUndefined();
		const [first] = tolerant.outputs['Knowledge Lookup'];
		expect(first.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(first[0].json).toEqual(expect.objectContaining({ ticketId: 'T-1', error: expect.stringContaining(missing) }));
	});

	it('names the text field when it is missing', async () => {
		const res = await engine.run(workflow({ knowledgeSource: 'file', knowledgeFile: kbFile, options: { textField: 'body.text' } }), { items: [ticket('T-1', 'hola')] });
		expect(res.error?.message).toBe('Field "body.text" must be a text, got nothing');
	});
});
