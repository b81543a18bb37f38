import { readFileSync } from 'fs';
import { join } from 'path';
import { ConversationStore } from '../../nodes/ConversationStore/ConversationStore.node';
import { fromChannelPayload } from '../../nodes/shared/channels';
import { appendToConversation, dropMemoryBackend, memoryBackend, resolveConversationPolicy } from '../../nodes/shared/conversation';
import type { Ticket } from '../../nodes/shared/ticket';
import { createEngine, type Engine } from '../../simulator/engine';

/**
 * Delivery and read receipts on n8n-core's WorkflowExecute: the Support Channel Router (v2) sends them to
 * its Status output, never to a reply, and the Conversation Store's Record Status writes them into the
 * customer's conversation without a new turn or ticket.
 */
const P = 'n8n-nodes-support247';
const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../fixtures/channels', `${name}.json`), 'utf8')) as Record<string, unknown>;
const STORE = 'delivery-status-workflow';
const OUTPUTS = ['WhatsApp', 'Email', 'Web Chat', 'Other', 'WhatsApp Cloud', 'WhatsApp Cloud Template', 'Messenger', 'Instagram', 'Telegram'];

function workflow() {
	const nodes = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'route', name: 'Route', type: `${P}.supportChannelRouter`, typeVersion: 2, position: [200, 0], parameters: {} },
		{ id: 'store', name: 'Record', type: `${P}.conversationStore`, typeVersion: 1, position: [400, 0], parameters: { operation: 'recordStatus', backend: 'memory', memoryName: STORE } },
		...OUTPUTS.map((name, i) => ({ id: `out-${i}`, name: `Reply ${name}`, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [400, 200 + i * 100], parameters: {} })),
	];
	return {
		name: 'delivery statuses',
		nodes,
		connections: {
			Start: { main: [[{ node: 'Route', type: 'main', index: 0 }]] },
			Route: { main: [...OUTPUTS.map((name) => [{ node: `Reply ${name}`, type: 'main', index: 0 }]), [{ node: 'Record', type: 'main', index: 0 }]] },
		},
	};
}

type Json = Record<string, any>;

describe('delivery and read statuses through the Channel Router and the Conversation Store', () => {
	let engine: Engine;
	const options = { policy: resolveConversationPolicy({}) };
	beforeAll(async () => {
		engine = await createEngine({ extraNodeTypes: { [`${P}.conversationStore`]: new ConversationStore() } });
	});
	beforeEach(async () => {
		dropMemoryBackend(STORE);
		// Earlier conversations of the WhatsApp and Messenger customers, as Append left them.
		for (const name of ['whatsapp-cloud-trigger-text', 'messenger-text']) {
			const converted = fromChannelPayload(fixture(name));
			if (!converted || !('ticket' in converted)) throw new Error(name);
			const ticket = { ...converted.ticket, reply: { text: 'Con gusto.', language: 'es' }, route: { tier: 'L1' } } as Ticket;
			await appendToConversation(memoryBackend(STORE), ticket, { replyRole: 'ai', includeCustomerTurn: true }, options);
		}
	});
	afterAll(() => dropMemoryBackend(STORE));

	it('records a WhatsApp read and a Messenger delivery in their conversations, and replies to the message beside them', async () => {
		const ticketItem = fromChannelPayload(fixture('whatsapp-cloud-trigger-list-reply'));
		if (!ticketItem || !('ticket' in ticketItem)) throw new Error('list reply');
		const items = [
			{ json: fixture('whatsapp-cloud-trigger-status-read') },
			{ json: { headers: {}, params: {}, query: {}, body: fixture('messenger-delivery') } },
			{ json: { ...ticketItem.ticket, reply: { text: 'Listo, martes 10:00.' } } },
		];
		const result = await engine.run(workflow() as never, { items: items as never[] });
		expect(result.error).toBeUndefined();
		const recorded = (result.outputs.Record?.[0] ?? []).map((i) => i.json as Json);
		expect(recorded.map((r) => [r.channelEvent.channel, r.deliveryStatus.status, r.deliveryStatus.recorded])).toEqual([
			['whatsapp', 'read', true],
			['messenger', 'delivered', true],
		]);
		expect(recorded.every((r) => typeof r.deliveryStatus.conversationId === 'string')).toBe(true);
		// The customer's message went to its reply, and only it.
		const replied = OUTPUTS.flatMap((name) => (result.outputs[`Reply ${name}`]?.[0] ?? []).map((i) => [name, (i.json as Json).ticketId]));
		expect(replied).toEqual([['WhatsApp Cloud', ticketItem.ticket.ticketId]]);

		const [whatsapp] = await memoryBackend(STORE).transact({ identityKeys: ['whatsapp:+5215512345678'] }, (found) => ({ result: found }));
		expect(whatsapp.turns.map((t) => t.role)).toEqual(['customer', 'ai']);
		expect(whatsapp.delivery).toMatchObject({ messages: [{ messageId: 'wamid.REPLY001', status: 'read' }] });
	});

	it('passes an echo of our own reply through Record Status without recording anything', async () => {
		const result = await engine.run(workflow() as never, { items: [{ json: { body: fixture('messenger-echo') } }] as never[] });
		expect(result.error).toBeUndefined();
		const [echo] = (result.outputs.Record?.[0] ?? []).map((i) => i.json as Json);
		expect(echo).toMatchObject({ channelEvent: { kind: 'echo' }, deliveryStatus: { recorded: false } });
	});
});
