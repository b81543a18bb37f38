import type { BusinessCalendar, TimeInput } from '../calendar';
import { toMillis } from '../calendar';
import { fill, messagesFor, pickLanguage, pickVariant } from '../i18n';
import { historyTurns } from '../input-limits';
import type { HoursSection, Ticket } from '../ticket';
import { describeWhen } from './describeWhen';

export interface GreetOptions {
	/** The current time, used only when the ticket has no message.receivedAt. */
	now?: TimeInput;
	/** Forces the greeting language; otherwise triage.language, then customer.language, then defaultLanguage. */
	language?: string;
	defaultLanguage?: string;
	/** Fills {{business}}; defaults to "our team" in the customer's language. */
	businessName?: string;
	/** Per-language variants that replace the built-in ones, e.g. { es: ['Hola {{name}}…'] }. */
	templates?: Record<string, string[]>;
}

/** The instant a ticket is handled at: its message time (replays use history's time), else `now`. */
export function ticketTime(ticket: Ticket, now?: TimeInput): number {
	const received = ticket.message?.receivedAt;
	if (received) return toMillis(received, 'message.receivedAt');
	if (now !== undefined) return toMillis(now, 'now');
	throw new Error('message.receivedAt: missing, and no "now" was given');
}

/** "María José López" → "María"; ignores names that are really an email or a phone number. */
export function firstName(name: unknown): string | undefined {
	if (typeof name !== 'string') return undefined;
	const first = name.trim().split(/\s+/)[0];
	if (!first || /[@\d]/.test(first)) return undefined;
	return first;
}

/** The customer's language as the greeter and router see it. */
export function ticketLanguage(ticket: Ticket, forced?: string, fallback?: string): string {
	return pickLanguage(forced, ticket.triage?.language, ticket.customer?.language, fallback);
}

/**
 * Greet once: on the first contact of a conversation (no AI or agent turn yet, and no earlier greetedAt),
 * never alongside every bot reply. The same message passing twice keeps its greeting (greetedAt === now).
 */
export function isFirstContact(ticket: Ticket, nowIso: string): boolean {
	if (historyTurns(ticket).some((turn) => turn.role === 'ai' || turn.role === 'agent')) return false;
	// A person has the conversation, or the store cannot say: the bot does not greet.
	if (ticket.conversation?.takeover || ticket.conversation?.unavailable) return false;
	const greetedAt = ticket.hours?.greetedAt;
	return !greetedAt || greetedAt === nowIso;
}

/** Open or closed, when humans are next in, and the greeting to send (if this is the moment to greet). */
export function greetTicket(ticket: Ticket, calendar: BusinessCalendar, options: GreetOptions = {}): HoursSection {
	const ms = ticketTime(ticket, options.now);
	// Most tickets arrive in hours: answer those without building a DateTime.
	if (calendar.isOpen(ms)) return { open: true, greet: false, timeZone: calendar.timeZone };
	const at = calendar.toDateTime(ms);
	const nowIso = at.toISO() as string;

	const language = ticketLanguage(ticket, options.language, options.defaultLanguage);
	const messages = messagesFor(language);
	const next = calendar.nextOpen(at);
	const custom = options.templates?.[language]?.filter((t) => t.trim());
	const template = pickVariant(custom?.length ? custom : messages.greetings, String(ticket.ticketId ?? ''));
	const greeting = fill(template, {
		name: firstName(ticket.customer?.name),
		business: options.businessName?.trim() || messages.businessFallback,
		nextOpen: describeWhen(next, at, language, calendar.timeZone),
	});
	const greet = isFirstContact(ticket, nowIso);
	const hours: HoursSection = { open: false, nextOpenAt: next.toISO() as string, greeting, greet, language, timeZone: calendar.timeZone };
	if (greet) hours.greetedAt = nowIso;
	else if (ticket.hours?.greetedAt) hours.greetedAt = ticket.hours.greetedAt;
	return hours;
}
