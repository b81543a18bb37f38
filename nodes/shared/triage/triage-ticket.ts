/**
 * The embedded triage provider: offline, deterministic, no clock. `triageTicket(ticket, options)`
 * is what the Support Triage node, the simulator and the bench call.
 */
import type { Automation, Ticket, TriageFlags, TriageSection, Urgency } from '../ticket';
import type { IntentModel } from '../intent/types';
import { FLAG_NAMES, type CompiledLexicon, type FlagName } from './lexicon';
import { scoreHuman } from './human';
import { fromLexicon, readLexical } from './lexical';
import type { Signals } from './signals';

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
	/** Compute triage.humanScore with the trained needs-a-human model. Default true. */
	humanScore?: boolean;
}


export class TriageInputError extends Error {
	constructor(readonly field: string, message: string) {
		super(message);
		this.name = 'TriageInputError';
	}
}

export function triageTicket(ticket: Pick<Ticket, 'message' | 'customer'>, options: TriageOptions = {}): TriageSection {
	const text = ticket.message?.text;
	if (typeof text !== 'string') {
		throw new TriageInputError('message.text', `field "message.text" is missing or not a string`);
	}
	const subject = typeof ticket.message.subject === 'string' ? ticket.message.subject : '';
	return triageText(subject && !text.includes(subject) ? `${subject}.\n${text}` : text, ticket.customer?.language, options);
}

export function triageText(text: string, customerLanguage: string | undefined, options: TriageOptions = {}): TriageSection {
	const lexical = readLexical(text, customerLanguage, options);
	const { language, signals, flags, evidence } = lexical;
	const { intent, confidence } = options.intentModel ? fromModel(options.intentModel, text, language) : fromLexicon(signals, flags);
	evidence.push(`intent: ${intent} (${confidence})`);

	const human = options.humanScore === false ? undefined : scoreHuman(text, lexical, options.intentModel ? confidence : undefined);
	if (human) evidence.push(human.evidence);

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
		...(human ? { humanScore: human.score } : {}),
	};
}

function fromModel(model: Pick<IntentModel, 'predict'>, text: string, language: string): { intent: string; confidence: number } {
	const prediction = model.predict(text, language);
	// `score` also knows when a text is unlike anything in the knowledge base.
	const raw = typeof prediction.score === 'number' ? prediction.score : prediction.confidence;
	return { intent: prediction.intent, confidence: round(raw) };
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
