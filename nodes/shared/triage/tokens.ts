/**
 * Turns a customer message into folded tokens for phrase matching: lower case, accents removed,
 * apostrophes joined ("don't" -> "dont"), letter runs collapsed ("urgenteeee" -> "urgente") and
 * chat abbreviations expanded ("xq" -> "porque"). Lexicon phrases go through the same function,
 * so "está" in a lexicon matches "esta" typed without accents.
 *
 * Not the shared text normaliser's word list: triage also needs clause boundaries and a single
 * abbreviation table across languages (Spanglish), so it only reuses the accent folding.
 *
 * Clause numbers let negation stay inside its clause: in "not angry, just asking" the "not"
 * applies to "angry" only.
 */

import { foldAccents } from '../text';

export interface TokenizedText {
	tokens: string[];
	/** Clause index of each token; punctuation and words such as "but"/"pero" start a new clause. */
	clauses: number[];
}

const APOSTROPHES = /['’`´]/g;
const CLAUSE_PUNCTUATION = /[.,;:!?¿¡()\n\r\t"“”«»…]+/g;
const NON_WORD = /[^a-z0-9 |_]+/g;
/** "1,000" and "1.000" are one number, not a clause break. */
const THOUSANDS = /(\d)[,.](\d{3})(?!\d)/g;
const LETTER_RUNS = /([a-z])\1{2,}/g;

export interface TokenizeRules {
	/** Chat abbreviations to their expansion ("vc" -> ["voce"]). */
	abbreviations: ReadonlyMap<string, string[]>;
	/** Words that open a new clause ("but", "pero", "mas"). */
	clauseWords: ReadonlySet<string>;
	/** Emoji to a word token ("😡" -> "emoji_angry"), so lexicons can weigh them. */
	emoji: ReadonlyMap<string, string>;
}

export function tokenize(text: string, rules: TokenizeRules): TokenizedText {
	const { abbreviations, clauseWords } = rules;
	// split/join rather than replace for the patterns without groups: the same result, but V8's
	// global replace grew faster than the text on hundreds of thousands of matches (a flood of tabs
	// or newlines: 100 KB 3 ms, 1 MB 180 ms).
	const folded = foldAccents(replaceEmoji(text, rules.emoji))
		.replace(THOUSANDS, '$1$2')
		.split(APOSTROPHES)
		.join('')
		.split(CLAUSE_PUNCTUATION)
		.join(' | ')
		.split(NON_WORD)
		.join(' ')
		.replace(LETTER_RUNS, '$1');
	const tokens: string[] = [];
	const clauses: number[] = [];
	let clause = 0;
	// The words between spaces, read in place: split(' ') made an array entry for every blank too,
	// millions of them on a flood of separators or emoji.
	for (let at = 0; at < folded.length; ) {
		if (folded.charCodeAt(at) === SPACE) {
			at++;
			continue;
		}
		let end = folded.indexOf(' ', at);
		if (end < 0) end = folded.length;
		const raw = folded.slice(at, end);
		at = end;
		if (raw === '|') {
			clause++;
			continue;
		}
		if (clauseWords.has(raw)) {
			clause++;
			tokens.push(raw);
			clauses.push(clause);
			continue;
		}
		const expanded = abbreviations.get(raw);
		for (const token of expanded ?? [raw]) {
			tokens.push(token);
			clauses.push(clause);
		}
	}
	return { tokens, clauses };
}

const SPACE = 32;

function replaceEmoji(text: string, emoji: ReadonlyMap<string, string>): string {
	if (emoji.size === 0 || !/[^\u0000-\u024f]/.test(text)) return text;
	const table = emojiTable(emoji);
	if (table) return replaceInOnePass(text, table);
	let out = text;
	for (const [symbol, word] of emoji) {
		if (out.includes(symbol)) out = out.split(symbol).join(` ${word} `);
	}
	return out;
}

/** Symbols by their first code point, in the map's order, with their replacement. */
type EmojiTable = Map<number, Array<[string, string]>>;
const tables = new WeakMap<ReadonlyMap<string, string>, EmojiTable | null>();

/**
 * One pass over the text gives the same result as a split/join per symbol in the map's order when
 * no two occurrences can overlap except at the same start (where the earlier symbol wins in both),
 * and a replacement word cannot form a symbol: symbols of non-ASCII characters that overlap no other
 * symbol at an offset, words of ASCII. The built-in emoji are; any other map keeps the per-symbol
 * loop (a pass per symbol, on long emoji floods the most costly part of tokenising).
 */
function emojiTable(emoji: ReadonlyMap<string, string>): EmojiTable | null {
	const known = tables.get(emoji);
	if (known !== undefined) return known;
	const symbols = [...emoji.keys()];
	// Whole code points only: a lone surrogate could match inside a pair, which the pass skips.
	const nonAscii = (s: string) => s.length > 0 && [...s].every((c) => c.charCodeAt(0) >= 128 && (c.length === 2 || c.charCodeAt(0) < 0xd800 || c.charCodeAt(0) > 0xdfff));
	const overlapsAtOffset = (a: string, b: string) => {
		for (let offset = 1; offset < a.length; offset++) {
			const tail = a.slice(offset);
			if (tail.startsWith(b) || b.startsWith(tail)) return true;
		}
		return false;
	};
	const safe =
		symbols.every(nonAscii) &&
		[...emoji.values()].every((word) => /^[\x20-\x7e]*$/.test(word)) &&
		symbols.every((a) => symbols.every((b) => !overlapsAtOffset(a, b)));
	let table: EmojiTable | null = null;
	if (safe) {
		table = new Map();
		for (const [symbol, word] of emoji) {
			const first = symbol.codePointAt(0) as number;
			const list = table.get(first) ?? [];
			list.push([symbol, ` ${word} `]);
			table.set(first, list);
		}
	}
	tables.set(emoji, table);
	return table;
}

function replaceInOnePass(text: string, table: EmojiTable): string {
	const parts: string[] = [];
	let kept = 0;
	for (let i = 0; i < text.length; ) {
		const candidates = text.charCodeAt(i) < 128 ? undefined : table.get(text.codePointAt(i) as number);
		let hit: [string, string] | undefined;
		if (candidates) for (const candidate of candidates) if (text.startsWith(candidate[0], i)) {
			hit = candidate;
			break;
		}
		if (!hit) {
			i++;
			continue;
		}
		parts.push(text.slice(kept, i), hit[1]);
		i += hit[0].length;
		kept = i;
	}
	if (kept === 0) return text;
	parts.push(text.slice(kept));
	return parts.join('');
}
