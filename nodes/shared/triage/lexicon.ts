/**
 * Loads the per-language lexicons (lexicons/<lang>.json) and compiles them into ONE matcher:
 * every phrase of every language is tried on every message, which is what makes Spanglish and
 * Portunhol work ("mi order no llega", "quiero un refund"). Compiled once and cached by content.
 */
import common from './lexicons/common.json';
import en from './lexicons/en.json';
import es from './lexicons/es.json';
import pt from './lexicons/pt.json';
import realWords from './lexicons/real-words.json';
import { PhraseMatcher, type PhraseRule } from './phrase-matcher';
import { tokenize, type TokenizedText, type TokenizeRules } from './tokens';
import { TypoCorrector } from './typos';
import type { FlagName } from './flags';

export { FLAG_NAMES, SENSITIVE_FLAGS } from './flags';
export type { FlagName, SensitiveFlag } from './flags';

/**
 * The shape of lexicons/<lang>.json. Every list holds phrases in the syntax of phrase-matcher.ts;
 * an intent phrase may end in "=N" to set its weight ("mi .. pedido =1": generic, weighs little).
 */
export interface LexiconFile {
	language: string;
	hints?: string[];
	negators?: string[];
	/** Words matched only as written, never as a typo's correction: swear words a surname is one letter from ("Carvalho", "caralho"). */
	exactWords?: string[];
	/** Words other languages negate with that this one does not (Portuguese "no" = "in the"). */
	notNegators?: string[];
	clauseWords?: string[];
	intensifiers?: string[];
	abbreviations?: Record<string, string>;
	emoji?: Record<string, string>;
	intents?: Record<string, string[]>;
	flags?: Partial<Record<FlagName, string[]>>;
	/** Phrases in which a flag's cue word plays a harmless role ("soy abogada", "dead battery"): a flag match they overlap does not count. */
	harmless?: Partial<Record<FlagName, string[]>>;
	/** Words that ask for a person only when they are (nearly) the whole message: "agent", "atendente". */
	humanKeywords?: string[];
	urgency?: { high?: string[]; low?: string[] };
	sentiment?: { positive?: string[]; negative?: string[]; strongNegative?: string[] };
	sarcasm?: { cues?: string[]; explicit?: string[] };
	units?: string[];
	numbers?: Record<string, number>;
	durationUnits?: Record<string, number>;
	agoWords?: string[];
	/** Ordinary words of this language never typo-corrected (generated: real-words.ts). */
	realWords?: string[];
}

const REAL_WORDS: Partial<Record<string, string[]>> = realWords.words;

export const BUILT_IN_LEXICONS: readonly LexiconFile[] = [
	{ ...en, realWords: REAL_WORDS.en },
	{ ...es, realWords: REAL_WORDS.es },
	{ ...pt, realWords: REAL_WORDS.pt },
	{ ...common, language: 'common' },
];

export interface CompiledLexicon {
	languages: string[];
	matcher: PhraseMatcher;
	/** The typo corrector for a message in this language: it corrects towards that language's cue words only. */
	typosFor(language: string): TypoCorrector;
	tokenizeRules: TokenizeRules;
	/** Negators of every language, minus those the message's language uses otherwise. */
	negatorsFor(language: string): ReadonlySet<string>;
	intensifiers: Set<string>;
	/** Language-detection hint words per language. */
	hints: Map<string, Set<string>>;
	units: Set<string>;
	numbers: Map<string, number>;
	durationUnits: Map<string, number>;
	agoWords: Set<string>;
	intents: string[];
}

const cache = new Map<string, CompiledLexicon>();
const WEIGHT_SUFFIX = /\s+=(\d+(?:\.\d+)?)$/;

/** Compiles the built-in lexicons plus any extra ones (e.g. a user's own phrases). */
export function getLexicon(extra: readonly LexiconFile[] = []): CompiledLexicon {
	const key = extra.length === 0 ? '' : JSON.stringify(extra);
	let compiled = cache.get(key);
	if (!compiled) {
		compiled = compileLexicon([...BUILT_IN_LEXICONS, ...extra]);
		if (cache.size > 20) cache.clear();
		cache.set(key, compiled);
	}
	return compiled;
}

