import type { Ticket } from '../ticket';

/** The `email` section the inbox trigger adds to a ticket; the reply node threads from it. */
export interface EmailSection {
	from: string;
	fromName?: string;
	to: string[];
	cc?: string[];
	/** Reply-To address when the sender asked for replies elsewhere. */
	replyTo?: string;
	subject: string;
	messageId: string;
	inReplyTo?: string;
	references: string[];
	uid?: number;
	uidValidity?: string;
	mailbox?: string;
}

export type EmailTicket = Ticket & { channel: 'email'; email: EmailSection };
