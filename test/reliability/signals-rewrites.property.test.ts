/**
 * The one-pass rewrites in triage against the old, simple versions (kept here as references):
 * the match bookkeeping of nodes/shared/triage/signals.ts on the lexicon's real matches for random
 * ordinary text (the same matches kept, in the same order, the same harmless verdicts), and the
 * tokeniser's emoji replacement, separators and word split (nodes/shared/triage/tokens.ts) and the
 * shared normaliser's words (nodes/shared/text/normalize.ts) on random text with emoji, blanks and
 * punctuation.
 */
import fc from 'fast-check';
import { getLexicon, tokenizeForLexicon } from '../../nodes/shared/triage/lexicon';
import type { PhraseMatch } from '../../nodes/shared/triage/phrase-matcher';
import { dedupe, harmlessOverlap } from '../../nodes/shared/triage/signals';
import { tokenize, type TokenizeRules, type TokenizedText } from '../../nodes/shared/triage/tokens';
import { foldAccents, foldedWords } from '../../nodes/shared/text';

const RUNS = { numRuns: 300, seed: 20260302 };

// --- The old versions, verbatim in behaviour ---
function oldDedupe(matches: PhraseMatch[]): PhraseMatch[] {
	const best = new Map<string, PhraseMatch>();
	for (const m of matches) {
		const key = `${m.rule.category}@${m.start}`;
		const seen = best.get(key);
		if (!seen || m.end - m.start > seen.end - seen.start) best.set(key, m);
	}
	return [...best.values()];
}
function oldIsHarmless(matches: PhraseMatch[]): (m: PhraseMatch) => boolean {
	const harmless = matches.filter((m) => m.rule.kind === 'harmless');
	return (m) => harmless.some((h) => h.rule.name === m.rule.name && h.start < m.end && m.start < h.end);
}

