/** Picks the answer text in the customer's language and opens it with a short, personal greeting. */
import { historyTurns } from '../input-limits';
import { isTextLanguage, type TextLanguage } from '../text';
import type { Ticket } from '../ticket';
import phrases from './replyPhrases.json';
import type { LocalizedText } from './types';

export const FALLBACK_LANGUAGE: TextLanguage = 'en';

/** The answer in `language`, else English, else the first one given; with the language it is in. */
export function pickAnswer(answer: LocalizedText, language: string, entryLanguage?: string): { text: string; language: string } {
	if (typeof answer === 'string') return { text: answer, language: entryLanguage ?? language };
	for (const candidate of [language, FALLBACK_LANGUAGE]) {
		const text = answer[candidate];
		if (text) return { text, language: candidate };
	}
	const [first] = Object.entries(answer).filter(([, text]) => Boolean(text));
	return first ? { text: first[1] as string, language: first[0] } : { text: '', language };
}

/** "ana maría lópez" -> "Ana"; empty when there is no usable name (an e-mail address, a phone number). */
export function firstName(fullName: unknown): string {
	if (typeof fullName !== 'string') return '';
	const first = fullName.trim().split(/\s+/)[0] ?? '';
	if (!/^\p{L}[\p{L}'-]*$/u.test(first)) return '';
	return first.charAt(0).toUpperCase() + first.slice(1).toLowerCase();
}

/** FNV-1a: a stable small hash, so the same ticket always gets the same wording. */
export function stableHash(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

export function personalizeAnswer(answerText: string, language: string, customerName: unknown, ticketId: string): string {
	const lang: TextLanguage = isTextLanguage(language) ? language : FALLBACK_LANGUAGE;
	const name = firstName(customerName);
	const options = name ? phrases[lang].withName : phrases[lang].noName;
	const opening = options[stableHash(ticketId || answerText) % options.length].replace('{name}', name);
	const body = answerText.trim();
	// After "Hola Ana, " the answer continues the sentence, so its first letter is lowered,
	// unless it starts with an acronym or a proper noun we cannot tell apart ("PayPal").
	const continues = opening.endsWith(', ') && /^\p{Lu}\p{Ll}/u.test(body) && !/^\p{Lu}\p{Ll}+\p{Lu}/u.test(body);
	return opening + (continues ? body.charAt(0).toLowerCase() + body.slice(1) : body);
}

/**
 * The customer-facing reply for a knowledge answer, greeting once per conversation: at first contact off
 * hours it opens with the Off-Hours Greeter's greeting (`hours.greet`, when in the answer's language); once
 * the bot or a person has answered (`history`) or the conversation was greeted (`hours.greetedAt`), the
 * answer alone; else a short opening.
 */
export function answerReply(ticket: Partial<Ticket>, answerText: string, language: string): string {
	const hours = ticket.hours;
	const greeting = hours?.greet ? hours.greeting?.trim() : undefined;
	if (greeting && (!hours?.language || hours.language === language)) return `${greeting}\n\n${answerText.trim()}`;
	// Greeted already: this episode has an answer, or the greeter greeted this conversation before (a new
	// episode after a person's answer or a release is still the same conversation).
	const greeted = !!hours?.greetedAt && !hours.greet;
	if (greeted || historyTurns(ticket).some((turn) => turn.role === 'ai' || turn.role === 'agent')) return answerText.trim();
	return personalizeAnswer(answerText, language, ticket.customer?.name, String(ticket.ticketId ?? ''));
}
