import type { Ticket } from '../ticket';
import { capText, isObject, isoFromEpoch, type Json, objectAt, stringAt } from './payload';
import type { ChannelConversion } from './result';

/** The `telegram` section: the chat to answer in, and the tapped button if any. */
export interface TelegramSection {
	chatId: string;
	messageId?: string;
	/** Set for an inline keyboard tap; the reply should also answer the callback query. */
	callbackQueryId?: string;
	callbackData?: string;
}

const MESSAGE_KEYS = ['message', 'edited_message'] as const;

/** An update as n8n's Telegram Trigger emits it (the Bot API Update object), or a Webhook item with it as body. */
export function telegramUpdate(json: Json): Json | undefined {
	const body = isObject(json.body) ? json.body : json;
	if (body.update_id === undefined) return undefined;
	return MESSAGE_KEYS.some((key) => isObject(body[key])) || isObject(body.callback_query) ? body : undefined;
}

function fullName(from: Json | undefined): string | undefined {
	const name = [stringAt(from, 'first_name'), stringAt(from, 'last_name')].filter(Boolean).join(' ');
	return name || stringAt(from, 'username');
}

export function telegramToTicket(update: Json): ChannelConversion {
	const callback = objectAt(update, 'callback_query');
	const message = objectAt(update, 'message') ?? objectAt(update, 'edited_message') ?? objectAt(callback, 'message');
	const from = objectAt(callback, 'from') ?? objectAt(message, 'from');
	const chatId = stringAt(objectAt(message, 'chat'), 'id') ?? stringAt(from, 'id') ?? '';
	const text = callback
		? (stringAt(callback, 'data') ?? '')
		: (stringAt(message, 'text') ?? stringAt(message, 'caption') ?? (message?.photo ? '[photo]' : message?.document ? '[document]' : '[message]'));
	const messageId = stringAt(message, 'message_id');
	// A callback query has no date of its own; its message's date is when the bot asked, the closest known time.
	const receivedAt = isoFromEpoch(callback ? undefined : message?.date, 'seconds');
	const section: TelegramSection = {
		chatId,
		...(messageId ? { messageId } : {}),
		...(callback ? { callbackQueryId: stringAt(callback, 'id'), callbackData: stringAt(callback, 'data') } : {}),
	};
	const name = fullName(from);
	const language = stringAt(from, 'language_code')?.slice(0, 2).toLowerCase();
	const ticket: Ticket = {
		ticketId: callback ? `telegram-cb-${stringAt(callback, 'id') ?? chatId}` : `telegram-${chatId}-${messageId ?? stringAt(update, 'update_id')}`,
		channel: 'telegram',
		customer: { id: stringAt(from, 'id') ?? chatId, ...(name ? { name } : {}), ...(language ? { language } : {}) },
		message: { text: capText(text), ...(messageId ? { id: messageId } : {}), ...(receivedAt ? { receivedAt } : {}) },
		telegram: section,
	};
	return { ticket };
}
