import { arrayAt, isObject, stringAt } from './payload';

/** A choice offered with a reply: a button, list row or quick reply. */
export interface ReplyOption {
	id: string;
	title: string;
	description?: string;
}

// Platform limits from the Cloud API, Send API and Bot API references; longer text is refused by the API.
const LIMITS = {
	whatsappText: 4096,
	whatsappInteractiveBody: 1024,
	whatsappButtons: 3,
	whatsappButtonTitle: 20,
	whatsappListRows: 10,
	whatsappRowTitle: 24,
	whatsappRowDescription: 72,
	messengerText: 2000,
	messengerQuickReplies: 13,
	messengerQuickReplyTitle: 20,
	telegramText: 4096,
	telegramCallbackData: 64,
};

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Options from `reply.options` (array of { id, title, description }); anything malformed is skipped. */
export function replyOptions(reply: unknown): ReplyOption[] {
	return arrayAt(reply, 'options')
		.filter(isObject)
		.map((option) => ({ id: stringAt(option, 'id') ?? stringAt(option, 'title') ?? '', title: stringAt(option, 'title') ?? '', description: stringAt(option, 'description') }))
		.filter((option) => option.id && option.title);
}

export interface WhatsAppTemplate {
	name: string;
	/** Template language code as approved, e.g. es_MX or en_US. */
	language: string;
	/** Values for the body's {{1}}, {{2}}... placeholders. */
	bodyParameters?: string[];
}

/** Cloud API /messages body: text, up to 3 reply buttons, or a list of up to 10 rows. */
export function whatsAppCloudSessionMessage(to: string, text: string, options: ReplyOption[] = [], listButton = 'Options'): Record<string, unknown> {
	const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to };
	if (options.length === 0) return { ...base, type: 'text', text: { preview_url: false, body: clip(text, LIMITS.whatsappText) } };
	const body = { text: clip(text, LIMITS.whatsappInteractiveBody) };
	if (options.length <= LIMITS.whatsappButtons) {
		return {
			...base,
			type: 'interactive',
			interactive: {
				type: 'button',
				body,
				action: { buttons: options.map((o) => ({ type: 'reply', reply: { id: o.id, title: clip(o.title, LIMITS.whatsappButtonTitle) } })) },
			},
		};
	}
	return {
		...base,
		type: 'interactive',
		interactive: {
			type: 'list',
			body,
			action: {
				button: clip(listButton, LIMITS.whatsappButtonTitle),
				sections: [
					{
						rows: options.slice(0, LIMITS.whatsappListRows).map((o) => ({
							id: o.id,
							title: clip(o.title, LIMITS.whatsappRowTitle),
							...(o.description ? { description: clip(o.description, LIMITS.whatsappRowDescription) } : {}),
						})),
					},
				],
			},
		},
	};
}

/** Cloud API /messages body for an approved template: the only message allowed outside the 24-hour window. */
export function whatsAppCloudTemplateMessage(to: string, template: WhatsAppTemplate): Record<string, unknown> {
	const parameters = (template.bodyParameters ?? []).map((text) => ({ type: 'text', text: clip(text, 1024) }));
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to,
		type: 'template',
		template: {
			name: template.name,
			language: { code: template.language },
			...(parameters.length ? { components: [{ type: 'body', parameters }] } : {}),
		},
	};
}

/**
 * Messenger / Instagram Send API body. Inside the window a RESPONSE; outside it, only a person may
 * still answer (the HUMAN_AGENT tag, 7 days), so the caller passes `humanAgent` for an agent's reply.
 */
export function metaSendMessage(recipientId: string, text: string, options: ReplyOption[] = [], { humanAgent = false } = {}): Record<string, unknown> {
	const quickReplies = options
		.slice(0, LIMITS.messengerQuickReplies)
		.map((o) => ({ content_type: 'text', title: clip(o.title, LIMITS.messengerQuickReplyTitle), payload: o.id }));
	return {
		recipient: { id: recipientId },
		...(humanAgent ? { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } : { messaging_type: 'RESPONSE' }),
		message: { text: clip(text, LIMITS.messengerText), ...(quickReplies.length ? { quick_replies: quickReplies } : {}) },
	};
}

/** Telegram Bot API sendMessage body, with one inline-keyboard button per row for choices. */
export function telegramSendMessage(chatId: string, text: string, options: ReplyOption[] = [], replyToMessageId?: string): Record<string, unknown> {
	return {
		chat_id: chatId,
		text: clip(text, LIMITS.telegramText),
		...(replyToMessageId ? { reply_parameters: { message_id: Number(replyToMessageId) } } : {}),
		...(options.length
			? { reply_markup: { inline_keyboard: options.map((o) => [{ text: o.title, callback_data: o.id.slice(0, LIMITS.telegramCallbackData) }]) } }
			: {}),
	};
}
