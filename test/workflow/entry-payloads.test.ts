import { createEngine, type Engine } from '../../simulator/engine';
import { toTicketShape } from '../../nodes/shared/ticket-input';

const node = (name: string, type: string, extra: Record<string, unknown> = {}) => ({ id: name, name, type, typeVersion: 1, position: [0, 0], parameters: {}, ...extra });

describe('entry payloads and a router that cannot read a ticket', () => {
	let engine: Engine;
	beforeAll(async () => {
		engine = await createEngine();
	});

	it('gives a Webhook body and a Chat Trigger message the ticket shape', () => {
		const now = () => '2026-03-04T11:00:00-06:00';
		expect(toTicketShape({ headers: {}, body: { text: 'hola', name: 'Ana', language: 'es', ticketId: 'T1', created_at: '2026-03-04T09:00:00-06:00' } }, now)).toEqual({
			ticketId: 'T1',
			channel: 'webchat',
			customer: { name: 'Ana', language: 'es' },
			message: { text: 'hola', receivedAt: '2026-03-04T09:00:00-06:00' },
		});
		expect(toTicketShape({ sessionId: 's-9', action: 'sendMessage', chatInput: 'olá' }, now)).toMatchObject({
			ticketId: 's-9',
			channel: 'webchat',
			message: { text: 'olá', receivedAt: '2026-03-04T11:00:00-06:00' },
		});
		const ticket = { ticketId: 'x', channel: 'email', customer: {}, message: { text: 'hi' } };
		expect(toTicketShape(ticket, now)).toBe(ticket);
		expect(toTicketShape({ body: { unrelated: true } }, now)).toEqual({ body: { unrelated: true } });
	});

	it('lets a webhook payload flow through greeter, triage and router', async () => {
		const workflow = {
			nodes: [
				node('Webhook', 'n8n-nodes-base.webhook'),
				node('Greeter', 'n8n-nodes-support247.offHoursGreeter', { parameters: { timeZone: 'America/Mexico_City' } }),
				node('Triage', 'n8n-nodes-support247.supportTriage'),
				node('Router', 'n8n-nodes-support247.escalationRouter'),
			],
			connections: {
				Webhook: { main: [[{ node: 'Greeter', type: 'main', index: 0 }]] },
				Greeter: { main: [[{ node: 'Triage', type: 'main', index: 0 }], [{ node: 'Triage', type: 'main', index: 0 }]] },
				Triage: { main: [[{ node: 'Router', type: 'main', index: 0 }]] },
			},
		};
		const res = await engine.run(workflow, { items: [{ headers: {}, body: { text: 'quiero hablar con una persona', created_at: '2026-03-04T11:00:00-06:00', ticketId: 'W1' } }] });
		expect(res.error).toBeUndefined();
		const l3 = res.outputs.Router[2];
		expect(l3.map((i) => i.json.ticketId)).toEqual(['W1']);
		expect(l3[0].json.hours).toMatchObject({ open: true });
	});

	it('with Continue On Fail, sends a ticket the router cannot read to L3, never to the AI', async () => {
		const workflow = {
			nodes: [node('Start', 'n8n-nodes-base.manualTrigger'), node('Router', 'n8n-nodes-support247.escalationRouter', { onError: 'continueRegularOutput' })],
			connections: { Start: { main: [[{ node: 'Router', type: 'main', index: 0 }]] } },
		};
		const res = await engine.run(workflow, { items: [{ ticketId: 'broken' }] });
		expect(res.error).toBeUndefined();
		const [l1, l2, l3, l4] = res.outputs.Router;
		expect([l1.length, l2.length, l4.length]).toEqual([0, 0, 0]);
		expect(l3[0].json).toMatchObject({ ticketId: 'broken', route: { tier: 'L3' }, error: expect.stringContaining('message') });
	});
});
