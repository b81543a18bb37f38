import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromChannelPayload, insideServiceWindow, lastCustomerMessageAt, outboundFor } from '../../nodes/shared/channels';
import type { Ticket } from '../../nodes/shared/ticket';

const ticketFrom = (name: string, reply: Ticket['reply'] & { options?: unknown }): Ticket => {
	const json = JSON.parse(readFileSync(path.join(__dirname, '../fixtures/channels', `${name}.json`), 'utf8'));
	const result = fromChannelPayload(json);
	if (!result || !('ticket' in result)) throw new Error(name);
	return { ...result.ticket, reply };
};
const settings = (sendAt: string) => ({ sendAt, whatsappTemplate: { name: 'support_follow_up' } });
const SOON = '2026-03-06T23:15:00Z';
const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `opt_${i + 1}`, title: `Option ${i + 1}` }));

describe('the 24-hour customer-service window', () => {
	const ticket: Pick<Ticket, 'message' | 'history'> = {
		message: { text: 'x', receivedAt: '2026-03-05T10:00:00Z' },
		history: [
			{ role: 'customer', text: 'later', at: '2026-03-06T09:00:00Z' },
			{ role: 'ai', text: 'bot', at: '2026-03-06T12:00:00Z' },
		],
	};

	it('counts from the last customer message, not the last bot turn', () => {
		expect(new Date(lastCustomerMessageAt(ticket)!).toISOString()).toBe('2026-03-06T09:00:00.000Z');
		expect(insideServiceWindow(ticket, '2026-03-07T08:59:59Z')).toBe(true);
		expect(insideServiceWindow(ticket, '2026-03-07T09:00:00Z')).toBe(false);
	});

	it('is closed when no customer time is known', () => {
		expect(insideServiceWindow({ message: { text: 'x' } }, SOON)).toBe(false);
	});
});

describe('WhatsApp Cloud replies', () => {
	it('sends plain text inside the window', () => {
		const out = outboundFor(ticketFrom('whatsapp-cloud-trigger-text', { text: 'Tu pedido va en camino.', language: 'es' }), settings(SOON));
		expect(out).toMatchObject({ route: 'whatsapp-cloud', from: '106540352242922', to: '5215512345678', window: { open: true } });
		expect(out!.body).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '5215512345678', type: 'text', text: { preview_url: false, body: 'Tu pedido va en camino.' } });
	});

	it('sends up to three reply buttons, and a list beyond that (at most 10 rows)', () => {
		const three = outboundFor(ticketFrom('whatsapp-cloud-trigger-text', { text: '¿Qué necesitas?', language: 'es', options: options(3) }), settings(SOON))!;
		expect(three.body).toMatchObject({ type: 'interactive', interactive: { type: 'button', body: { text: '¿Qué necesitas?' } } });
		expect((three.body!.interactive as { action: { buttons: unknown[] } }).action.buttons).toEqual(options(3).map((o) => ({ type: 'reply', reply: o })));
		const twelve = outboundFor(ticketFrom('whatsapp-cloud-trigger-text', { text: 'Elige', language: 'es', options: options(12) }), settings(SOON))!;
		const list = twelve.body!.interactive as { type: string; action: { button: string; sections: Array<{ rows: unknown[] }> } };
		expect(list.type).toBe('list');
		expect(list.action.sections[0].rows).toHaveLength(10);
	});

	it('clips a button title to the 20 characters WhatsApp accepts', () => {
		const out = outboundFor(ticketFrom('whatsapp-cloud-trigger-text', { text: 'x', language: 'es', options: [{ id: 'a', title: 'Una opción con un título larguísimo' }] }), settings(SOON))!;
		const [button] = (out.body!.interactive as { action: { buttons: Array<{ reply: { title: string } }> } }).action.buttons;
		expect(button.reply.title).toHaveLength(20);
	});

	it('uses the approved template outside the window, in the reply language', () => {
		const out = outboundFor(ticketFrom('whatsapp-cloud-trigger-text', { text: '¿Pudimos resolverlo?', language: 'es' }), settings('2026-03-08T10:00:00Z'))!;
		expect(out.route).toBe('whatsapp-cloud-template');
		expect(out.window).toEqual({ lastCustomerMessageAt: '2026-03-06T23:14:00.000Z', open: false });
		expect(out.body).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '5215512345678',
			type: 'template',
			template: { name: 'support_follow_up', language: { code: 'es' }, components: [{ type: 'body', parameters: [{ type: 'text', text: '¿Pudimos resolverlo?' }] }] },
		});
	});
});

