import { createEngine, type Engine } from '../../simulator/engine';
import { EscalationRouter } from '../../nodes/EscalationRouter/EscalationRouter.node';
import { OffHoursGreeter } from '../../nodes/OffHoursGreeter/OffHoursGreeter.node';
import { SlaTimer } from '../../nodes/SlaTimer/SlaTimer.node';

/** The three nodes on n8n-core's real WorkflowExecute, with pinned ticket times. */
const P = 'n8n-nodes-support247';
const calendar = { timeZone: 'America/Mexico_City', calendarOptions: { holidayCountry: 'MX' } };

function node(name: string, type: string, parameters: Record<string, unknown> = {}) {
	return { id: name, name, type, typeVersion: 1, position: [0, 0], parameters };
}

const main = (...targets: string[][]) => ({ main: targets.map((nodes) => nodes.map((n) => ({ node: n, type: 'main', index: 0 }))) });

const pipeline = {
	name: 'greeter → router',
	nodes: [
		node('Start', 'n8n-nodes-base.manualTrigger'),
		node('Greeter', `${P}.offHoursGreeter`, { ...calendar, businessName: 'Tienda Sol' }),
		node('Router', `${P}.escalationRouter`, { intentTiers: { mapping: [{ intent: 'chargeback', tier: 'L4' }] } }),
	],
	connections: { Start: main(['Greeter']), Greeter: main(['Router'], ['Router']) },
};

const flags = { legal: false, angry: false, humanRequested: false, outOfPolicy: false, b2bSales: false, emergency: false, injection: false };
function ticket(id: string, receivedAt: string, triage: Record<string, unknown> = {}, knowledge: Record<string, unknown> = { answered: false, score: 0.1, sources: [] }) {
	return {
		ticketId: id,
		channel: 'whatsapp',
		customer: { name: 'Lucía Pérez', language: 'es' },
		message: { text: 'Necesito ayuda con el pedido #55221', receivedAt },
		triage: { intent: 'other', confidence: 0.9, urgency: 'normal', sentiment: 0, language: 'es', automation: 'high', provider: 'embedded', ...triage, flags: { ...flags, ...(triage.flags as object) } },
		knowledge,
	};
}

