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

const PLACEHOLDER = /(\s?)\{\{\s*(\w+)\s*\}\}/g;

/** Where a template's placeholders are: the space before one is dropped with an empty value. */
interface Slot {
	start: number;
	end: number;
	space: string;
	key: string;
}

/**
 * Each template's placeholders, found once: the templates are a few dozen i18n strings, and a
 * replace with a callback per placeholder was most of a greeting's text work. Cleared when full.
 */
const SLOTS_LIMIT = 512;
const MAX_CACHED_TEMPLATE = 2000;
const slotsByTemplate = new Map<string, Slot[]>();

function slotsOf(template: string): Slot[] {
	let slots = slotsByTemplate.get(template);
	if (slots) return slots;
	slots = [];
	for (const m of template.matchAll(PLACEHOLDER)) slots.push({ start: m.index, end: m.index + m[0].length, space: m[1], key: m[2] });
	if (template.length <= MAX_CACHED_TEMPLATE) {
		if (slotsByTemplate.size >= SLOTS_LIMIT) slotsByTemplate.clear();
		slotsByTemplate.set(template, slots);
	}
	return slots;
}

/** Replaces {{placeholders}}; an empty value also drops the space before it ("Hola {{name}}," → "Hola,"). */
export function fill(template: string, values: Record<string, string | undefined>): string {
	// The same matches as a global replace, so the same text; an unknown key stays as written.
	let text = '';
	let last = 0;
	for (const slot of slotsOf(template)) {
		if (!(slot.key in values)) continue;
		const value = values[slot.key] ?? '';
		text += template.slice(last, slot.start) + (value ? `${slot.space}${value}` : '');
		last = slot.end;
	}
	text += template.slice(last);
	return text.replace(/ {2,}/g, ' ').trim();
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
