import type { Ticket } from '../ticket';

/**
 * What a channel payload turns into: a customer message (a ticket), or an event about the
 * conversation (delivery, read, echo of our own reply) that must never become a ticket.
 */
export interface ChannelEvent {
	channel: string;
	kind: 'status' | 'echo' | 'reaction' | 'verification' | 'unsupported';
	/** e.g. sent, delivered, read, failed (WhatsApp), delivery, read (Messenger). */
	status?: string;
	/** The message the event is about. */
	messageId?: string;
	/** The customer the event is about. */
	customerId?: string;
	at?: string;
	/** Why a message failed (WhatsApp "failed" status), as the platform put it. */
	error?: string;
}

export type ChannelConversion = { ticket: Ticket } | { event: ChannelEvent };
