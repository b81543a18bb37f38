/**
 * Builds the threaded reply for a ticket: subject with the ticket tag, In-Reply-To and
 * References, and the RFC 3834 marker that stops other robots from answering us.
 * Pure: no n8n imports. The result is a plain object nodemailer's sendMail accepts.
 */
import { assertHeaderSafe, normalizeMessageId, parseMessageIdList } from './headers';
import { extractTicketId } from './ticketId';

export interface ReplyInput {
	ticketId?: string;
	text: string;
	to: string;
	/** Display name for the recipient. */
	toName?: string;
	/** Subject of the mail being answered (without our "Re:"). */
	subject?: string;
	/** Message-ID of the mail being answered. */
	inReplyTo?: string;
	/** The answered mail's own References chain. */
	references?: string[];
	from: string;
	fromName?: string;
	replyTo?: string;
	cc?: string;
	bcc?: string;
	html?: string;
	/** Adds Auto-Submitted: auto-replied (RFC 3834) and asks Exchange for no auto-responses. */
	autoSubmitted?: boolean;
	/** Put `[#<ticketId>]` in the subject (not repeated if already there). */
	tagSubject?: boolean;
	ticketIdPattern?: string;
}

export interface ReplyMail {
	from: { address: string; name: string } | string;
	to: { address: string; name: string } | string;
	cc?: string;
	bcc?: string;
	replyTo?: string;
	subject: string;
	text: string;
	html?: string;
	inReplyTo?: string;
	references?: string[];
	headers: Record<string, string>;
}

/** Thrown when a required reply field is missing or malformed; `field` names it. */
export class ReplyFieldError extends Error {
	constructor(readonly field: string, message: string) {
		super(message);
		this.name = 'ReplyFieldError';
	}
}

// Each part owns the spaces after it, so no two quantifiers share a run of spaces (that was cubic).
const REPLY_PREFIX = /^\s*(?:(?:re|aw|sv|r|rif|antw)\s*(?:\[\d+\]\s*)?:\s*)+/i;
/** Keep References bounded: some threads grow for years, servers cap header size. */
const MAX_REFERENCES = 20;

export function buildReplySubject(subject: string | undefined, ticketId: string | undefined, tagSubject = true, pattern?: string): string {
	const base = (subject ?? '').replace(REPLY_PREFIX, '').trim();
	let result = base ? `Re: ${base}` : 'Re: your message';
	if (tagSubject && ticketId && extractTicketId(base, pattern) !== ticketId) {
		result += ` [#${ticketId}]`;
	}
	return result;
}

const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/;

export function buildReplyMail(input: ReplyInput): ReplyMail {
	for (const [field, value] of [
		['subject', input.subject],
		['to', input.to],
		['name', input.toName],
		['fromName', input.fromName],
		['from', input.from],
		['reply-to', input.replyTo],
		['cc', input.cc],
		['bcc', input.bcc],
		['inReplyTo', input.inReplyTo],
		['ticketId', input.ticketId],
	] as const) {
		assertHeaderSafe(field, value);
	}
	for (const reference of input.references ?? []) assertHeaderSafe('references', reference);

	const to = (input.to ?? '').trim();
	if (!ADDRESS.test(to)) throw new ReplyFieldError('to', `The "to" address "${to}" is not a single valid email address`);
	if (!ADDRESS.test((input.from ?? '').trim())) throw new ReplyFieldError('from', `The "from" address "${input.from}" is not a valid email address (set it in the SMTP credential)`);
	if (input.replyTo && !ADDRESS.test(input.replyTo.trim())) throw new ReplyFieldError('reply-to', `The "reply-to" address "${input.replyTo}" is not a valid email address`);
	if (!input.text || !input.text.trim()) throw new ReplyFieldError('text', 'The reply text is empty');

	const inReplyTo = input.inReplyTo ? normalizeMessageId(input.inReplyTo) : '';
	const chain = parseMessageIdList(input.references ?? []);
	if (inReplyTo && !chain.includes(inReplyTo)) chain.push(inReplyTo);
	// Keep the thread root (first) and the most recent ids, as RFC 5322 §3.6.4 suggests.
	const references = chain.length > MAX_REFERENCES ? [chain[0], ...chain.slice(-(MAX_REFERENCES - 1))] : chain;

	const headers: Record<string, string> = {};
	if (input.autoSubmitted !== false) {
		headers['Auto-Submitted'] = 'auto-replied';
		headers['X-Auto-Response-Suppress'] = 'All';
	}

	return {
		from: input.fromName ? { address: input.from.trim(), name: input.fromName } : input.from.trim(),
		to: input.toName ? { address: to, name: input.toName } : to,
		...(input.cc ? { cc: input.cc } : {}),
		...(input.bcc ? { bcc: input.bcc } : {}),
		...(input.replyTo ? { replyTo: input.replyTo.trim() } : {}),
		subject: buildReplySubject(input.subject, input.ticketId, input.tagSubject !== false, input.ticketIdPattern),
		text: input.text,
		...(input.html ? { html: input.html } : {}),
		...(inReplyTo ? { inReplyTo } : {}),
		...(references.length ? { references } : {}),
		headers,
	};
}
