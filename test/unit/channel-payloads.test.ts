import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromChannelPayload, MAX_CHANNEL_TEXT, metaVerificationChallenge } from '../../nodes/shared/channels';

const fixture = (name: string) => JSON.parse(readFileSync(path.join(__dirname, '../fixtures/channels', `${name}.json`), 'utf8')) as Record<string, unknown>;
const ticketOf = (name: string) => {
	const result = fromChannelPayload(fixture(name));
	if (!result || !('ticket' in result)) throw new Error(`${name} gave no ticket: ${JSON.stringify(result)}`);
	return result.ticket;
};
const eventOf = (name: string) => {
	const result = fromChannelPayload(fixture(name));
	if (!result || !('event' in result)) throw new Error(`${name} gave no event: ${JSON.stringify(result)}`);
	return result.event;
};

describe('WhatsApp Cloud API (n8n WhatsApp Trigger items) → ticket', () => {
	it('reads a text message with the profile name, number and the Cloud route', () => {
		expect(ticketOf('whatsapp-cloud-trigger-text')).toEqual({
			ticketId: 'whatsapp-wamid.TEXT001',
			channel: 'whatsapp',
			customer: { id: '5215512345678', phone: '+5215512345678', name: 'María López' },
			message: { text: 'Hola, ¿dónde está mi pedido 4417?', id: 'wamid.TEXT001', receivedAt: '2026-03-06T23:14:00.000Z' },
			whatsappCloud: { phoneNumberId: '106540352242922', displayPhoneNumber: '15550783881', waId: '5215512345678', messageId: 'wamid.TEXT001', messageType: 'text' },
		});
	});

	it('reads the whole webhook body the same way (a Webhook node instead of the trigger)', () => {
		expect(ticketOf('whatsapp-cloud-text-webhook')).toMatchObject({ channel: 'whatsapp', customer: { name: 'María López' }, message: { text: 'Hola, ¿dónde está mi pedido 4417?' } });
	});

	it.each([
		['whatsapp-cloud-trigger-button-reply', 'Rastrear pedido', 'track_order'],
		['whatsapp-cloud-trigger-list-reply', 'Martes 10:00', 'slot_tue_10'],
	])('reads an interactive reply (%s) as its title, keeping the id', (name, text, id) => {
		const ticket = ticketOf(name);
		expect(ticket.message.text).toBe(text);
		expect(ticket.whatsappCloud).toMatchObject({ selectedId: id, messageType: 'interactive' });
	});

	it('reads a media caption, and a document without caption by its file name', () => {
		expect(ticketOf('whatsapp-cloud-trigger-image-caption').message.text).toBe('Me llegó así la caja, está rota');
		expect(ticketOf('whatsapp-cloud-trigger-document').message.text).toBe('factura-4417.pdf');
	});

	it.each(['delivered', 'read'])('makes a %s status an event, never a ticket', (status) => {
		expect(eventOf(`whatsapp-cloud-trigger-status-${status}`)).toEqual({
			channel: 'whatsapp',
			kind: 'status',
			status,
			messageId: 'wamid.REPLY001',
			customerId: '5215512345678',
			at: expect.stringMatching(/^2026-03-06T23:1\d/),
		});
	});

	it('caps a huge text where it enters', () => {
		const item = fixture('whatsapp-cloud-trigger-text');
		(item.messages as Array<{ text: { body: string } }>)[0].text.body = 'a'.repeat(MAX_CHANNEL_TEXT + 500);
		const result = fromChannelPayload(item);
		expect(result && 'ticket' in result && result.ticket.message.text.length).toBe(MAX_CHANNEL_TEXT);
	});
});

describe('Messenger and Instagram webhooks → ticket', () => {
	it('reads a Messenger text with the page-scoped sender id', () => {
		expect(ticketOf('messenger-text')).toMatchObject({
			channel: 'messenger',
			customer: { id: '6543210987654321' },
			message: { text: 'Hi, can I return a jacket I bought last week?', receivedAt: '2026-03-06T23:14:00.000Z' },
			meta: { platform: 'messenger', senderId: '6543210987654321', recipientId: '109876543210987' },
		});
	});

	it('keeps a quick reply payload and reads a postback as its title', () => {
		expect(ticketOf('messenger-quick-reply')).toMatchObject({ message: { text: 'Start a return' }, meta: { payload: 'RETURN_START' } });
		expect(ticketOf('messenger-postback')).toMatchObject({ message: { text: 'Talk to a person' }, meta: { payload: 'HUMAN_AGENT' } });
	});

	it('reads an Instagram DM as channel instagram', () => {
		expect(ticketOf('instagram-text')).toMatchObject({ channel: 'instagram', customer: { id: '1234567890123456' }, message: { text: '¿Tienen envío a Guadalajara?' } });
	});

	it('ignores echoes of our own replies and delivery receipts', () => {
		expect(eventOf('messenger-echo')).toMatchObject({ channel: 'messenger', kind: 'echo' });
		expect(eventOf('instagram-echo')).toMatchObject({ channel: 'instagram', kind: 'echo' });
		expect(eventOf('messenger-delivery')).toMatchObject({ kind: 'status', status: 'delivery' });
	});

	it('answers the verification handshake only with the right token', () => {
		const query = fixture('meta-verification-query');
		expect(metaVerificationChallenge(query, 'support247-verify')).toBe('1158201444');
		expect(metaVerificationChallenge(query, 'another-token')).toBeUndefined();
		expect(metaVerificationChallenge({ ...query, 'hub.mode': 'unsubscribe' }, 'support247-verify')).toBeUndefined();
		expect(metaVerificationChallenge(query, '')).toBeUndefined();
	});
});

describe('Telegram updates (n8n Telegram Trigger items) → ticket', () => {
	it('reads a message with the chat id, the name and the language', () => {
		expect(ticketOf('telegram-message')).toEqual({
			ticketId: 'telegram-123456789-1365',
			channel: 'telegram',
			customer: { id: '123456789', name: 'João Silva', language: 'pt' },
			message: { text: 'Oi, meu pedido 4417 ainda não chegou', id: '1365', receivedAt: '2026-03-06T23:14:00.000Z' },
			telegram: { chatId: '123456789', messageId: '1365' },
		});
	});

	it('reads a photo caption and a callback query', () => {
		expect(ticketOf('telegram-photo-caption').message.text).toBe('A caixa chegou amassada');
		expect(ticketOf('telegram-callback-query')).toMatchObject({
			message: { text: 'talk_to_human' },
			telegram: { chatId: '123456789', callbackQueryId: '4382bfdwdsb323b2d9', callbackData: 'talk_to_human' },
		});
	});
});

describe('anything else', () => {
	it('is not taken for a channel payload', () => {
		expect(fromChannelPayload({ body: { text: 'hola' } })).toBeUndefined();
		expect(fromChannelPayload({ object: 'user', entry: [] })).toBeUndefined();
		expect(fromChannelPayload({ update_id: 1 })).toBeUndefined();
	});
});