describe('Messenger / Instagram Send API bodies', () => {
	it('replies with messaging_type RESPONSE and quick replies', () => {
		const out = outboundFor(ticketFrom('messenger-text', { text: 'Yes, within 30 days.', language: 'en', options: [{ id: 'RETURN_START', title: 'Start a return' }] }), settings(SOON))!;
		expect(out.route).toBe('messenger');
		expect(out.body).toEqual({
			recipient: { id: '6543210987654321' },
			messaging_type: 'RESPONSE',
			message: { text: 'Yes, within 30 days.', quick_replies: [{ content_type: 'text', title: 'Start a return', payload: 'RETURN_START' }] },
		});
	});

	it('routes an Instagram ticket to Instagram as a RESPONSE inside the window, a person\'s reply too', () => {
		const ai = ticketFrom('instagram-text', { text: 'Sí, enviamos.', language: 'es' });
		expect(outboundFor(ai, settings(SOON))).toMatchObject({ route: 'instagram', body: { messaging_type: 'RESPONSE', recipient: { id: '1234567890123456' } } });
		const person = ticketFrom('instagram-text', { text: 'Sí, enviamos.', language: 'es', by: 'agent' });
		expect(outboundFor(person, { ...settings(SOON), metaHumanAgentTag: true })!.body).toEqual({ recipient: { id: '1234567890123456' }, messaging_type: 'RESPONSE', message: { text: 'Sí, enviamos.' } });
	});
});

describe('Messenger / Instagram after the 24-hour window', () => {
	// The customer wrote at 2026-03-06T23:14:00Z: the window closes a day later, the HUMAN_AGENT tag a week later.
	const DAY_LATER = '2026-03-07T23:14:00Z';
	const tagged = (sendAt: string) => ({ ...settings(sendAt), metaHumanAgentTag: true });
	const aiReply = ticketFrom('messenger-text', { text: 'Yes, within 30 days.', language: 'en' });
	const personReply = ticketFrom('messenger-text', { text: 'Yes, bring it with the receipt.', language: 'en', by: 'agent' });

	it('sends no automated reply, even with the tag allowed: it leaves as window-closed, for a person', () => {
		const out = outboundFor(aiReply, tagged(DAY_LATER))!;
		expect(out).toEqual({
			route: 'window-closed',
			channel: 'messenger',
			to: '6543210987654321',
			from: '109876543210987',
			text: 'Yes, within 30 days.',
			window: { lastCustomerMessageAt: '2026-03-06T23:14:00.000Z', open: false, humanAgentUntil: '2026-03-13T23:14:00.000Z' },
			closed: { reason: 'automated_reply' },
		});
		expect(out.body).toBeUndefined();
		// A second earlier, the window is still open.
		expect(outboundFor(aiReply, tagged('2026-03-07T23:13:59Z'))!.body).toMatchObject({ messaging_type: 'RESPONSE' });
	});

	it('sends a person\'s reply with the HUMAN_AGENT tag for 7 days after the customer\'s last message', () => {
		const out = outboundFor(personReply, tagged('2026-03-13T23:13:59Z'))!;
		expect(out.route).toBe('messenger');
		expect(out.window).toMatchObject({ open: false, humanAgent: true, humanAgentUntil: '2026-03-13T23:14:00.000Z' });
		expect(out.body).toEqual({
			recipient: { id: '6543210987654321' },
			messaging_type: 'MESSAGE_TAG',
			tag: 'HUMAN_AGENT',
			message: { text: 'Yes, bring it with the receipt.' },
		});
		expect(outboundFor(personReply, tagged('2026-03-13T23:14:00Z'))).toMatchObject({ route: 'window-closed', closed: { reason: 'past_human_agent_window' } });
	});

	it('counts the 7 days from a later customer turn, and sends nothing tagged when the option is off', () => {
		const later = { ...personReply, history: [{ role: 'customer' as const, text: 'Still there?', at: '2026-03-10T08:00:00Z' }] };
		expect(outboundFor(later, tagged('2026-03-16T08:00:00Z'))!.body).toMatchObject({ tag: 'HUMAN_AGENT' });
		expect(outboundFor(personReply, settings(DAY_LATER))).toMatchObject({ route: 'window-closed', closed: { reason: 'human_agent_tag_off' } });
	});

	it('applies the same rules to Instagram', () => {
		const person = ticketFrom('instagram-text', { text: 'Sí, enviamos.', language: 'es', by: 'agent' });
		expect(outboundFor(person, tagged('2026-03-09T00:00:00Z'))).toMatchObject({ route: 'instagram', body: { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } });
		const ai = ticketFrom('instagram-text', { text: 'Sí, enviamos.', language: 'es' });
		expect(outboundFor(ai, tagged('2026-03-09T00:00:00Z'))).toMatchObject({ route: 'window-closed', channel: 'instagram', closed: { reason: 'automated_reply' } });
	});
});