export function compileLexicon(files: readonly LexiconFile[]): CompiledLexicon {
	const abbreviations = new Map<string, string[]>();
	const clauseWords = new Set<string>();
	const emoji = new Map<string, string>();
	for (const file of files) {
		for (const word of file.clauseWords ?? []) clauseWords.add(word);
		for (const [symbol, word] of Object.entries(file.emoji ?? {})) emoji.set(symbol, word);
	}
	// Abbreviation expansions are folded without abbreviations, so "xq" -> "porque" stays one step.
	const plainRules: TokenizeRules = { abbreviations: new Map(), clauseWords: new Set(), emoji };
	const fold = (text: string) => tokenize(text, plainRules).tokens;
	for (const file of files) {
		for (const [short, long] of Object.entries(file.abbreviations ?? {})) {
			if (!abbreviations.has(short)) abbreviations.set(short, fold(long));
		}
	}
	const tokenizeRules: TokenizeRules = { abbreviations, clauseWords, emoji };
	const foldPhraseWord = (text: string) => tokenize(text, { ...tokenizeRules, clauseWords: new Set() }).tokens;

	const phrases: Array<{ pattern: string; rule: PhraseRule }> = [];
	const add = (language: string, category: string, patterns: readonly string[] | undefined) => {
		for (const written of patterns ?? []) {
			// A trailing "=N" sets the weight; otherwise longer phrases weigh more (up to 3).
			const explicit = WEIGHT_SUFFIX.exec(written);
			const pattern = explicit ? written.slice(0, explicit.index) : written;
			const words = pattern.split(/\s+/).filter((step) => step !== '..').length;
			const [kind, name] = category.split(':');
			const weight = explicit ? Number(explicit[1]) : Math.min(words, 3);
			phrases.push({ pattern, rule: { category, kind, name, source: pattern, weight, language } });
		}
	};
	const intents = new Set<string>();
	for (const file of files) {
		const lang = file.language;
		for (const [intent, patterns] of Object.entries(file.intents ?? {})) {
			intents.add(intent);
			add(lang, `intent:${intent}`, patterns);
		}
		for (const [flag, patterns] of Object.entries(file.flags ?? {})) add(lang, `flag:${flag}`, patterns);
		for (const [flag, patterns] of Object.entries(file.harmless ?? {})) add(lang, `harmless:${flag}`, patterns);
		add(lang, 'short:humanRequested', file.humanKeywords);
		add(lang, 'urgency:high', file.urgency?.high);
		add(lang, 'urgency:low', file.urgency?.low);
		add(lang, 'sentiment:positive', file.sentiment?.positive);
		add(lang, 'sentiment:negative', file.sentiment?.negative);
		add(lang, 'sentiment:strongNegative', file.sentiment?.strongNegative);
		add(lang, 'sarcasm:cue', file.sarcasm?.cues);
		add(lang, 'sarcasm:explicit', file.sarcasm?.explicit);
	}
	const matcher = new PhraseMatcher(phrases, foldPhraseWord);

	const words = (lists: Array<readonly string[] | undefined>) => new Set(lists.flatMap((list) => (list ?? []).flatMap(fold)));
	const hints = new Map<string, Set<string>>();
	for (const file of files) {
		if (!file.hints) continue;
		hints.set(file.language, new Set([...(hints.get(file.language) ?? []), ...file.hints.flatMap(fold)]));
	}
	const languages = files.filter((file) => file.hints).map((file) => file.language);
	const exact = words(files.map((file) => file.exactWords));
	// One language's words are ordinary words of another: Spanish "solicitar" is not the English "solicitor",
	// nor "procesar" the Portuguese "processar" (to sue). Lexicons without hints (emoji, a user's own) serve all.
	const shared = [...matcher.vocabularyByLanguage].filter(([language]) => !languages.includes(language)).flatMap(([, vocabulary]) => [...vocabulary]);
	// Left as they are: every language's cue words, and this language's ordinary words one edit from a cue.
	const knownIn = (language: string) => new Set([...matcher.vocabulary, ...files.filter((file) => file.language === language).flatMap((file) => file.realWords ?? [])]);
	const correctors = new Map(languages.map((language) => [language, new TypoCorrector(new Set([...(matcher.vocabularyByLanguage.get(language) ?? []), ...shared]), exact, knownIn(language))]));
	// Only for a language no lexicon hints at: built on first use, not at every start.
	let anyLanguage: TypoCorrector | undefined;
	return {
		languages,
		matcher,
		typosFor: (language: string) => correctors.get(language) ?? (anyLanguage ??= new TypoCorrector(matcher.vocabulary, exact)),
		tokenizeRules,
		negatorsFor: negatorsByLanguage(files, words(files.map((file) => file.negators)), fold),
		intensifiers: words(files.map((file) => file.intensifiers)),
		hints,
		units: words(files.map((file) => file.units)),
		numbers: new Map(files.flatMap((file) => Object.entries(file.numbers ?? {}))),
		durationUnits: new Map(files.flatMap((file) => Object.entries(file.durationUnits ?? {}))),
		agoWords: words(files.map((file) => file.agoWords)),
		intents: [...intents],
	};
}

function negatorsByLanguage(files: readonly LexiconFile[], all: Set<string>, fold: (text: string) => string[]) {
	const byLanguage = new Map<string, Set<string>>();
	for (const file of files) {
		if (!file.notNegators?.length) continue;
		const excluded = new Set(file.notNegators.flatMap(fold));
		byLanguage.set(file.language, new Set([...all].filter((word) => !excluded.has(word))));
	}
	return (language: string): ReadonlySet<string> => byLanguage.get(language) ?? all;
}

/** Tokenises a message for the lexicons, before typo correction (its language is read from these tokens). */
export function tokenizeForLexicon(text: string, lexicon: CompiledLexicon): TokenizedText {
	return tokenize(text, lexicon.tokenizeRules);
}

/** Corrects one-letter typos, in place, towards the cue words of the message's language. */
export function correctTypos(tokenized: TokenizedText, lexicon: CompiledLexicon, language: string): TokenizedText {
	const typos = lexicon.typosFor(language);
	for (let i = 0; i < tokenized.tokens.length; i++) tokenized.tokens[i] = typos.correct(tokenized.tokens[i]);
	return tokenized;
}
