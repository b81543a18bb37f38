import { readFileSync } from 'fs';
import { join } from 'path';
import { fromChannelPayload, type ChannelEvent } from '../../nodes/shared/channels';
import {
	appendToConversation,
	loadConversation,
	memoryBackend,
	dropMemoryBackend,
	recordDeliveryStatus,
	resolveConversationPolicy,
	type ConversationBackend,
} from '../../nodes/shared/conversation';
import type { Ticket } from '../../nodes/shared/ticket';

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, '../fixtures/channels', `${name}.json`), 'utf8')) as Record<string, unknown>;
const eventOf = (name: string): ChannelEvent => {
	const result = fromChannelPayload(fixture(name));
	if (!result || !('event' in result)) throw new Error(`${name} is not an event`);
	return result.event;
};
const ticketOf = (name: string): Ticket => {
	const result = fromChannelPayload(fixture(name));
	if (!result || !('ticket' in result)) throw new Error(`${name} is not a ticket`);
	return { ...result.ticket, reply: { text: 'Su pedido 4417 sale hoy.', language: 'es' }, route: { tier: 'L1' } } as Ticket;
};

const options = { policy: resolveConversationPolicy({}) };
let backend: ConversationBackend;
let n = 0;
beforeEach(() => {
	backend = memoryBackend(`delivery-status-${++n}`);
});
afterEach(() => dropMemoryBackend(`delivery-status-${n}`));

const delivery = async (ticket: Ticket) => {
	const loaded = await loadConversation(backend, ticket, options);
	return { turns: loaded.conversation.turns, id: loaded.conversation.id };
};

describe('the converters read delivery statuses as events about a message', () => {
	it('WhatsApp: the reply it is about, the customer, the time, and why it failed', () => {
		expect(eventOf('whatsapp-cloud-trigger-status-delivered')).toMatchObject({ kind: 'status', status: 'delivered', messageId: 'wamid.REPLY001', customerId: '5215512345678' });
		expect(eventOf('whatsapp-cloud-trigger-status-failed')).toEqual({
			channel: 'whatsapp',
			kind: 'status',
			status: 'failed',
			messageId: 'wamid.REPLY002',
			customerId: '5215512345678',
			at: '2026-03-07T23:15:00.000Z',
			error: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
		});
	});

	it('Messenger: the delivered message id from mids', () => {
		expect(eventOf('messenger-delivery')).toMatchObject({ channel: 'messenger', kind: 'status', status: 'delivery', messageId: 'm_ECHO001', customerId: '6543210987654321' });
	});
});

describe('recordDeliveryStatus', () => {
	it("updates the customer's WhatsApp conversation, adds no turn, and a later status only moves it forward", async () => {
		const ticket = ticketOf('whatsapp-cloud-trigger-text');
		await appendToConversation(backend, ticket, { replyRole: 'ai', includeCustomerTurn: true }, options);
		const before = await delivery(ticket);
		expect(before.turns).toHaveLength(2);

		const read = { ...eventOf('whatsapp-cloud-trigger-status-read') };
		const delivered = eventOf('whatsapp-cloud-trigger-status-delivered');
		expect(await recordDeliveryStatus(backend, read, options)).toEqual({ conversationId: before.id, recorded: true, status: 'read' });
		// "delivered" arriving after "read" (webhooks are not ordered) tells nothing new.
		expect(await recordDeliveryStatus(backend, delivered, options)).toMatchObject({ recorded: false, status: 'delivered' });
		// A redelivered webhook is recorded once.
		expect(await recordDeliveryStatus(backend, read, options)).toMatchObject({ recorded: false });

		const stored = await backend.transact({ ids: [before.id as string] }, (found) => ({ result: found[0] }));
		expect(stored.turns).toHaveLength(2);
		expect(stored.delivery?.messages).toEqual([{ messageId: 'wamid.REPLY001', status: 'read', channel: 'whatsapp', at: read.at }]);
		expect(stored.delivery?.lastReadAt).toBe(read.at);
		expect(stored.delivery?.lastDeliveredAt).toBe(read.at);
		expect((await delivery(ticket)).turns).toHaveLength(2);
	});

	it('keeps a failure with its reason', async () => {
		await appendToConversation(backend, ticketOf('whatsapp-cloud-trigger-text'), { replyRole: 'ai', includeCustomerTurn: true }, options);
		const failed = eventOf('whatsapp-cloud-trigger-status-failed');
		expect(await recordDeliveryStatus(backend, failed, options)).toMatchObject({ recorded: true, status: 'failed' });
		const [stored] = await backend.transact({ identityKeys: ['whatsapp:+5215512345678'] }, (found) => ({ result: found }));
		expect(stored.delivery).toMatchObject({ lastFailedAt: failed.at, messages: [{ messageId: 'wamid.REPLY002', status: 'failed', error: expect.stringContaining('24 hours') }] });
	});

	it('finds a Messenger conversation by the page-scoped id of its customer', async () => {
		await appendToConversation(backend, ticketOf('messenger-text'), { replyRole: 'ai', includeCustomerTurn: true }, options);
		const result = await recordDeliveryStatus(backend, eventOf('messenger-delivery'), options);
		expect(result).toMatchObject({ recorded: true, status: 'delivered' });
		expect(result.conversationId).toMatch(/^c-/);
	});

	it('never starts a conversation for a status of an unknown customer', async () => {
		expect(await recordDeliveryStatus(backend, eventOf('whatsapp-cloud-trigger-status-read'), options)).toEqual({ conversationId: null, recorded: false, status: 'read' });
		expect(await backend.count()).toBe(0);
	});

	it('names the field of a status it cannot record', async () => {
		const read = eventOf('whatsapp-cloud-trigger-status-read');
		await expect(recordDeliveryStatus(backend, { ...read, status: 'typing' }, options)).rejects.toThrow('channelEvent.status: "typing"');
		await expect(recordDeliveryStatus(backend, { ...read, customerId: undefined }, options)).rejects.toThrow('channelEvent.customerId');
		await expect(recordDeliveryStatus(backend, { ...read, at: undefined }, options)).rejects.toThrow('channelEvent.at');
	});

	it('keeps the statuses of the latest messages only', async () => {
		await appendToConversation(backend, ticketOf('whatsapp-cloud-trigger-text'), { replyRole: 'ai', includeCustomerTurn: true }, options);
		const base = eventOf('whatsapp-cloud-trigger-status-delivered');
		for (let i = 0; i < 60; i++) await recordDeliveryStatus(backend, { ...base, messageId: `wamid.R${i}` }, options);
		const [stored] = await backend.transact({ identityKeys: ['whatsapp:+5215512345678'] }, (found) => ({ result: found }));
		expect(stored.delivery?.messages).toHaveLength(50);
		expect(stored.delivery?.messages[0].messageId).toBe('wamid.R10');
	});
});
