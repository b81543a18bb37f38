/**
 * What the lexicons alone read in a message: its language, the raw signals, the flags (after the
 * return-window and anger rules) and the lexicon's own best intent. Triage and the needs-a-human
 * model's training both read messages this way, so the model sees at training what it sees in use.
 */
import type { TriageFlags } from '../ticket';
import { detectLanguage, normaliseLanguage } from './language';
import { correctTypos, getLexicon, tokenizeForLexicon } from './lexicon';
import { readSignals, type Signals } from './signals';
import type { TriageOptions } from './triage-ticket';

export interface LexicalReading {
	language: string;
	signals: Signals;
	flags: TriageFlags;
	evidence: string[];
	/** Confidence of the lexicon's own best intent, 0–1. */
	lexiconIntent: number;
}

const NO_INTENT_CONFIDENCE = 0.2;

/** What the lexicons read in a message: language, signals and flags with their evidence (no intent model). */
export function readLexical(text: string, customerLanguage: string | undefined, options: TriageOptions = {}): LexicalReading {
	const lexicon = options.lexicon ?? getLexicon();
	const tokenized = tokenizeForLexicon(text, lexicon);
	const { language, evidence: languageEvidence } = detectLanguage({
		text,
		tokens: tokenized.tokens,
		hints: lexicon.hints,
		languages: options.languages ?? ['es', 'pt', 'en'],
		customerLanguage: normaliseLanguage(customerLanguage),
		defaultLanguage: options.defaultLanguage ?? 'en',
	});
	correctTypos(tokenized, lexicon, language);
	const signals = readSignals(text, tokenized, lexicon, {
		b2bMinQuantity: options.b2bMinQuantity ?? 100,
		negators: lexicon.negatorsFor(language),
	});
	const evidence = [...signals.evidence, languageEvidence];

	const flags: TriageFlags = { ...signals.flags };
	const refundAsked = (signals.intentScores.get('return_refund') ?? 0) > 0;
	const window = options.returnWindowDays ?? 30;
	if (!flags.outOfPolicy && refundAsked && signals.daysSince !== undefined && signals.daysSince > window) {
		flags.outOfPolicy = true;
		evidence.push(`outOfPolicy: refund ${signals.daysSince} days after purchase (window ${window})`);
	}
	// Anger words count when the message is negative overall or shouted; a very negative message is angry anyway.
	flags.angry = flags.angry ? signals.sentiment <= -0.3 || signals.shouting : signals.sentiment <= -0.75;
	if (signals.flags.angry !== flags.angry) evidence.push(`${flags.angry ? '' : 'not '}angry: sentiment ${signals.sentiment}`);
	return { language, signals, flags, evidence, lexiconIntent: fromLexicon(signals, flags).confidence };
}

/** Lexicon scores: the confidence grows with the winner's evidence and shrinks with a close runner-up. */
export function fromLexicon(signals: Signals, flags: TriageFlags): { intent: string; confidence: number } {
	const ranked = [...signals.intentScores.entries()].sort((a, b) => b[1] - a[1] || tiePriority(a[0]) - tiePriority(b[0]));
	const [best, second] = ranked;
	if (!best) {
		if (flags.humanRequested) return { intent: 'human_agent', confidence: 0.8 };
		if (flags.b2bSales) return { intent: 'quote', confidence: 0.6 };
		if (flags.angry) return { intent: 'complaint', confidence: 0.6 };
		return { intent: 'other', confidence: NO_INTENT_CONFIDENCE };
	}
	const [intent, score] = best;
	const runnerUp = second?.[1] ?? 0;
	return { intent, confidence: round((1 - Math.exp(-0.8 * score)) * (score / (score + runnerUp))) };
}

/** On a tie the more specific, transactional intent wins ("estorno do valor" is a refund, not pricing). */
const TIE_ORDER = ['return_refund', 'order_status', 'payment', 'account', 'booking', 'shipping', 'quote', 'pricing', 'hours', 'complaint'];
function tiePriority(intent: string): number {
	const index = TIE_ORDER.indexOf(intent);
	return index < 0 ? TIE_ORDER.length : index;
}


function round(value: number): number {
	return Math.round(value * 100) / 100;
}
