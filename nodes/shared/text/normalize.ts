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
const APOSTROPHE = /['’`´]/;
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

/** A word: letters and digits of any script, with the apostrophes inside it (dropped: "don't" -> "dont"). */
const WORD_RUN = /[\p{L}\p{N}'’`´]+/gu;

/** Folded words of a text, before abbreviation expansion. */
export function foldedWords(text: string): string[] {
	// The words read in one pass, the same as dropping apostrophes, turning every other separator run
	// into a space and splitting: that chain's split/join built an array entry for every separator,
	// and on floods of them the collector's work grew faster than the text.
	const words: string[] = [];
	const folded = foldAccents(text);
	WORD_RUN.lastIndex = 0;
	for (let match = WORD_RUN.exec(folded); match; match = WORD_RUN.exec(folded)) {
		const run = match[0];
		const word = APOSTROPHE.test(run) ? run.replace(APOSTROPHES, '') : run;
		if (word === '') continue;
		words.push(hasTriple(word) ? word.replace(LETTER_RUNS, '$1') : word);
	}
	return words;
}

/**
 * Three equal code units in a row, or any surrogate (a letter outside the BMP is two units): the
 * only words LETTER_RUNS can change (a regex call per word cost more than this loop).
 */
function hasTriple(word: string): boolean {
	for (let i = 0; i < word.length; i++) {
		const code = word.charCodeAt(i);
		if ((code >= 0xd800 && code <= 0xdfff) || (i >= 2 && code === word.charCodeAt(i - 1) && code === word.charCodeAt(i - 2))) return true;
	}
	return false;
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
