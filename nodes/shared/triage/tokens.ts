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
	const folded = foldAccents(replaceEmoji(text, rules.emoji)).replace(THOUSANDS, '$1$2');
	const tokens: string[] = [];
	const clauses: number[] = [];
	let clause = 0;
	const emit = (raw: string) => {
		if (raw === '|') {
			clause++;
			return;
		}
		if (clauseWords.has(raw)) {
			clause++;
			tokens.push(raw);
			clauses.push(clause);
			return;
		}
		const expanded = abbreviations.get(raw);
		if (!expanded) {
			tokens.push(raw);
			clauses.push(clause);
			return;
		}
		for (const token of expanded) {
			tokens.push(token);
			clauses.push(clause);
		}
	};
	// One pass over the folded text, the same words as the chain it replaces (apostrophes dropped,
	// runs of clause punctuation to " | ", other non-word runs to a space, runs of three or more of a
	// letter to one, then split on spaces): that chain's split/join built an array entry for every
	// separator, and on floods of them (".@-", '"' lines) the collector's work grew faster than the text.
	let start = -1;
	let plain = true;
	let previous = -1;
	let run = 0;
	for (let at = 0; at <= folded.length; at++) {
		const code = at < folded.length ? folded.charCodeAt(at) : SPACE;
		const kind = code < 128 ? ASCII_KIND[code] : OTHER_KIND.get(code) ?? BREAK;
		if (kind === SKIP) {
			// An apostrophe joins what is around it ("don't"), inside or between letter runs.
			if (start >= 0) plain = false;
			continue;
		}
		if (kind === WORD) {
			if (start < 0) {
				start = at;
				plain = true;
				previous = -1;
			}
			run = code === previous ? run + 1 : 1;
			previous = code;
			if (run === 3 && code >= 97 && code <= 122) plain = false;
			continue;
		}
		if (start >= 0) {
			const piece = folded.slice(start, at);
			emit(plain ? piece : piece.replace(APOSTROPHES, '').replace(LETTER_RUNS, '$1'));
			start = -1;
		}
		// A run of clause punctuation is one break, however long (and apostrophes inside it vanish).
		if (kind === CLAUSE) {
			let next = at + 1;
			for (; next < folded.length; next++) {
				const c = folded.charCodeAt(next);
				const k = c < 128 ? ASCII_KIND[c] : OTHER_KIND.get(c) ?? BREAK;
				if (k !== CLAUSE && k !== SKIP) break;
			}
			emit('|');
			at = next - 1;
		}
	}
	return { tokens, clauses };
}

// Character kinds of the one-pass reader: the classes of CLAUSE_PUNCTUATION, APOSTROPHES and the
// word characters [a-z0-9|_]; anything else breaks a word.
const WORD = 0;
const BREAK = 1;
const CLAUSE = 2;
const SKIP = 3;
const ASCII_KIND = new Uint8Array(128).fill(BREAK);
for (let c = 97; c <= 122; c++) ASCII_KIND[c] = WORD;
for (let c = 48; c <= 57; c++) ASCII_KIND[c] = WORD;
ASCII_KIND['|'.charCodeAt(0)] = WORD;
ASCII_KIND['_'.charCodeAt(0)] = WORD;
for (const c of '.,;:!?()\n\r\t"') ASCII_KIND[c.charCodeAt(0)] = CLAUSE;
for (const c of "'`") ASCII_KIND[c.charCodeAt(0)] = SKIP;
const OTHER_KIND = new Map<number, number>([...'¿¡“”«»…'].map((c) => [c.charCodeAt(0), CLAUSE] as [number, number]).concat([...'’´'].map((c) => [c.charCodeAt(0), SKIP] as [number, number])));

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
