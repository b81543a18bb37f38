/**
 * Language of a message: lexicon hint words and letters only one language uses (ñ ¿ ¡ for Spanish,
 * ã õ ç for Portuguese) settle most messages; tinyld's n-gram scores break the remaining ties.
 * A very short or ambiguous text keeps the customer's known language.
 */
import { tinyld } from '../text/tinyld';

export interface LanguageInput {
	text: string;
	tokens: readonly string[];
	hints: ReadonlyMap<string, ReadonlySet<string>>;
	/** Languages to choose from, e.g. ['es', 'pt', 'en']. */
	languages: readonly string[];
	customerLanguage?: string;
	defaultLanguage: string;
}

export interface LanguageResult {
	language: string;
	evidence: string;
}

const SHORT_TOKENS = 3;
const TINYLD_MIN_CHARS = 12;
const TINYLD_MAX_CHARS = 200;
const TINYLD_WEIGHT = 3;
const HINT_WEIGHT = 1;
const CUE_WEIGHT = 1.5;
/** Hint scores this high, this far ahead, settle the language without tinyld. */
const CLEAR_SCORE = 2;
const CLEAR_MARGIN = 2;
const LETTER_CUES: Record<string, RegExp> = { es: /[ñ¿¡]/i, pt: /[ãõç]|\bà\b/i };

export function detectLanguage(input: LanguageInput): LanguageResult {
	const { text, tokens, languages, defaultLanguage } = input;
	const customer = normaliseLanguage(input.customerLanguage);
	const known = customer && languages.includes(customer) ? customer : undefined;

	// Hint words first: they cost one set look-up per token, where tinyld costs ~0.5 ms per message.
	const scores = new Map<string, number>();
	for (const lang of languages) {
		const hintWords = input.hints.get(lang);
		let score = 0;
		if (hintWords) for (const token of tokens) if (hintWords.has(token)) score += HINT_WEIGHT;
		if (LETTER_CUES[lang]?.test(text)) score += CUE_WEIGHT;
		scores.set(lang, score);
	}
	let [best, second] = rank(scores, languages);
	let method = 'hint words';
	// The customer's known language settles it too, unless the text's hint words point elsewhere:
	// tinyld (~0.1–0.4 ms a call) is only asked when the text contradicts what we know.
	const agreesWithCustomer = known !== undefined && (scores.get(known) ?? 0) >= (best?.[1] ?? 0);
	const clear = agreesWithCustomer || (best && best[1] >= CLEAR_SCORE && best[1] - (second?.[1] ?? 0) >= CLEAR_MARGIN);
	if (!clear && text.length >= TINYLD_MIN_CHARS) {
		method = 'tinyld + hint words';
		for (const { lang, accuracy } of tinyld().detectAll(text.slice(0, TINYLD_MAX_CHARS), { only: [...languages] })) {
			scores.set(lang, (scores.get(lang) ?? 0) + accuracy * TINYLD_WEIGHT);
		}
		[best, second] = rank(scores, languages);
	}

	if (!best || best[1] === 0) {
		return { language: known ?? defaultLanguage, evidence: known ? 'language: customer.language (no signal in text)' : 'language: default' };
	}
	if (known && known !== best[0]) {
		// Short texts ("ok", "gracias", "agent") and near-ties keep the language the customer is known to use.
		const knownScore = scores.get(known) ?? 0;
		if (tokens.length < SHORT_TOKENS || best[1] - knownScore < 1) {
			return { language: known, evidence: 'language: customer.language (text too short or ambiguous)' };
		}
	}
	const margin = best[1] - (second?.[1] ?? 0);
	return { language: best[0], evidence: `language: ${best[0]} (${method}, score ${best[1].toFixed(2)}, margin ${margin.toFixed(2)})` };
}

function rank(scores: ReadonlyMap<string, number>, languages: readonly string[]): Array<[string, number]> {
	return [...scores.entries()].sort((a, b) => b[1] - a[1] || languages.indexOf(a[0]) - languages.indexOf(b[0]));
}

/** "es-MX", "ES", "pt_BR" -> "es", "pt". */
export function normaliseLanguage(value: string | undefined): string | undefined {
	if (!value) return undefined;
	const base = value.trim().toLowerCase().split(/[-_]/)[0];
	return base.length >= 2 ? base : undefined;
}
