/**
 * Reads what a reply needs from a ticket item: the defaults come from the sections the
 * inbox trigger wrote (`email`, `message`, `customer`), the options override them.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ReplyInput } from '../shared/email/replyMail';

export interface ReplyOptions {
	to?: string;
	subject?: string;
	fromName?: string;
	replyTo?: string;
	cc?: string;
	bcc?: string;
	autoSubmitted?: boolean;
	tagSubject?: boolean;
	textField?: string;
}

export interface SenderIdentity {
	fromEmail: string;
	fromName?: string;
}

function readPath(source: unknown, path: string): unknown {
	let value: unknown = source;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function textList(value: unknown): string[] | undefined {
	if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
	return typeof value === 'string' && value ? value.split(/\s+/) : undefined;
}

export function replyInputFromItem(item: IDataObject, options: ReplyOptions, sender: SenderIdentity): ReplyInput {
	const email = (item.email ?? {}) as IDataObject;
	const message = (item.message ?? {}) as IDataObject;
	const customer = (item.customer ?? {}) as IDataObject;
	const replyText = readPath(item, options.textField || 'reply.text');

	return {
		ticketId: text(item.ticketId),
		text: typeof replyText === 'string' ? replyText : '',
		to: options.to || text(email.replyTo) || text(email.from) || text(customer.email) || '',
		toName: options.to ? undefined : text(customer.name) ?? text(email.fromName),
		subject: options.subject || text(email.subject) || text(message.subject),
		inReplyTo: text(email.messageId) ?? text(message.id),
		references: textList(email.references) ?? textList(message.references),
		from: sender.fromEmail,
		fromName: options.fromName || sender.fromName || undefined,
		replyTo: options.replyTo || undefined,
		cc: options.cc || undefined,
		bcc: options.bcc || undefined,
		autoSubmitted: options.autoSubmitted !== false,
		tagSubject: options.tagSubject !== false,
	};
}
