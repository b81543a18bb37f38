import { createHash } from 'node:crypto';
import { fromChannelPayload } from './channels/from-payload';
import { capTicket, DEFAULT_INPUT_LIMITS, type InputLimits } from './input-limits';
import type { Ticket } from './ticket';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

/** A delivery or read status, an echo of our own reply: about a conversation, never a ticket. */
export const isChannelEvent = (json: Json) => isObject(json.channelEvent) && !isObject(json.message);

/**
 * Turns what n8n's own entry nodes emit into the ticket shape, so a template can start at a Webhook
 * ({ headers, body }) or a Chat Trigger ({ sessionId, chatInput }) as well as at our channel triggers.
 * An item that already is a ticket is returned unchanged, except for the input limit (input-limits.ts).
 */
export function toTicketShape(json: Json, receivedAtFallback: () => string, limits: InputLimits = DEFAULT_INPUT_LIMITS): Json {
	const capped = (ticket: Json) => capTicket(ticket as unknown as Ticket, limits) as unknown as Json;
	// n8n's WhatsApp and Telegram triggers, or a Webhook fed by Meta's Messenger / Instagram webhook; first,
	// because a Telegram update has a `message` with `text` too.
	const channel = fromChannelPayload(json);
	if (channel && 'event' in channel) return { channelEvent: channel.event };
	if (channel) return capped({ ...channel.ticket, message: { ...channel.ticket.message, receivedAt: channel.ticket.message.receivedAt ?? receivedAtFallback() } } as unknown as Json);
	if (isObject(json.message) && typeof json.message.text === 'string') return capped(json);
	const body = isObject(json.body) ? json.body : json;
	if (isObject(body.message) && typeof body.message.text === 'string') {
		return capped({ ...body, message: { ...body.message, receivedAt: body.message.receivedAt ?? receivedAtFallback() } });
	}
	const messageText = text(body.text) ?? text(body.chatInput) ?? text(body.message);
	if (messageText === undefined) return json;
	const receivedAt = text(body.receivedAt) ?? text(body.created_at) ?? text(body.createdAt) ?? receivedAtFallback();
	const customer: Json = isObject(body.customer) ? { ...body.customer } : {};
	for (const key of ['name', 'email', 'phone', 'language'] as const) {
		const value = text(body[key]) ?? text(body[`customer_${key}`]);
		if (value && customer[key] === undefined) customer[key] = value;
	}
	const id =
		text(body.ticketId) ??
		text(body.id) ??
		text(body.sessionId) ??
		`web-${createHash('sha1').update(`${receivedAt}|${messageText}`).digest('hex').slice(0, 12)}`;
	const ticket: Ticket = {
		ticketId: String(id),
		channel: text(body.channel) ?? 'webchat',
		customer,
		message: { text: messageText, receivedAt, ...(text(body.subject) ? { subject: text(body.subject) } : {}) },
		...(body.history !== undefined ? { history: body.history as Ticket['history'] } : {}),
		// The chat widget's session: the web chat customer's verified identity for the Conversation Store.
		...(text(body.sessionId) ? { sessionId: text(body.sessionId) } : {}),
	};
	return capped(ticket as unknown as Json);
}
