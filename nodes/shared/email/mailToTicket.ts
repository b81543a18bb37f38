/**
 * One parsed mail → the ticket item (nodes/shared/ticket.ts) plus the verdict on whether it
 * is automated mail the trigger must skip. Pure: no n8n imports.
 */
import { DateTime } from 'luxon';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

import { capText, DEFAULT_INPUT_LIMITS } from '../input-limits';
import { detectAutomatedMail, type AutomatedVerdict } from './autoReply';
import { headersFromLines, normalizeMessageId, parseMessageIdList, sanitizeHeaderText } from './headers';
import { newEmailText } from './quotedReply';
import { extractTicketId, ticketIdFromSeed } from './ticketId';
import type { EmailTicket } from './types';

/**
 * mailparser reads at most this many times the text limit of raw mail (never less than
 * MIN_SOURCE_LENGTH, so a small limit never cuts a normal mail's headers). Its splitter costs per
 * line, so a 1 MB body of empty lines took ~0.4 s before the text cap could apply. Text comes before
 * attachments in a mail, so the cut falls in what the ticket never reads.
 */
const SOURCE_WINDOW = 10;
const MIN_SOURCE_LENGTH = 200_000;

export interface MailContext {
	uid?: number;
	uidValidity?: string;
	mailbox?: string;
	/** IMAP INTERNALDATE, used when the Date header is missing or broken. */
	internalDate?: Date | string;
	/** Pattern (text or RegExp) whose group 1 is the ticket id; default in ticketId.ts. */
	ticketIdPattern?: string | RegExp;
	/** Drop quoted history under the customer's new text (default true). */
	stripQuotes?: boolean;
	/** Longest message text kept, in characters. */
	maxTextLength?: number;
}

export interface MappedMail {
	ticket: EmailTicket;
	verdict: AutomatedVerdict;
}

/** A parsed mail; `sourceCut` says its raw source was cut before parsing, and how long it was. */
export type CappedMail = ParsedMail & { sourceCut?: { originalLength: number } };

/** The longest raw mail parsed for a text limit. */
export function maxSourceLength(maxTextLength = DEFAULT_INPUT_LIMITS.maxTextLength): number {
	return Math.max(MIN_SOURCE_LENGTH, maxTextLength * SOURCE_WINDOW);
}

/**
 * The raw mail cut at its last line break within `max` (a line cut in half could be half a base64
 * quad or a quoted-printable escape), or as it is when shorter.
 */
export function capMailSource<S extends Buffer | string>(source: S, max: number): { source: S; truncated: boolean; originalLength: number } {
	const originalLength = source.length;
	if (originalLength <= max) return { source, truncated: false, originalLength };
	if (typeof source === 'string') {
		const lineEnd = source.lastIndexOf('\n', max - 1);
		return { source: source.slice(0, lineEnd > 0 ? lineEnd + 1 : max) as S, truncated: true, originalLength };
	}
	const lineEnd = source.lastIndexOf(0x0a, max - 1);
	return { source: source.subarray(0, lineEnd > 0 ? lineEnd + 1 : max) as S, truncated: true, originalLength };
}

/**
 * mailparser on the raw mail, cut first at maxSourceLength of the text limit; attachments skipped
 * from the text (we only need words and headers).
 */
export async function parseMail(source: Buffer | string, options: { maxTextLength?: number } = {}): Promise<CappedMail> {
	const capped = capMailSource(source, maxSourceLength(options.maxTextLength));
	const mail: CappedMail = await simpleParser(capped.source, { skipImageLinks: true, skipTextToHtml: true });
	if (capped.truncated) mail.sourceCut = { originalLength: capped.originalLength };
	return mail;
}

function addresses(value: AddressObject | AddressObject[] | undefined): Array<{ address: string; name: string }> {
	const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
	const out: Array<{ address: string; name: string }> = [];
	for (const object of objects) {
		for (const entry of object.value) {
			// Groups nest their members.
			for (const member of entry.group ?? [entry]) {
				if (member.address) out.push({ address: sanitizeHeaderText(member.address, 320).toLowerCase(), name: sanitizeHeaderText(member.name, 200) });
			}
		}
	}
	return out;
}

