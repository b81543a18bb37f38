import path from 'node:path';
import { createEngine, readWorkflowFile, type Engine } from '../../simulator/engine';
import type { Ticket } from '../../nodes/shared/ticket';

// Sensitive cases through the main template on the real engine: each goes to a person with its reason,
// even when the knowledge base has an answer for the rest of the message; plain questions stay with the AI.
const workflowFile = path.join(__dirname, '../../workflows/support-247-tiered.json');
const OPEN = '2026-03-04T11:00:00-06:00';

const cases: Array<[string, string, string, string]> = [
	// [id, text, expected tier, expected first reason]
	['takeover', 'How do I reset my password? Someone got into my account and changed my email', 'L3', 'account security or fraud'],
	['bereavement', 'Mi papá falleció el mes pasado, ¿cómo cierro su cuenta?', 'L3', 'bereavement or estate'],
	['charged', 'me cobraram 12 vezes o pedido #A10293 e minha conta ficou zerada', 'L3', 'financial harm to the customer'],
	['smoke', 'the power bank I bought gets too hot to touch and started smoking, what does the warranty cover?', 'L4', 'critical emergency'],
	['press', 'Soy periodista de un diario local y preparo una nota sobre sus devoluciones', 'L4', 'press or regulator contact'],
	['lawyer-laptop', 'soy abogada y quiero una laptop, ¿a qué hora abren el sábado?', 'L1', 'knowledge answer'],
	['hours', 'What are your opening hours on Saturday?', 'L1', 'knowledge answer'],
];

describe('sensitive cases through support-247-tiered', () => {
	let engine: Engine;
	const byId = new Map<string, { tier: string; json: Ticket }>();

	beforeAll(async () => {
		engine = await createEngine();
		const workflow = engine.prepare(readWorkflowFile(workflowFile));
		const items = cases.map(([id, text]) => ({ ticketId: id, channel: 'webchat', customer: { name: 'Ana' }, message: { text, receivedAt: OPEN } }));
		const result = await engine.run(workflow, { startNode: 'Web Chat Webhook', items: items as never });
		expect(result.error).toBeUndefined();
		(result.outputs['Escalation Router'] ?? []).forEach((list, index) => {
			for (const item of list) byId.set(String(item.json.ticketId), { tier: `L${index + 1}`, json: item.json as unknown as Ticket });
		});
	});

	it.each(cases)('%s: "%s" goes to %s (%s)', (id, _text, tier, reason) => {
		const found = byId.get(id);
		expect(found?.tier).toBe(tier);
		expect(found?.json.route?.reasons[0]).toEqual(expect.stringContaining(reason));
		expect(found?.json.triage?.humanScore).toEqual(expect.any(Number));
	});

	it('writes the humanScore evidence into the handoff for a person', () => {
		const takeover = byId.get('takeover')?.json;
		expect(takeover?.route?.handoff?.facts?.evidence).toEqual(expect.arrayContaining([expect.stringMatching(/^humanScore: /), expect.stringMatching(/^accountSecurity: /)]));
	});
});
