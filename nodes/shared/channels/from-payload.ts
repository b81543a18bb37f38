import { metaMessagingEvent, metaToTicket } from './meta-messaging';
import { isObject, type Json } from './payload';
import type { ChannelConversion, ChannelEvent } from './result';
import { telegramToTicket, telegramUpdate } from './telegram';
import { whatsAppCloudToTicket, whatsAppCloudValue } from './whatsapp-cloud';

/**
 * Recognises what n8n's WhatsApp Trigger, Telegram Trigger or a Webhook fed by Meta's Messenger or
 * Instagram webhook emits. Undefined when the item is none of them.
 */
export function fromChannelPayload(json: Json): ChannelConversion | undefined {
	const whatsapp = whatsAppCloudValue(json);
	if (whatsapp) return whatsAppCloudToTicket(whatsapp);
	const meta = metaMessagingEvent(json);
	if (meta) return metaToTicket(meta.platform, meta.event);
	const telegram = telegramUpdate(json);
	if (telegram) return telegramToTicket(telegram);
	return undefined;
}

/**
 * The channel event an item carries: one the Off-Hours Greeter or a converter already made
 * (`channelEvent`), or a raw status / echo payload. Undefined for a customer message or a ticket.
 */
export function channelEventOf(json: Json): ChannelEvent | undefined {
	if (isObject(json.channelEvent) && !isObject(json.message)) return json.channelEvent as unknown as ChannelEvent;
	const converted = fromChannelPayload(json);
	return converted && 'event' in converted ? converted.event : undefined;
}
