/**
 * The embedded triage provider: offline, deterministic, no clock. `triageTicket(ticket, options)`
 * is what the Support Triage node, the simulator and the bench call.
 */
import type { Automation, Ticket, TriageFlags, TriageSection, Urgency } from '../ticket';
import type { IntentModel } from '../intent/types';
import { detectLanguage, normaliseLanguage } from './language';
import { FLAG_NAMES, getLexicon, tokenizeForLexicon, type CompiledLexicon, type FlagName } from './lexicon';
import { readSignals, type Signals } from './signals';

export const BUILT_IN_INTENTS = [
	'order_status',
	'return_refund',
	'booking',
	'quote',
	'pricing',
	'hours',
	'shipping',
	'payment',
	'account',
	'complaint',
	'human_agent',
	'other',
] as const;

/** Built-in intents that need a look at the business's systems (orders, bookings, payments). */
export const DEFAULT_SYSTEM_INTENTS = ['order_status', 'return_refund', 'booking', 'payment', 'account'];

export interface TriageOptions {
	/** The knowledge base's intent model; without it, intents come from the built-in lexicons. */
	intentModel?: Pick<IntentModel, 'predict'>;
	/** Below this intent confidence, automation is at most "medium". Default 0.5. */
	confidenceThreshold?: number;
	/** Intents that need system access (automation "medium"). Default DEFAULT_SYSTEM_INTENTS. */
	systemIntents?: readonly string[];
	/** Flags that make automation "human". Default: all seven. */
	humanFlags?: readonly FlagName[];
	/** Languages to detect. Default ['es', 'pt', 'en']. */
	languages?: readonly string[];
	/** When neither text nor customer tells the language. Default 'en'. */
	defaultLanguage?: string;
	/** A refund asked this many days after purchase or more is out of policy. Default 30. */
	returnWindowDays?: number;
	/** A quantity at least this big ("500 units") is a B2B sale. Default 100. */
	b2bMinQuantity?: number;
	lexicon?: CompiledLexicon;
}

export class TriageInputError extends Error {
	constructor(readonly field: string, message: string) {
		super(message);
		this.name = 'TriageInputError';
	}
}

const NO_INTENT_CONFIDENCE = 0.2;

export function triageTicket(ticket: Pick<Ticket, 'message' | 'customer'>, options: TriageOptions = {}): TriageSection {
	const text = ticket.message?.text;
	if (typeof text !== 'string') {
		throw new TriageInputError('message.text', `field "message.text" is missing or not a string`);
	}
	const subject = typeof ticket.message.subject === 'string' ? ticket.message.subject : '';
	return triageText(subject && !text.includes(subject) ? `${subject}.\n${text}` : text, ticket.customer?.language, options);
}

export function triageText(text: string, customerLanguage: string | undefined, options: TriageOptions = {}): TriageSection {
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
	// Anger words count when the message is negative overall; a very negative message is angry anyway.
	flags.angry = flags.angry ? signals.sentiment <= -0.3 : signals.sentiment <= -0.75;
	if (signals.flags.angry !== flags.angry) evidence.push(`${flags.angry ? '' : 'not '}angry: sentiment ${signals.sentiment}`);

	const { intent, confidence } = options.intentModel
		? fromModel(options.intentModel, text, language)
		: fromLexicon(signals, flags);
	evidence.push(`intent: ${intent} (${confidence})`);

	return {
		intent,
		confidence,
		urgency: urgencyOf(signals, flags),
		sentiment: signals.sentiment,
		language,
		flags,
		automation: automationOf(intent, confidence, flags, options),
		provider: 'embedded',
		evidence,
	};
}

function fromModel(model: Pick<IntentModel, 'predict'>, text: string, language: string): { intent: string; confidence: number } {
	const prediction = model.predict(text, language);
	// `score` also knows when a text is unlike anything in the knowledge base.
	const raw = typeof prediction.score === 'number' ? prediction.score : prediction.confidence;
	return { intent: prediction.intent, confidence: round(raw) };
}

/** Lexicon scores: the confidence grows with the winner's evidence and shrinks with a close runner-up. */
function fromLexicon(signals: Signals, flags: TriageFlags): { intent: string; confidence: number } {
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

function urgencyOf(signals: Signals, flags: TriageFlags): Urgency {
	if (flags.emergency) return 'critical';
	if (signals.urgencyHigh || flags.legal || flags.angry) return 'high';
	if (signals.urgencyLow) return 'low';
	return 'normal';
}

/** 'human' for any human-required flag, 'medium' for system-access intents or low confidence, else 'high'. */
export function automationOf(intent: string, confidence: number, flags: TriageFlags, options: TriageOptions): Automation {
	const humanFlags = options.humanFlags ?? FLAG_NAMES;
	if (humanFlags.some((flag) => flags[flag])) return 'human';
	if (intent === 'human_agent') return 'human';
	const systemIntents = options.systemIntents ?? DEFAULT_SYSTEM_INTENTS;
	if (systemIntents.includes(intent) || confidence < (options.confidenceThreshold ?? 0.5)) return 'medium';
	return 'high';
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}