function oldTokenize(text: string, rules: TokenizeRules): TokenizedText {
	let replaced = text;
	if (rules.emoji.size > 0 && /[^\u0000-\u024f]/.test(text)) {
		for (const [symbol, word] of rules.emoji) if (replaced.includes(symbol)) replaced = replaced.split(symbol).join(` ${word} `);
	}
	const folded = foldAccents(replaced)
		.replace(/(\d)[,.](\d{3})(?!\d)/g, '$1$2')
		.replace(/['’`´]/g, '')
		.replace(/[.,;:!?¿¡()\n\r\t"“”«»…]+/g, ' | ')
		.replace(/[^a-z0-9 |_]+/g, ' ')
		.replace(/([a-z])\1{2,}/g, '$1');
	const tokens: string[] = [];
	const clauses: number[] = [];
	let clause = 0;
	for (const raw of folded.split(' ')) {
		if (raw === '') continue;
		if (raw === '|') {
			clause++;
			continue;
		}
		if (rules.clauseWords.has(raw)) {
			clause++;
			tokens.push(raw);
			clauses.push(clause);
			continue;
		}
		for (const token of rules.abbreviations.get(raw) ?? [raw]) {
			tokens.push(token);
			clauses.push(clause);
		}
	}
	return { tokens, clauses };
}

// Words that start phrases in several languages and categories, harmless roles included.
const word = fc.constantFrom(
	'my', 'battery', 'died', 'dead', 'funeral', 'threat', 'detection', 'killer', 'price', 'i', 'am', 'a', 'lawyer', 'soy', 'abogada',
	'not', 'no', 'urgent', 'urgente', 'refund', 'reembolso', 'order', 'pedido', 'agent', 'great', 'terrible', 'very', 'angry', '😡', '👍',
	'smoke', 'detector', 'fire', 'sue', 'demanda', 'invoice', 'company', 'hacked', 'hackearon', 'me', 'but', 'pero', ',', '.', '500', 'units',
);
const text = fc.array(word, { maxLength: 40 }).map((words) => words.join(' '));

function matchesOf(t: string): PhraseMatch[] {
	const lexicon = getLexicon();
	return lexicon.matcher.match(tokenizeForLexicon(t, lexicon).tokens);
}

describe('triage signal bookkeeping behaves as the old versions (fast-check)', () => {
	it('dedupe keeps the same match per category and start, in the same order', () => {
		fc.assert(
			fc.property(text, (t) => {
				const matches = matchesOf(t);
				expect(dedupe(matches)).toEqual(oldDedupe(matches));
			}),
			RUNS,
		);
	});

	it('the harmless-overlap check gives the same verdict for every match', () => {
		fc.assert(
			fc.property(text, (t) => {
				const matches = dedupe(matchesOf(t));
				const tokens = tokenizeForLexicon(t, getLexicon()).tokens.length;
				const [fast, old] = [harmlessOverlap(matches, tokens), oldIsHarmless(matches)];
				expect(matches.map(fast)).toEqual(matches.map(old));
			}),
			RUNS,
		);
	});

	it('tokenising: the same tokens and clauses, with the built-in emoji and with a map the one pass cannot take', () => {
		const rules = getLexicon().tokenizeRules;
		const overlapping: TokenizeRules = { ...rules, emoji: new Map([['ab', 'x'], ['bc', 'y'], ['😡', 'emoji_angry']]) };
		const lone: TokenizeRules = { ...rules, emoji: new Map([['\uD83D', 'half'], ['😡', 'emoji_angry']]) };
		const unit = fc.constantFrom('😡', '👍', '🏽', '👍🏽', '🇲🇽', '❤️', '❤', '\uFE0F', '🙏', '\uD83D', '\uDE21', 'a', 'b', 'c', 'Á', 'ñ', ' ', '  ', '\t', '\n', ',', '.', '!', '1', '000', "'", 'xq', 'pero', 'vc', 'urgenteeee');
		const mixed = fc.array(fc.oneof(unit, word), { maxLength: 40 }).map((parts) => parts.join(''));
		fc.assert(
			fc.property(mixed, (t) => {
				expect(tokenize(t, rules)).toEqual(oldTokenize(t, rules));
				expect(tokenize(t, overlapping)).toEqual(oldTokenize(t, overlapping));
				expect(tokenize(t, lone)).toEqual(oldTokenize(t, lone));
			}),
			RUNS,
		);
	});

	it('tokenising in one pass: the same tokens and clauses around every separator, apostrophe, pipe and letter run', () => {
		const rules = getLexicon().tokenizeRules;
		const unit = fc.constantFrom(...'.,;:!?¿¡()\n\r\t"“”«»…'.split(''), "'", '’', '`', '´', '|', ' | ', '||', '_', '-', '@', '#', ' ', 'a', 'aa', 'aaa', "a'a", "aa'a", 'b', 'x', 'Ü', 'ß', '中', '😡', '1', '1,000', '2.500', '000', 'pero', 'but', 'xq', 'vc', 'urgenteeee', 'siii', 'don’t');
		fc.assert(
			fc.property(fc.array(unit, { maxLength: 50 }).map((parts) => parts.join('')), (t) => expect(tokenize(t, rules)).toEqual(oldTokenize(t, rules))),
			{ ...RUNS, numRuns: 2000 },
		);
	});

	it('normalised words: the same words as the old replace chain', () => {
		const oldFoldedWords = (t: string) =>
			foldAccents(t).replace(/['’`´]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').replace(/(\p{L})\1{2,}/gu, '$1').split(' ').filter((w) => w !== '');
		const unit = fc.constantFrom('😡', '🇲🇽', '\uD83D', '\uDE21', '𝐀𝐀𝐀', 'a', 'aa', 'aaa', 'Á', 'ñ', 'ß', '中文', ' ', '\t', '\n', ',', "'", '’', '`', '´', "''", '1', '١٢', 'siiii', '-', '_');
		fc.assert(fc.property(fc.array(fc.oneof(unit, word), { maxLength: 40 }).map((p) => p.join('')), (t) => expect(foldedWords(t)).toEqual(oldFoldedWords(t))), { ...RUNS, numRuns: 2000 });
	});

	it('the texts above do reach harmless roles and duplicate categories (the test is not vacuous)', () => {
		const matches = matchesOf('my battery died, i am a lawyer and my father died . threat detection');
		expect(matches.some((m) => m.rule.kind === 'harmless')).toBe(true);
		expect(dedupe(matches).length).toBeLessThan(matches.length);
	});
});
