import { readPath } from '../field-path';
import type { Ticket } from '../ticket';
import { isObject, stringAt } from './payload';
import { metaSendMessage, replyOptions, telegramSendMessage, whatsAppCloudSessionMessage, whatsAppCloudTemplateMessage } from './replies';
import { HUMAN_AGENT_WINDOW_MS, insideServiceWindow, lastCustomerMessageAt } from './service-window';

/**
 * Where a reply goes out: the official WhatsApp route (free-form or template), Meta DMs, or Telegram;
 * `window-closed` when Messenger or Instagram allow no message at all, so a person must take it.
 */
export type OutboundRoute = 'whatsapp-cloud' | 'whatsapp-cloud-template' | 'messenger' | 'instagram' | 'telegram' | 'window-closed';

/**
 * Why a Messenger or Instagram reply may not go out: the AI's reply after 24 hours (only a person may
 * answer then), a person's reply with the HUMAN_AGENT tag switched off, or any reply after 7 days.
 */
export type ClosedReason = 'automated_reply' | 'human_agent_tag_off' | 'past_human_agent_window';

export interface Outbound {
	route: OutboundRoute;
	/** The API request body, ready to send as JSON; absent on `window-closed`, where nothing may be sent. */
	body?: Record<string, unknown>;
	/** The customer's channel (on `window-closed`, which is not a channel). */
	channel?: string;
	/** Recipient: wa_id, page- or Instagram-scoped id, or Telegram chat id. */
	to: string;
	text: string;
	/** The sending account: Cloud API phone number id, or the page / Instagram account id. */
	from?: string;
	window?: {
		lastCustomerMessageAt?: string;
		open: boolean;
		/** Messenger and Instagram: until when a person may still answer with the HUMAN_AGENT tag. */
		humanAgentUntil?: string;
		/** The reply goes out with the HUMAN_AGENT tag. */
		humanAgent?: boolean;
	};
	template?: { name: string; language: string };
	closed?: { reason: ClosedReason };
}

export interface OutboundSettings {
	/** When the reply is sent (ISO): from the item or a node parameter, never the process clock. */
	sendAt: string;
	whatsappTemplate: { name: string; language?: string };
	/** Outside the Messenger/Instagram window, send a person's reply with the HUMAN_AGENT tag (up to 7 days). */
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
		const from = stringAt(section, 'recipientId');
		if (open) return { route: channel, body: metaSendMessage(to, text, options), to, text, from, window };
		return metaOutsideWindow(ticket, settings, { channel, to, text, from, options, last, window });
	}
	if (channel === 'telegram') {
		const section = isObject(ticket.telegram) ? ticket.telegram : {};
		const to = requireText(stringAt(section, 'chatId') ?? ticket.customer?.id, 'telegram.chatId');
		// Telegram has no service window: a bot may write to a chat that started it at any time.
		return { route: 'telegram', body: telegramSendMessage(to, text, options, stringAt(section, 'messageId')), to, text };
	}
	return undefined;
}

interface MetaReply {
	channel: 'messenger' | 'instagram';
	to: string;
	text: string;
	from?: string;
	options: ReturnType<typeof replyOptions>;
	last?: number;
	window: { lastCustomerMessageAt?: string; open: boolean };
}

/**
 * Messenger and Instagram after 24 hours: only a person's reply, with the HUMAN_AGENT tag, within 7 days
 * of the customer's last message. Anything else would be refused by the Send API, so it is not sent: it
 * leaves as `window-closed`, for a person to take over.
 */
function metaOutsideWindow(ticket: Ticket, settings: OutboundSettings, reply: MetaReply): Outbound {
	const { channel, to, text, from, options, last } = reply;
	const humanAgentOpen = insideServiceWindow(ticket, settings.sendAt, HUMAN_AGENT_WINDOW_MS);
	const window = { ...reply.window, ...(last !== undefined ? { humanAgentUntil: new Date(last + HUMAN_AGENT_WINDOW_MS).toISOString() } : {}) };
	const byPerson = ticket.reply?.by === 'agent';
	if (byPerson && humanAgentOpen && settings.metaHumanAgentTag === true) {
		return { route: channel, body: metaSendMessage(to, text, options, { humanAgent: true }), to, text, from, window: { ...window, humanAgent: true } };
	}
	const reason: ClosedReason = !humanAgentOpen ? 'past_human_agent_window' : byPerson ? 'human_agent_tag_off' : 'automated_reply';
	return { route: 'window-closed', channel, to, text, from, window, closed: { reason } };
}

/**
 * The send time from the item when no parameter gives one: never the process clock. A person's answer
 * (Person's Reply) goes out when they answered, which may be days after the customer wrote.
 */
export function itemSendTime(json: unknown): string | undefined {
	for (const path of ['reply.at', 'personReply.at', 'sla.check.checkedAt', 'message.receivedAt']) {
		const value = readPath(json, path);
		if (typeof value === 'string' && value) return value;
	}
	return undefined;
}
