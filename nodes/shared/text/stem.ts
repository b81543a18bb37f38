/**
 * Snowball stemmers (snowball-stemmers package) for es/pt/en, applied to accent-folded words so
 * "envíos", "envios" and "envio" meet. Results are memoised per language in a bounded map: the
 * same few thousand words recur in every ticket.
 */
import { newStemmer } from 'snowball-stemmers';
import { foldAccents, type TextLanguage } from './normalize';

const ALGORITHM: Record<TextLanguage, string> = { es: 'spanish', pt: 'portuguese', en: 'english' };
const MEMO_LIMIT = 50_000;

const stemmers = new Map<TextLanguage, { stem(word: string): string }>();
const memos = new Map<TextLanguage, Map<string, string>>();

function stemmerFor(language: TextLanguage): { stem(word: string): string } {
	let stemmer = stemmers.get(language);
	if (!stemmer) {
		stemmer = newStemmer(ALGORITHM[language]);
		stemmers.set(language, stemmer);
	}
	return stemmer;
}

/**
 * Snowball's Spanish and Portuguese rules are written for accented suffixes ("-ción", "-ções"),
 * but we stem folded words so that texts typed without accents match. Putting the accent back on
 * the few suffixes that need it lets "devolucion" and "devoluciones" reach the same stem.
 */
const SUFFIX_ACCENTS: Record<TextLanguage, Array<[RegExp, string]>> = {
	es: [
		[/cion$/, 'ción'],
		[/sion$/, 'sión'],
	],
	pt: [
		[/coes$/, 'ções'],
		[/cao$/, 'ção'],
		[/soes$/, 'sões'],
		[/sao$/, 'são'],
	],
	en: [],
};

function restoreSuffixAccent(word: string, language: TextLanguage): string {
	for (const [suffix, accented] of SUFFIX_ACCENTS[language]) if (suffix.test(word)) return word.replace(suffix, accented);
	return word;
}

export function stemWord(word: string, language: TextLanguage): string {
	// Numbers and very short words carry their meaning as they are. Checked before the memo: keeping
	// them there cost more than the check, and thousands of distinct order numbers in one text
	// refilled the memo over and over (100 KB 8 ms, 1 MB 156 ms in stemming alone).
	if (word.length <= 3 || isDigits(word)) return word;
	let memo = memos.get(language);
	if (!memo) {
		memo = new Map();
		memos.set(language, memo);
	}
	const known = memo.get(word);
	if (known !== undefined) return known;
	const stem = foldAccents(stemmerFor(language).stem(restoreSuffixAccent(word, language)));
	if (memo.size >= MEMO_LIMIT) memo.clear();
	memo.set(word, stem);
	return stem;
}

/** /^\d+$/ without a regex call per word. */
function isDigits(word: string): boolean {
	for (let i = 0; i < word.length; i++) {
		const code = word.charCodeAt(i);
		if (code < 48 || code > 57) return false;
	}
	return word.length > 0;
}

export function stemWords(words: readonly string[], language: TextLanguage): string[] {
	return words.map((word) => stemWord(word, language));
}
