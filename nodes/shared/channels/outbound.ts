import type { Ticket } from '../ticket';
import { isObject, stringAt } from './payload';
import { metaSendMessage, replyOptions, telegramSendMessage, whatsAppCloudSessionMessage, whatsAppCloudTemplateMessage } from './replies';
import { insideServiceWindow, lastCustomerMessageAt } from './service-window';

/** Where a reply goes out: the official WhatsApp route (free-form or template), Meta DMs, or Telegram. */
export type OutboundRoute = 'whatsapp-cloud' | 'whatsapp-cloud-template' | 'messenger' | 'instagram' | 'telegram';

export interface Outbound {
	route: OutboundRoute;
	/** The API request body, ready to send as JSON. */
	body: Record<string, unknown>;
	/** Recipient: wa_id, page- or Instagram-scoped id, or Telegram chat id. */
	to: string;
	text: string;
	/** The sending account: Cloud API phone number id, or the page / Instagram account id. */
	from?: string;
	window?: { lastCustomerMessageAt?: string; open: boolean };
	template?: { name: string; language: string };
}

export interface OutboundSettings {
	/** When the reply is sent (ISO): from the item or a node parameter, never the process clock. */
	sendAt: string;
	whatsappTemplate: { name: string; language?: string };
	/** Outside the Messenger/Instagram window, send with the HUMAN_AGENT tag (a person's reply, up to 7 days). */
	metaHumanAgentTag?: boolean;
	listButton?: string;
}

/** True when the ticket came in through the official Cloud API (its converter adds `whatsappCloud`). */
export const isWhatsAppCloud = (ticket: Record<string, unknown>) => String(ticket.channel) === 'whatsapp' && isObject(ticket.whatsappCloud);

function requireText(value: string | undefined, field: string): string {
	if (!value) throw new Error(`field "${field}" is missing: no recipient to reply to`);
	return value;
}

/** Builds the channel-correct request for the ticket's reply, or undefined for channels this module does not send on. */
export function outboundFor(ticket: Ticket, settings: OutboundSettings): Outbound | undefined {
	const text = ticket.reply?.text ?? '';
	const options = replyOptions(ticket.reply);
	const channel = String(ticket.channel);
	const last = lastCustomerMessageAt(ticket);
	const open = insideServiceWindow(ticket, settings.sendAt);
	const window = { ...(last !== undefined ? { lastCustomerMessageAt: new Date(last).toISOString() } : {}), open };
	if (isWhatsAppCloud(ticket)) {
		const section = ticket.whatsappCloud as Record<string, unknown>;
		const to = requireText(stringAt(section, 'waId') ?? ticket.customer?.phone?.replace(/^\+/, ''), 'whatsappCloud.waId');
		const from = stringAt(section, 'phoneNumberId');
		if (open) return { route: 'whatsapp-cloud', body: whatsAppCloudSessionMessage(to, text, options, settings.listButton), to, text, from, window };
		const language = settings.whatsappTemplate.language || ticket.reply?.language || ticket.customer?.language || 'en';
		const template = { name: settings.whatsappTemplate.name, language };
		return {
			route: 'whatsapp-cloud-template',
			body: whatsAppCloudTemplateMessage(to, { ...template, bodyParameters: text ? [text] : [] }),
			to,
			text,
			from,
			window,
			template,
		};
	}
	if (channel === 'messenger' || channel === 'instagram') {
		const section = isObject(ticket.meta) ? ticket.meta : {};
		const to = requireText(stringAt(section, 'senderId') ?? ticket.customer?.id, 'meta.senderId');
		const humanAgent = !open && settings.metaHumanAgentTag === true;
		return { route: channel, body: metaSendMessage(to, text, options, { humanAgent }), to, text, from: stringAt(section, 'recipientId'), window };
	}
	if (channel === 'telegram') {
		const section = isObject(ticket.telegram) ? ticket.telegram : {};
		const to = requireText(stringAt(section, 'chatId') ?? ticket.customer?.id, 'telegram.chatId');
		// Telegram has no service window: a bot may write to a chat that started it at any time.
		return { route: 'telegram', body: telegramSendMessage(to, text, options, stringAt(section, 'messageId')), to, text };
	}
	return undefined;
}