describe('Off-Hours Greeter, SLA Timer and Escalation Router on the engine', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createEngine({
			loadPackage: false,
			extraNodeTypes: {
				[`${P}.offHoursGreeter`]: new OffHoursGreeter(),
				[`${P}.slaTimer`]: new SlaTimer(),
				[`${P}.escalationRouter`]: new EscalationRouter(),
			},
		});
	});

	it('splits open and closed tickets and greets off hours with when a person is back', async () => {
		const res = await engine.run(pipeline, {
			items: [
				ticket('open-1', '2026-03-05T10:00:00-06:00', {}, { answered: true, score: 0.9, sources: [{ id: 'kb-1', title: 'Horario' }] }),
				ticket('closed-1', '2026-03-13T20:00:00-06:00'), // Friday night before a holiday Monday
			],
		});
		expect(res.error).toBeUndefined();
		const [open, closed] = res.outputs.Greeter;
		expect(open.map((i) => i.json.ticketId)).toEqual(['open-1']);
		expect(closed.map((i) => i.json.ticketId)).toEqual(['closed-1']);
		expect(closed[0].pairedItem).toEqual({ item: 1 });
		const hours = closed[0].json.hours as Record<string, unknown>;
		expect(hours).toMatchObject({ open: false, greet: true, nextOpenAt: '2026-03-17T09:00:00.000-06:00' });
		expect(hours.greeting).toEqual(expect.stringContaining('el martes a las 9:00'));
		expect(hours.greeting).toEqual(expect.stringContaining('Lucía'));
	});

	it('routes to the four named outputs and keeps every other section', async () => {
		const res = await engine.run(pipeline, {
			items: [
				ticket('faq', '2026-03-05T10:00:00-06:00', {}, { answered: true, score: 0.9, sources: [] }),
				ticket('order', '2026-03-05T10:00:00-06:00', { intent: 'order_status' }),
				ticket('angry-night', '2026-03-05T23:00:00-06:00', { flags: { angry: true } }),
				ticket('chargeback', '2026-03-05T10:00:00-06:00', { intent: 'chargeback' }),
			],
		});
		expect(res.error).toBeUndefined();
		const ids = res.outputs.Router.map((items) => items.map((i) => i.json.ticketId));
		expect(ids).toEqual([['faq'], ['order'], ['angry-night'], ['chargeback']]);
		const angry = res.outputs.Router[2][0].json as Record<string, any>;
		expect(angry.hours.open).toBe(false);
		expect(angry.triage.intent).toBe('other');
		expect(angry.route.handoff).toMatchObject({ queue: 'specialists', promise: 'Una persona te responderá mañana a las 9:00.', facts: { orderNumbers: ['55221'] } });
		expect(angry.reply).toEqual({ language: 'es', text: expect.stringContaining('mañana a las 9:00') });
	});

	it('fails naming the field, or passes the error on with Continue On Fail', async () => {
		const bad = { ticketId: 'x', channel: 'email', customer: {}, message: { text: 'hi', receivedAt: 'not a date' } };
		const res = await engine.run(pipeline, { items: [bad] });
		expect(res.error).toEqual({ node: 'Greeter', message: expect.stringContaining('message.receivedAt') });
		const lenient = { ...pipeline, nodes: pipeline.nodes.map((n) => (n.name === 'Greeter' ? { ...n, onError: 'continueRegularOutput' } : n)) };
		const res2 = await engine.run(lenient, { items: [bad] });
		expect(res2.error).toBeUndefined();
		expect(res2.outputs.Greeter[0][0].json.error).toEqual(expect.stringContaining('message.receivedAt'));
	});

	const slaWorkflow = (parameters: Record<string, unknown>) => ({
		name: 'sla',
		nodes: [node('Start', 'n8n-nodes-base.manualTrigger'), node('SLA', `${P}.slaTimer`, { ...calendar, ...parameters })],
		connections: { Start: main(['SLA']) },
	});

	it('annotates business-hours deadlines', async () => {
		const res = await engine.run(slaWorkflow({ mode: 'annotate' }), { items: [ticket('s1', '2026-03-13T17:00:00-06:00')] });
		expect(res.error).toBeUndefined();
		expect(res.outputs.SLA[0][0].json.sla).toMatchObject({
			policy: 'standard',
			priority: 'normal',
			state: 'ok',
			firstResponseDueAt: '2026-03-17T12:00:00.000-06:00', // skips the weekend and the 16 March holiday
		});
	});

	it('checks ok / at risk / breached against a response time', async () => {
		const items = [ticket('a', '2026-03-09T09:00:00-06:00'), ticket('b', '2026-03-09T09:30:00-06:00'), ticket('c', '2026-03-09T07:00:00-06:00', { urgency: 'high' })];
		const res = await engine.run(slaWorkflow({ mode: 'check', responseTime: '2026-03-09T12:40:00-06:00' }), { items });
		expect(res.error).toBeUndefined();
		expect(res.outputs.SLA.map((out) => out.map((i) => i.json.ticketId))).toEqual([['b'], ['a'], ['c']]);
	});

	it('waits durably until the business-hours deadline (the run records waitTill, nothing sleeps)', async () => {
		const res = await engine.run(slaWorkflow({ mode: 'wait', target: 'firstResponse' }), { items: [ticket('w', '2026-03-13T17:00:00-06:00')] });
		expect(res.error).toBeUndefined();
		expect(res.status).toBe('waiting');
		expect(res.waitTill?.toISOString()).toBe('2026-03-17T18:00:00.000Z'); // Tuesday 12:00 in Mexico City
	});
});
