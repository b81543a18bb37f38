/**
 * Corrects one-letter typos ("urgnte", "reembolzo", "abogao") towards the lexicon's own words,
 * using a deletion index (the SymSpell idea): a word and a typo within one edit share a deletion.
 * Only tokens of MIN_LENGTH letters or more are corrected, since short words collide too often.
 * The first letter must agree and stop words are never corrected: "mérida" is not "ferida" (a wound),
 * nor "estaba" "estafa" (a scam). A six-letter word may only lose a letter or swap two, since one
 * substituted letter turns too many ordinary six-letter words into a cue.
 * A real word of the language is never turned into another word ("cliente" is not "caliente", nor
 * "resolver" "revolver"); see real-words.ts for how that list is built.
 * Results are cached per token; the cache belongs to one lexicon, so it is keyed by content.
 */
import { isStopWord } from '../text/stopwords';

// Six letters: shorter words collide too often ("count" would become "court", a legal flag).
const MIN_LENGTH = 6;
const CACHE_LIMIT = 50_000;

export class TypoCorrector {
	private readonly deletions = new Map<string, string[]>();
	private readonly cache = new Map<string, string>();
	/** No word of the lexicon is longer: a token past it plus one is never within one edit. */
	private readonly longest: number;

	/**
	 * `exact`: words never offered as a correction (a surname must not become a swear word).
	 * `known`: words left as they are although they are not corrections (another language's cue words,
	 * and the language's ordinary words one edit from a cue: real-words.ts).
	 */
	constructor(
		private readonly vocabulary: ReadonlySet<string>,
		exact: ReadonlySet<string> = new Set(),
		private readonly known: ReadonlySet<string> = vocabulary,
	) {
		let longest = 0;
		for (const word of [...vocabulary].sort()) {
			if (word.length < MIN_LENGTH || /\d/.test(word) || exact.has(word)) continue;
			for (const variant of deletionsOf(word)) {
				const list = this.deletions.get(variant);
				if (list) list.push(word);
				else this.deletions.set(variant, [word]);
			}
			longest = Math.max(longest, word.length);
		}
		this.longest = longest;
	}

	correct(token: string): string {
		// Deletions of a long token cost its length squared; past the longest word plus one they cannot match.
		if (token.length < MIN_LENGTH || token.length > this.longest + 1 || this.vocabulary.has(token) || this.known.has(token) || /\d/.test(token) || isStopWord(token)) return token;
		const cached = this.cache.get(token);
		if (cached !== undefined) return cached;
		const corrected = this.lookup(token) ?? token;
		if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
		this.cache.set(token, corrected);
		return corrected;
	}

	private lookup(token: string): string | undefined {
		let best: string | undefined;
		for (const variant of [token, ...deletionsOf(token)]) {
			for (const word of this.deletions.get(variant) ?? []) {
				if (word.length >= MIN_LENGTH && word[0] === token[0] && plausibleTypo(token, word) && (best === undefined || word < best)) best = word;
			}
		}
		return best;
	}
}

function plausibleTypo(token: string, word: string): boolean {
	if (!withinOneEdit(token, word)) return false;
	if (word.length > MIN_LENGTH) return true;
	return token.length !== word.length || isSwap(token, word);
}

function isSwap(a: string, b: string): boolean {
	let i = 0;
	while (i < a.length && a[i] === b[i]) i++;
	return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

function deletionsOf(word: string): string[] {
	const out: string[] = [word];
	for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
	return out;
}

/** Damerau (optimal string alignment) distance <= 1: one insertion, deletion, substitution or swap. */
export function withinOneEdit(a: string, b: string): boolean {
	if (a === b) return true;
	const la = a.length;
	const lb = b.length;
	if (Math.abs(la - lb) > 1) return false;
	let i = 0;
	while (i < la && i < lb && a[i] === b[i]) i++;
	if (la === lb) {
		if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
		return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
	}
	return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
