import { DateTime } from 'luxon';
import { cachedZone } from '../calendar/cachedZone';
import { fill, messagesFor, pickLanguage, pickVariant } from '../i18n';
import type { OutreachCase } from '../conversation/outreach';
import { FOLLOW_UP_WORDS } from './words';

export interface FollowUpOptions {
	/** The run's time, ISO 8601 with offset. */
	now: string;
	/** The business calendar's zone: "last night" is the night before today there. */
	timeZone: string;
	business: string;
	/** Who signs a queue draft ("the support team" when empty). */
	agent?: string;
}

export interface FollowUpMessage {
	language: string;
	/** To the customer, or drafted for the person in the queue. */
	text: string;
	/** For the queue: one line on what happened. */
	summary: string;
}

/** The customer's words, cut at a word boundary: a follow-up quotes them, it does not paste a whole message. */
const TOPIC_MAX = 60;
const END_PUNCTUATION = new Set(['.', '?', '!', ',', ';', ':']);

/** Drops trailing punctuation (a loop, not a regex: a `[…]+$` rescans on long runs). */
function withoutEndPunctuation(text: string): string {
	let end = text.length;
	while (end > 0 && END_PUNCTUATION.has(text[end - 1])) end--;
	return text.slice(0, end);
}

function topicOf(text: string): string {
	const flat = text.slice(0, 4 * TOPIC_MAX).replace(/\s+/g, ' ').trim();
	if (flat.length <= TOPIC_MAX) return withoutEndPunctuation(flat);
	const cut = flat.slice(0, TOPIC_MAX);
	const space = cut.lastIndexOf(' ');
	return `${withoutEndPunctuation(space > TOPIC_MAX / 2 ? cut.slice(0, space) : cut)}…`;
}

const capitalize = (text: string) => (text ? text[0].toUpperCase() + text.slice(1) : text);

/** "anoche" when the case came in on the evening before (or the small hours of today), else "el sábado". */
function whenOf(customerAt: string, now: string, timeZone: string, words: (typeof FOLLOW_UP_WORDS)['es']): string {
	const zone = cachedZone(timeZone);
	const at = DateTime.fromISO(customerAt, { setZone: true }).setZone(zone);
	const today = DateTime.fromISO(now, { setZone: true }).setZone(zone).startOf('day');
	const days = Math.round(today.diff(at.startOf('day'), 'days').days);
	if (days <= 1) return words.lastNight;
	return words.onWeekday[at.weekday - 1];
}

/** The morning follow-up of one case, in the customer's language, with their name and words, one of several variants. */
export function followUpMessage(found: OutreachCase, options: FollowUpOptions): FollowUpMessage {
	const language = pickLanguage(found.language);
	const words = FOLLOW_UP_WORDS[language as keyof typeof FOLLOW_UP_WORDS];
	const when = whenOf(found.customerAt, options.now, options.timeZone, words);
	const values = {
		name: found.name?.split(' ')[0],
		topic: topicOf(found.customerText),
		when,
		When: capitalize(when),
		business: options.business.trim() || messagesFor(language).businessFallback,
		agent: options.agent?.trim() || words.agentFallback,
		channel: found.channel,
	};
	const variants = found.action === 'queue' ? words.queue : words.customer;
	// Seeded by the case, so a replay writes the same text and two customers rarely get the same one.
	const text = fill(pickVariant(variants, `${found.conversationId}:${found.caseId}`), values);
	const summary = fill(words.summary, { ...values, name: found.name ?? found.recipient.phone ?? found.recipient.email ?? found.conversationId });
	return { language, text, summary };
}
