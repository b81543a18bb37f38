/**
 * Matches lexicon phrases against tokens. A phrase is a space-separated list of steps:
 *   word        the token, exactly (after folding)
 *   swoll*      any token starting with "swoll"
 *   a|b|c*      any of the alternatives
 *   ..          skip up to three tokens
 * e.g. "ignore|disregard .. instructions|rules". Phrases are compiled once per lexicon and
 * indexed by their first step, so a ticket costs one map look-up per token.
 *
 * Hand-written because no maintained library does ordered, gapped, prefix phrase matching over
 * pre-tokenised text with per-match negation context.
 */

export interface PhraseRule {
	/** What the phrase signals, e.g. "flag:legal", "intent:order_status", "sentiment:negative". */
	category: string;
	/** The category's two parts, split once at compile time ("flag", "legal"). */
	kind: string;
	name: string;
	/** The phrase as written in the lexicon, for evidence. */
	source: string;
	weight: number;
	/** Language of the lexicon the phrase came from. */
	language: string;
}

interface Step {
	words: Set<string>;
	prefixes: string[];
	/** Gap step: skip 0..maxGap tokens. */
	gap: boolean;
}

interface CompiledPhrase {
	rule: PhraseRule;
	steps: Step[];
}

export interface PhraseMatch {
	rule: PhraseRule;
	start: number;
	end: number;
}

const MAX_GAP = 3;
const PREFIX_INDEX_LENGTH = 3;

export class PhraseMatcher {
	private readonly byWord = new Map<string, CompiledPhrase[]>();
	private readonly byPrefix = new Map<string, CompiledPhrase[]>();
	/** Every exact word of every phrase: the dictionary typo correction aims at. */
	readonly vocabulary = new Set<string>();
	/** The same words by the language of the lexicon their phrase came from. */
	readonly vocabularyByLanguage = new Map<string, Set<string>>();

	constructor(phrases: Array<{ pattern: string; rule: PhraseRule }>, fold: (text: string) => string[]) {
		for (const { pattern, rule } of phrases) {
			const steps = compile(pattern, fold);
			if (steps.length === 0 || steps[0].gap || steps[steps.length - 1].gap) {
				throw new Error(`Lexicon phrase "${pattern}" (${rule.category}) must start and end with a word`);
			}
			const compiled = { rule, steps };
			let ofLanguage = this.vocabularyByLanguage.get(rule.language);
			if (!ofLanguage) this.vocabularyByLanguage.set(rule.language, (ofLanguage = new Set()));
			for (const step of steps) {
				for (const word of step.words) {
					this.vocabulary.add(word);
					ofLanguage.add(word);
				}
			}
			for (const word of steps[0].words) push(this.byWord, word, compiled);
			for (const prefix of steps[0].prefixes) {
				if (prefix.length < PREFIX_INDEX_LENGTH) {
					throw new Error(`Lexicon phrase "${pattern}": a prefix needs at least ${PREFIX_INDEX_LENGTH} letters`);
				}
				push(this.byPrefix, prefix.slice(0, PREFIX_INDEX_LENGTH), compiled);
			}
		}
	}

	/** All matches, leftmost first; a phrase matches at most once per start token. */
	match(tokens: readonly string[]): PhraseMatch[] {
		const matches: PhraseMatch[] = [];
		for (let i = 0; i < tokens.length; i++) {
			const token = tokens[i];
			const candidates = [this.byWord.get(token), this.byPrefix.get(token.slice(0, PREFIX_INDEX_LENGTH))];
			for (const list of candidates) {
				if (!list) continue;
				for (const phrase of list) {
					const end = matchFrom(phrase.steps, tokens, i, 0);
					if (end >= 0) matches.push({ rule: phrase.rule, start: i, end });
				}
			}
		}
		return matches;
	}
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

function compile(pattern: string, fold: (text: string) => string[]): Step[] {
	const steps: Step[] = [];
	for (const part of pattern.trim().split(/\s+/)) {
		if (part === '..') {
			steps.push({ words: new Set(), prefixes: [], gap: true });
			continue;
		}
		const step: Step = { words: new Set(), prefixes: [], gap: false };
		for (const alternative of part.split('|')) {
			const isPrefix = alternative.endsWith('*');
			const folded = fold(isPrefix ? alternative.slice(0, -1) : alternative);
			if (folded.length !== 1) {
				throw new Error(`Lexicon phrase "${pattern}": "${alternative}" must fold to one word`);
			}
			if (isPrefix) step.prefixes.push(folded[0]);
			else step.words.add(folded[0]);
		}
		steps.push(step);
	}
	return steps;
}

function stepMatches(step: Step, token: string): boolean {
	if (step.words.has(token)) return true;
	for (const prefix of step.prefixes) if (token.startsWith(prefix)) return true;
	return false;
}

/** Returns the index after the match, or -1. Gaps try the shortest skip first. */
function matchFrom(steps: Step[], tokens: readonly string[], position: number, stepIndex: number): number {
	if (stepIndex === steps.length) return position;
	const step = steps[stepIndex];
	if (step.gap) {
		for (let skip = 0; skip <= MAX_GAP && position + skip <= tokens.length; skip++) {
			const end = matchFrom(steps, tokens, position + skip, stepIndex + 1);
			if (end >= 0) return end;
		}
		return -1;
	}
	if (position >= tokens.length || !stepMatches(step, tokens[position])) return -1;
	return matchFrom(steps, tokens, position + 1, stepIndex + 1);
}
