import { createEngine, type Engine } from '../../simulator/engine';

function workflow(parameters: Record<string, unknown> = {}) {
	return {
		name: 'Support Insights test',
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: '2', name: 'Support Insights', type: 'n8n-nodes-support247.supportInsights', typeVersion: 1, position: [200, 0], parameters: { operation: 'findKnowledgeGaps', ...parameters } },
		],
		connections: { Start: { main: [[{ node: 'Support Insights', type: 'main', index: 0 }]] } },
	};
}

const ticket = (ticketId: string, text: string, extra: Record<string, unknown> = {}) => ({
	ticketId,
	channel: 'whatsapp',
	customer: { language: 'es' },
	message: { text, receivedAt: '2026-03-06T23:14:00-06:00' },
	hours: { open: false },
	route: { tier: 'L3', reasons: ['low confidence: no knowledge answer and no action intent'] },
	...extra,
});

const ITEMS = [
	ticket('A1', '¿tienen vacantes de trabajo?', { resolution: { text: 'Las vacantes están en aurora.example/empleos.' } }),
	ticket('A2', 'quiero trabajar con ustedes, hay vacantes de trabajo?'),
	ticket('A3', 'me interesa una vacante de trabajo'),
	ticket('B1', '¿a qué hora abren?', { route: { tier: 'L1', reasons: ['knowledge answer (score 0.9)'] }, knowledge: { answered: true } }),
	ticket('C1', 'aceptan bitcoin?'),
];

describe('Support Insights on the n8n engine', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createEngine();
	});

	it('outputs one item per topic, paired with the tickets it groups, leaving out what the AI resolved', async () => {
		const res = await engine.run(
			workflow({ knowledgeJson: JSON.stringify([{ id: 'jobs', title: 'Jobs', questions: ['vacantes de trabajo', 'bolsa de trabajo'], answer: 'See our careers page.' }]), options: { resolutionField: 'resolution.text' } }),
			{ items: ITEMS },
		);
		expect(res.error).toBeUndefined();
		const [out] = res.outputs['Support Insights'];
		expect(out).toHaveLength(1);
		const topic = out[0].json as Record<string, any>;
		expect(topic.ticketIds).toEqual(['A1', 'A2', 'A3']);
		expect(topic.unanswered).toBe(4);
		expect(topic.offHoursShare).toBe(1);
		expect(topic.nearest.id).toBe('jobs');
		expect(topic.draft.answer).toBe('Las vacantes están en aurora.example/empleos.');
		expect(out[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('with Continue On Fail, an item without text becomes an error item and the rest is analysed', async () => {
		const broken = workflow();
		(broken.nodes[1] as Record<string, unknown>).continueOnFail = true;
		const res = await engine.run(broken, { items: [...ITEMS, { ticketId: 'X', message: {} }] });
		expect(res.error).toBeUndefined();
		const [out] = res.outputs['Support Insights'];
		expect(out.map((item) => item.json.error ?? 'topic')).toEqual(['topic', 'field "message.text" is empty or not a text']);
		expect(out[1].pairedItem).toEqual({ item: 5 });
	});

	it('without Continue On Fail, names the item and the field', async () => {
		const res = await engine.run(workflow(), { items: [...ITEMS, { ticketId: 'X', message: {} }] });
		expect(res.error?.message).toContain('field "message.text" is empty or not a text');
	});
});