/** "Mon, 2 Mar 2026 10:00:00 -0600 (CST)" without its "(CST)"; by index, as a pattern ending in "\s*$" rescans blanks. */
export function withoutTrailingComment(value: string): string {
	const text = value.trimEnd();
	if (!text.endsWith(')')) return value;
	const open = text.indexOf('(', text.lastIndexOf(')', text.length - 2) + 1);
	return open < 0 ? value : text.slice(0, open).trimEnd();
}

/** The mail's Date header with the sender's own offset, else the parsed date, else INTERNALDATE. */
function receivedAt(rawDate: string | undefined, parsed: Date | undefined, internalDate: Date | string | undefined): string | undefined {
	if (rawDate) {
		const fromHeader = DateTime.fromRFC2822(withoutTrailingComment(rawDate), { setZone: true });
		if (fromHeader.isValid) return fromHeader.toISO() ?? undefined;
	}
	for (const candidate of [parsed, internalDate]) {
		if (candidate === undefined) continue;
		const date = DateTime.fromJSDate(candidate instanceof Date ? candidate : new Date(candidate), { zone: 'utc' });
		if (date.isValid) return date.toISO() ?? undefined;
	}
	return undefined;
}

export function mailToTicket(mail: CappedMail, context: MailContext = {}): MappedMail {
	const headers = headersFromLines(mail.headerLines ?? []);
	const from = addresses(mail.from)[0];
	const verdict = detectAutomatedMail(headers, from?.address);

	const subject = sanitizeHeaderText(mail.subject);
	const messageId = normalizeMessageId(mail.messageId ?? headers['message-id']?.[0]);
	const inReplyTo = normalizeMessageId(mail.inReplyTo) || undefined;
	// Some clients send In-Reply-To without References; the chain must still reach the parent.
	const referenced = parseMessageIdList(mail.references ?? headers['references']?.[0] ?? []);
	const references = inReplyTo && !referenced.includes(inReplyTo) ? [...referenced, inReplyTo] : referenced;
	const at = receivedAt(headers['date']?.[0], mail.date, context.internalDate);

	const fullText = (mail.text ?? '').trim();
	const limit = context.maxTextLength ?? DEFAULT_INPUT_LIMITS.maxTextLength;
	const stripped = context.stripQuotes === false ? { text: fullText, cut: false } : newEmailText(fullText, limit);
	const capped = capText(stripped.text, limit);
	if (stripped.cut) Object.assign(capped, { truncated: true, originalLength: fullText.length });
	// Cut before parsing: the full text was never decoded; the raw mail's length stands for it.
	if (mail.sourceCut) Object.assign(capped, { truncated: true, originalLength: Math.max(capped.originalLength, mail.sourceCut.originalLength) });

	const seed = messageId || `${from?.address ?? ''}|${at ?? ''}|${subject}|${context.uidValidity ?? ''}:${context.uid ?? ''}`;
	const ticketId = extractTicketId(subject, context.ticketIdPattern) ?? ticketIdFromSeed(seed);
	const replyTo = addresses(mail.replyTo)[0]?.address;
	const cc = addresses(mail.cc).map((a) => a.address);

	const ticket: EmailTicket = {
		ticketId,
		channel: 'email',
		customer: { email: from?.address, ...(from?.name ? { name: from.name } : {}) },
		message: {
			text: capped.text,
			...(capped.truncated ? { truncated: true, originalLength: capped.originalLength } : {}),
			subject,
			...(at ? { receivedAt: at } : {}),
			id: messageId,
			references,
		},
		email: {
			from: from?.address ?? '',
			...(from?.name ? { fromName: from.name } : {}),
			to: addresses(mail.to).map((a) => a.address),
			...(cc.length ? { cc } : {}),
			...(replyTo && replyTo !== from?.address ? { replyTo } : {}),
			subject,
			messageId,
			...(inReplyTo ? { inReplyTo } : {}),
			references,
			...(context.uid !== undefined ? { uid: context.uid } : {}),
			...(context.uidValidity !== undefined ? { uidValidity: context.uidValidity } : {}),
			...(context.mailbox !== undefined ? { mailbox: context.mailbox } : {}),
		},
	};
	return { ticket, verdict };
}
