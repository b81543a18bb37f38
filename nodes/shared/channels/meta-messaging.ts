import type { Ticket } from '../ticket';
import { arrayAt, capText, isObject, isoFromEpoch, type Json, objectAt, stringAt } from './payload';
import type { ChannelConversion } from './result';

export type MetaPlatform = 'messenger' | 'instagram';

/** The `meta` section: who wrote (page-scoped or Instagram-scoped id) and to which page or account. */
export interface MetaSection {
	platform: MetaPlatform;
	senderId: string;
	/** Page id (Messenger) or Instagram professional account id: the Send API's sender. */
	recipientId?: string;
	messageId?: string;
	/** quick_reply or postback payload the customer tapped. */
	payload?: string;
}

/** The first messaging event of a Messenger (object "page") or Instagram (object "instagram") webhook body. */
export function metaMessagingEvent(json: Json): { platform: MetaPlatform; event: Json } | undefined {
	const body = isObject(json.body) ? json.body : json;
	const platform = body.object === 'page' ? 'messenger' : body.object === 'instagram' ? 'instagram' : undefined;
	if (!platform) return undefined;
	for (const entry of arrayAt(body, 'entry')) {
		const [event] = arrayAt(entry, 'messaging').filter(isObject);
		if (event) return { platform, event };
	}
	return undefined;
}

export function metaToTicket(platform: MetaPlatform, event: Json): ChannelConversion {
	const senderId = stringAt(objectAt(event, 'sender'), 'id') ?? '';
	const recipientId = stringAt(objectAt(event, 'recipient'), 'id');
	const at = isoFromEpoch(event.timestamp, 'milliseconds');
	const message = objectAt(event, 'message');
	const postback = objectAt(event, 'postback');
	if (message?.is_echo === true) {
		return { event: { channel: platform, kind: 'echo', messageId: stringAt(message, 'mid'), customerId: recipientId, at } };
	}
	if (!message && !postback) {
		const status = ['delivery', 'read'].find((key) => isObject(event[key]));
		// A delivery names the messages it is about (mids, when Meta sends them); a read only has a watermark.
		const [mid] = status ? arrayAt(event[status], 'mids').filter((m): m is string => typeof m === 'string' && m !== '') : [];
		return { event: { channel: platform, kind: status ? 'status' : 'unsupported', status, ...(mid ? { messageId: mid } : {}), customerId: senderId, at } };
	}
	let text: string;
	let payload: string | undefined;
	let messageId: string | undefined;
	if (message) {
		messageId = stringAt(message, 'mid');
		payload = stringAt(objectAt(message, 'quick_reply'), 'payload');
		const [attachment] = arrayAt(message, 'attachments').filter(isObject);
		text = stringAt(message, 'text') ?? (attachment ? `[${stringAt(attachment, 'type') ?? 'attachment'}]` : '');
	} else {
		messageId = stringAt(postback, 'mid');
		payload = stringAt(postback, 'payload');
		text = stringAt(postback, 'title') ?? payload ?? '';
	}
	const section: MetaSection = {
		platform,
		senderId,
		...(recipientId ? { recipientId } : {}),
		...(messageId ? { messageId } : {}),
		...(payload ? { payload } : {}),
	};
	const ticket: Ticket = {
		ticketId: `${platform}-${messageId ?? `${senderId}-${String(event.timestamp ?? '')}`}`,
		channel: platform,
		customer: { id: senderId },
		message: { text: capText(text), ...(messageId ? { id: messageId } : {}), ...(at ? { receivedAt: at } : {}) },
		meta: section,
	};
	return { ticket };
}

/**
 * Meta's webhook verification (GET with hub.mode=subscribe, hub.verify_token, hub.challenge):
 * the challenge to echo back when the token matches, undefined otherwise.
 */
export function metaVerificationChallenge(query: unknown, verifyToken: string): string | undefined {
	if (!verifyToken || stringAt(query, 'hub.mode') !== 'subscribe') return undefined;
	if (stringAt(query, 'hub.verify_token') !== verifyToken) return undefined;
	return stringAt(query, 'hub.challenge');
}