it('sends a person\'s WhatsApp Cloud reply after 24 hours as the approved template as well', () => {
	const out = outboundFor(ticketFrom('whatsapp-cloud-trigger-text', { text: 'Ya salió tu pedido.', language: 'es', by: 'agent' }), settings('2026-03-09T10:00:00Z'))!;
	expect(out).toMatchObject({ route: 'whatsapp-cloud-template', body: { type: 'template', template: { name: 'support_follow_up' } } });
});

describe('Telegram sendMessage', () => {
	it('has no service window: a month later it is still a plain sendMessage', () => {
		const out = outboundFor(ticketFrom('telegram-message', { text: 'Vou verificar.', language: 'pt' }), settings('2026-04-06T23:15:00Z'))!;
		expect(out).toMatchObject({ route: 'telegram', to: '123456789', body: { chat_id: '123456789', text: 'Vou verificar.' } });
		expect(out.window).toBeUndefined();
	});

	it('answers in the customer chat with an inline keyboard', () => {
		const out = outboundFor(ticketFrom('telegram-message', { text: 'Vou verificar.', language: 'pt', options: [{ id: 'talk_to_human', title: 'Falar com uma pessoa' }] }), settings(SOON))!;
		expect(out.body).toEqual({
			chat_id: '123456789',
			text: 'Vou verificar.',
			reply_parameters: { message_id: 1365 },
			reply_markup: { inline_keyboard: [[{ text: 'Falar com uma pessoa', callback_data: 'talk_to_human' }]] },
		});
	});
});

it('leaves channels it does not send on to their own nodes', () => {
	expect(outboundFor({ ticketId: 'e', channel: 'email', customer: {}, message: { text: 'x' }, reply: { text: 'y', language: 'en' } }, settings(SOON))).toBeUndefined();
	expect(outboundFor({ ticketId: 'b', channel: 'whatsapp', customer: { phone: '+52' }, message: { text: 'x' }, whatsapp: { jid: 'j' } }, settings(SOON))).toBeUndefined();
});

it('names the missing field when there is no one to reply to', () => {
	expect(() => outboundFor({ ticketId: 't', channel: 'telegram', customer: {}, message: { text: 'x' } }, settings(SOON))).toThrow('telegram.chatId');
});
