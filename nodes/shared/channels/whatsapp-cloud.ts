import type { Ticket } from '../ticket';
import { arrayAt, capText, isObject, isoFromEpoch, type Json, objectAt, stringAt } from './payload';
import type { ChannelConversion } from './result';

/** The `whatsappCloud` section: marks the official Cloud API route and says where to reply from. */
export interface WhatsAppCloudSection {
	phoneNumberId?: string;
	displayPhoneNumber?: string;
	waId: string;
	messageId: string;
	messageType: string;
	/** Id of the button or list row the customer tapped. */
	selectedId?: string;
}

/**
 * Recognises a Cloud API `value` object: n8n's WhatsApp Trigger emits one item per
 * `entry[].changes[]` with the change's value and `field`; a Webhook node receives the whole body.
 */
export function whatsAppCloudValue(json: Json): Json | undefined {
	if (json.messaging_product === 'whatsapp' && (Array.isArray(json.messages) || Array.isArray(json.statuses))) return json;
	const body = isObject(json.body) ? json.body : json;
	if (body.object !== 'whatsapp_business_account') return undefined;
	for (const entry of arrayAt(body, 'entry')) {
		for (const change of arrayAt(entry, 'changes')) {
			const value = objectAt(change, 'value');
			if (value && (Array.isArray(value.messages) || Array.isArray(value.statuses))) return value;
		}
	}
	return undefined;
}

const MEDIA = ['image', 'video', 'document', 'audio', 'sticker'] as const;

function messageText(message: Json): { text: string; selectedId?: string } {
	const type = stringAt(message, 'type') ?? 'unknown';
	if (type === 'text') return { text: stringAt(objectAt(message, 'text'), 'body') ?? '' };
	if (type === 'interactive') {
		const interactive = objectAt(message, 'interactive');
		const reply = objectAt(interactive, 'button_reply') ?? objectAt(interactive, 'list_reply');
		return { text: stringAt(reply, 'title') ?? '', selectedId: stringAt(reply, 'id') };
	}
	// A quick-reply button of a template message.
	if (type === 'button') {
		const button = objectAt(message, 'button');
		return { text: stringAt(button, 'text') ?? '', selectedId: stringAt(button, 'payload') };
	}
	if ((MEDIA as readonly string[]).includes(type)) {
		const media = objectAt(message, type);
		return { text: stringAt(media, 'caption') ?? stringAt(media, 'filename') ?? `[${type}]` };
	}
	if (type === 'location') {
		const location = objectAt(message, 'location');
		return { text: [stringAt(location, 'name'), stringAt(location, 'address')].filter(Boolean).join(', ') || '[location]' };
	}
	return { text: `[${type}]` };
}

/** A Cloud API value to a ticket, or to a status event (sent, delivered, read, failed), which is never a ticket. */
export function whatsAppCloudToTicket(value: Json): ChannelConversion {
	const [message] = arrayAt(value, 'messages').filter(isObject);
	if (!message) {
		const [status] = arrayAt(value, 'statuses').filter(isObject);
		const [failure] = arrayAt(status, 'errors').filter(isObject);
		const error = stringAt(objectAt(failure, 'error_data'), 'details') ?? stringAt(failure, 'title') ?? stringAt(failure, 'message');
		return {
			event: {
				channel: 'whatsapp',
				kind: 'status',
				status: stringAt(status, 'status'),
				messageId: stringAt(status, 'id'),
				customerId: stringAt(status, 'recipient_id'),
				at: isoFromEpoch(status?.timestamp, 'seconds'),
				...(error ? { error } : {}),
			},
		};
	}
	const type = stringAt(message, 'type') ?? 'unknown';
	const messageId = stringAt(message, 'id') ?? '';
	if (type === 'reaction') return { event: { channel: 'whatsapp', kind: 'reaction', messageId, customerId: stringAt(message, 'from') } };
	const waId = stringAt(message, 'from') ?? '';
	const contact = arrayAt(value, 'contacts').filter(isObject).find((c) => stringAt(c, 'wa_id') === waId) ?? arrayAt(value, 'contacts').filter(isObject)[0];
	const name = stringAt(objectAt(contact, 'profile'), 'name');
	const metadata = objectAt(value, 'metadata');
	const { text, selectedId } = messageText(message);
	const receivedAt = isoFromEpoch(message.timestamp, 'seconds');
	const section: WhatsAppCloudSection = {
		...(stringAt(metadata, 'phone_number_id') ? { phoneNumberId: stringAt(metadata, 'phone_number_id') } : {}),
		...(stringAt(metadata, 'display_phone_number') ? { displayPhoneNumber: stringAt(metadata, 'display_phone_number') } : {}),
		waId,
		messageId,
		messageType: type,
		...(selectedId ? { selectedId } : {}),
	};
	const ticket: Ticket = {
		ticketId: `whatsapp-${messageId || waId}`,
		channel: 'whatsapp',
		customer: { id: waId, phone: waId ? `+${waId}` : undefined, ...(name ? { name } : {}) },
		message: { text: capText(text), id: messageId, ...(receivedAt ? { receivedAt } : {}) },
		whatsappCloud: section,
	};
	if (!ticket.customer.phone) delete ticket.customer.phone;
	return { ticket };
}
