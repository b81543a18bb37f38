/**
 * Text normalisation shared by the intent model, the knowledge index and anyone else who compares
 * customer text: lower case, accents folded, apostrophes joined ("don't" -> "dont"), punctuation
 * to spaces, letter runs collapsed ("holaaaa" -> "hola") and chat abbreviations expanded
 * ("xq" -> "porque", "vc" -> "voce", "u" -> "you") from `abbreviations.json`.
 */
import abbreviationData from './abbreviations.json';

export type TextLanguage = 'es' | 'pt' | 'en';
export const TEXT_LANGUAGES: readonly TextLanguage[] = ['es', 'pt', 'en'];

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const APOSTROPHES = /['’`´]/g;
// Letters and digits of any script survive; everything else separates words.
const NON_WORD = /[^\p{L}\p{N}]+/gu;
// Three or more of the same letter are a chat stretch ("siiii"); two are kept ("llamar", "good").
const LETTER_RUNS = /(\p{L})\1{2,}/gu;

type AbbreviationTable = ReadonlyMap<string, string[]>;

function toTable(record: Record<string, string>): Map<string, string[]> {
	return new Map(Object.entries(record).map(([short, long]) => [short, long.split(' ')]));
}

const TABLES: Record<TextLanguage, AbbreviationTable> = {
	es: toTable(abbreviationData.es),
	pt: toTable(abbreviationData.pt),
	en: toTable(abbreviationData.en),
};

/**
 * Used when the language is unknown: only abbreviations every language agrees on, or that only
 * one language has and are longer than one letter, since "n" is "en" in Spanish but "nao" in
 * Portuguese.
 */
const ANY_LANGUAGE_TABLE: AbbreviationTable = (() => {
	const merged = new Map<string, string[]>();
	const conflicting = new Set<string>();
	for (const language of TEXT_LANGUAGES) {
		for (const [short, long] of TABLES[language]) {
			const seen = merged.get(short);
			if (seen && seen.join(' ') !== long.join(' ')) conflicting.add(short);
			else merged.set(short, long);
		}
	}
	for (const short of conflicting) merged.delete(short);
	for (const short of [...merged.keys()]) if (short.length < 2) merged.delete(short);
	return merged;
})();

export function isTextLanguage(value: unknown): value is TextLanguage {
	return value === 'es' || value === 'pt' || value === 'en';
}

/** Lower-cases and strips accents; keeps every other character. */
export function foldAccents(text: string): string {
	return text.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '');
}

/** Folded words of a text, before abbreviation expansion. */
export function foldedWords(text: string): string[] {
	// split/join, not replace, for the patterns without groups: the same result, and linear on a
	// flood of separators, where V8's global replace grew faster than the text.
	const folded = foldAccents(text).split(APOSTROPHES).join('').split(NON_WORD).join(' ').replace(LETTER_RUNS, '$1');
	return folded.split(' ').filter((word) => word !== '');
}

/** Folded words with chat abbreviations expanded for the given language (or the safe common set). */
export function normalizeWords(text: string, language?: string): string[] {
	const table = isTextLanguage(language) ? TABLES[language] : ANY_LANGUAGE_TABLE;
	const words: string[] = [];
	for (const word of foldedWords(text)) {
		const expansion = table.get(word);
		if (expansion) words.push(...expansion);
		else words.push(word);
	}
	return words;
}

/** The normalised text as one string: words joined by single spaces. */
export function normalizeText(text: string, language?: string): string {
	return normalizeWords(text, language).join(' ');
}
