import en from './en.json';
import es from './es.json';
import pt from './pt.json';

/** Customer-facing messages of one language (the JSON files next to this one). */
export interface Messages {
	language: string;
	weekdays: string[];
	months: string[];
	time: { format: string; onTheHour: string; at: string; atOne: string };
	when: { today: string; tomorrow: string; weekday: string; weekdayWeekend?: string; date: string };
	businessFallback: string;
	greetings: string[];
	/** `checking`: L2, while the system lookup is under way or when it gave no answer of its own. */
	handoff: { open: string[]; closed: string[]; emergency: string[]; checking: string[] };
	promise: string;
	csat: { question: string[]; numbered: string; listButton: string; listSection: string; scale: string[]; emailSubject: string; emailIntro: string; thanks: string; lowScore: string };
}

const MESSAGES: Record<string, Messages> = { en, es, pt };
export const SUPPORTED_LANGUAGES = Object.keys(MESSAGES);
export const FALLBACK_LANGUAGE = 'en';

/** "es-MX", "PT_br", "Español"… → a supported language code, or undefined. */
export function normalizeLanguage(language: unknown): string | undefined {
	if (typeof language !== 'string') return undefined;
	const code = language.trim().toLowerCase().slice(0, 2);
	return MESSAGES[code] ? code : undefined;
}

/** The first supported language among the candidates, else English. */
export function pickLanguage(...candidates: unknown[]): string {
	for (const candidate of candidates) {
		const code = normalizeLanguage(candidate);
		if (code) return code;
	}
	return FALLBACK_LANGUAGE;
}

export function messagesFor(language: string): Messages {
	return MESSAGES[normalizeLanguage(language) ?? FALLBACK_LANGUAGE];
}

/** Replaces {{placeholders}}; an empty value also drops the space before it ("Hola {{name}}," → "Hola,"). */
export function fill(template: string, values: Record<string, string | undefined>): string {
	return template
		.replace(/(\s?)\{\{\s*(\w+)\s*\}\}/g, (whole, space: string, key: string) => {
			if (!(key in values)) return whole;
			const value = values[key] ?? '';
			return value ? `${space}${value}` : '';
		})
		.replace(/ {2,}/g, ' ')
		.trim();
}

/**
 * FNV-1a, 32 bit: a tiny stable string hash so that message variants are picked the same way on every
 * replay (no library needed for eight lines, and Math.random would break reproducibility).
 */
export function stableHash(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** One of several variants, picked deterministically from a seed such as the ticket id. */
export function pickVariant<T>(variants: readonly T[], seed: string): T {
	return variants[stableHash(seed) % variants.length];
}
