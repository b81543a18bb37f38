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
	const folded = foldAccents(replaceEmoji(text, rules.emoji))
		.replace(THOUSANDS, '$1$2')
		.replace(APOSTROPHES, '')
		.replace(CLAUSE_PUNCTUATION, ' | ')
		.replace(NON_WORD, ' ')
		.replace(LETTER_RUNS, '$1');
	const tokens: string[] = [];
	const clauses: number[] = [];
	let clause = 0;
	for (const raw of folded.split(' ')) {
		if (raw === '') continue;
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

function replaceEmoji(text: string, emoji: ReadonlyMap<string, string>): string {
	if (emoji.size === 0 || !/[^\u0000-\u024f]/.test(text)) return text;
	let out = text;
	for (const [symbol, word] of emoji) {
		if (out.includes(symbol)) out = out.split(symbol).join(` ${word} `);
	}
	return out;
}
