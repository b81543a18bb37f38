/**
 * Ticket ids in mail subjects: read `[#T-12345]` / `[Ticket #123]` on the way in, write
 * `[#<id>]` on the way out, so a customer's reply lands on the same ticket.
 * Pure: no n8n imports.
 */
import { createHash } from 'crypto';

/** Matches `[#T-12345]`, `[#123]`, `[Ticket #123]`, `[ticket#AB-9]`; group 1 is the id. */
export const DEFAULT_TICKET_ID_PATTERN = String.raw`\[(?:ticket\s*)?#\s*([A-Za-z0-9][A-Za-z0-9_.-]{0,63})\]`;

const compiledPatterns = new Map<string, RegExp>();

/** Compiles (once per pattern text) a user-supplied pattern; case-insensitive. */
export function compileTicketIdPattern(pattern: string = DEFAULT_TICKET_ID_PATTERN): RegExp {
	let regex = compiledPatterns.get(pattern);
	if (!regex) {
		regex = new RegExp(pattern, 'i');
		compiledPatterns.set(pattern, regex);
	}
	return regex;
}

/** The ticket id in a subject (capture group 1, else the whole match), or undefined. */
export function extractTicketId(subject: string | undefined, pattern?: string | RegExp): string | undefined {
	if (!subject) return undefined;
	const regex = pattern instanceof RegExp ? pattern : compileTicketIdPattern(pattern);
	const match = regex.exec(subject);
	if (!match) return undefined;
	const id = (match[1] ?? match[0]).trim();
	return id || undefined;
}

/** A stable id for a new conversation, derived from its Message-ID (or any other unique seed). */
export function ticketIdFromSeed(seed: string, prefix = 'E-'): string {
	return prefix + createHash('sha256').update(seed).digest('hex').slice(0, 10).toUpperCase();
}
