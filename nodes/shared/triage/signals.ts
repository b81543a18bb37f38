/**
 * Reads a tokenised message against the compiled lexicon and returns the raw signals triage
 * decides from: intent scores, flag hits, urgency, sentiment and sarcasm, each with evidence.
 * Negation is per clause: a negator up to four tokens before a phrase, in the same clause,
 * cancels a flag or urgency and flips a sentiment word ("no es urgente", "not angry, just asking").
 */
import type { PhraseMatch } from './phrase-matcher';
import { FLAG_NAMES, type CompiledLexicon, type FlagName } from './lexicon';
import type { TokenizedText } from './tokens';

export interface Signals {
	intentScores: Map<string, number>;
	flags: Record<FlagName, boolean>;
	urgencyHigh: boolean;
	urgencyLow: boolean;
	sentiment: number;
	sarcastic: boolean;
	shouting: boolean;
	/** Days since purchase when the message says so ("bought it 2 months ago"). */
	daysSince?: number;
	quantity?: number;
	/** Flags whose only cues were negated or harmless ("no me hackearon", "soy abogada"): evidence for the needs-a-human model. */
	cancelledFlags: Set<FlagName>;
	evidence: string[];
}

export interface SignalOptions {
	b2bMinQuantity: number;
	/** Negators for the message's language (see CompiledLexicon.negatorsFor). */
	negators: ReadonlySet<string>;
}

const NEGATION_WINDOW = 4;
/** "agent" alone asks for one; "the agent yesterday was helpful" does not. */
const SHORT_MESSAGE_TOKENS = 4;
/**
 * Categories a negator does not cancel: a topic stays the topic, an injection stays an injection, and a
 * self-harm cue stays one ("se o reembolso não cair eu acabo com tudo" is a threat made conditional,
 * not a denial; a needless L4 costs far less than a miss).
 */
const NOT_NEGATABLE = new Set(['flag:injection', 'flag:selfHarm', 'sarcasm:cue', 'sarcasm:explicit']);
/** Sarcasm spans clauses by nature: "great, another week without my order". */
const CROSSES_CLAUSES = new Set(['sarcasm:cue', 'sarcasm:explicit']);
// Linear on floods: a line's leading blanks stop at its end (a "\s*" after "^" crossed every
// following newline), and a "#" run is entered only at its first "#".
export const INJECTION_MARKUP = [/<\|?(im_start|im_end|system|endoftext)\|?>/i, /<\/?(user|assistant|human)>/i, /\[\/?(INST|SYS)\]|<<\/?SYS>>/, /^[^\S\n\r\u2028\u2029]*(system|assistant|developer)\s*:/im, /(?<!#)#{2,}[^\n#]{0,30}?\b(system|sistema|instructions?|instrucciones|instru[çc](?:ões|oes|ão|ao))(?=$|[^\p{L}])/imu, /\[\s?(system|sistema)\s?\]/i, /\[\s?(mensaje del |mensagem do |aviso del |aviso do |nota del |nota do )?(system|sistema)( message| notice| note)?\s?\]/i, /^[^\S\n\r\u2028\u2029]*(mensaje del sistema|mensagem do sistema|system message|system notice)\s*:/im, /\[\s?(system|sistema)\s?:/i];

/** Every flag false, in FLAG_NAMES order (the order the flags are written out in). */
const NO_FLAGS = {} as Record<FlagName, boolean>;
for (const flag of FLAG_NAMES) NO_FLAGS[flag] = false;

export function readSignals(text: string, tokenized: TokenizedText, lexicon: CompiledLexicon, options: SignalOptions): Signals {
	const { tokens, clauses } = tokenized;
	const matches = dedupe(lexicon.matcher.match(tokens).filter((m) => CROSSES_CLAUSES.has(m.rule.category) || clauses[m.start] === clauses[m.end - 1]));
	const evidence: string[] = [];
	// Copied from a template: Object.fromEntries per message was most of this function's own time.
	const flags = { ...NO_FLAGS };
	const intentScores = new Map<string, number>();
	let urgencyHigh = false;
	let urgencyLow = false;
	let positive = 0;
	let negative = 0;
	let cue = false;
	let explicitSarcasm = false;
	const phrase = (m: PhraseMatch) => tokens.slice(m.start, m.end).join(' ');
	const cancelledFlags = new Set<FlagName>();
	// Harmless roles of a cue word, per flag: "dead battery" is no bereavement, "killer price" no threat.
	const isHarmless = harmlessOverlap(matches, tokens.length);

	for (const m of matches) {
		const { kind, name } = m.rule;
		const negated = !NOT_NEGATABLE.has(m.rule.category) && isNegated(m, tokenized, options.negators);
		if (kind === 'flag' && isHarmless(m)) {
			if (!flags[name as FlagName]) cancelledFlags.add(name as FlagName);
			evidence.push(`not ${name}: "${phrase(m)}" is a harmless use`);
			continue;
		}
		if (kind === 'intent') {
			intentScores.set(name, (intentScores.get(name) ?? 0) + m.rule.weight);
		} else if (kind === 'flag' || (kind === 'short' && tokens.length <= SHORT_MESSAGE_TOKENS)) {
			if (negated) {
				evidence.push(`not ${name}: "${phrase(m)}" is negated`);
				if (!flags[name as FlagName]) cancelledFlags.add(name as FlagName);
			} else if (!flags[name as FlagName]) {
				cancelledFlags.delete(name as FlagName);
				flags[name as FlagName] = true;
				evidence.push(`${name}: "${phrase(m)}"`);
			}
		} else if (kind === 'urgency') {
			// "no es urgente" is a statement of low urgency, not the absence of a signal.
			if ((name === 'high') !== negated) urgencyHigh = true;
			else urgencyLow = true;
			evidence.push(`urgency ${negated ? `${name} negated` : name}: "${phrase(m)}"`);
		} else if (kind === 'sentiment') {
			const base = name === 'positive' ? 1 : name === 'strongNegative' ? -2 : -1;
			const value = base * (isIntensified(m, tokens, lexicon.intensifiers) ? 1.5 : 1) * (negated ? -0.5 : 1);
			if (value > 0) positive += value;
			else negative += value;
		} else if (kind === 'sarcasm') {
			if (name === 'explicit') explicitSarcasm = true;
			else cue = true;
		}
	}

	// A cheerful opener is sarcasm only when the rest of the message complains.
	const sarcastic = explicitSarcasm || (cue && negative < 0 && positive > 0);
	if (sarcastic) {
		negative -= positive + 1;
		positive = 0;
		evidence.push('sarcasm: positive words in a complaint');
	}
	const shouting = isShouting(text) || /!{2,}/.test(text);
	let sum = positive + negative;
	if (shouting && sum < 0) sum -= 1;
	const sentiment = round(sum / (Math.abs(sum) + 1.5));

	if (!flags.injection && INJECTION_MARKUP.some((pattern) => pattern.test(text))) {
		flags.injection = true;
		evidence.push('injection: chat-template markup in the message');
	}
	const quantity = findQuantity(tokens, lexicon);
	if (quantity !== undefined && quantity >= options.b2bMinQuantity && !flags.b2bSales) {
		flags.b2bSales = true;
		evidence.push(`b2bSales: quantity ${quantity}`);
	}
	return { intentScores, flags, urgencyHigh, urgencyLow, sentiment, sarcastic, shouting, daysSince: findDaysSince(tokenized, lexicon), quantity, cancelledFlags, evidence };
}

/**
 * Several languages' lexicons may hold the same phrase: count each category once per start.
 * The matcher gives matches in start order (PhraseMatcher.match), so one small map per start does
 * it; a single map keyed by category and start held an entry per match and grew slower than the text.
 */
export function dedupe(matches: readonly PhraseMatch[]): PhraseMatch[] {
	const out: PhraseMatch[] = [];
	const best = new Map<string, number>();
	let start = -1;
	for (const m of matches) {
		if (m.start !== start) {
			best.clear();
			start = m.start;
		}
		const at = best.get(m.rule.category);
		if (at === undefined) {
			best.set(m.rule.category, out.length);
			out.push(m);
		} else if (m.end - m.start > out[at].end - out[at].start) out[at] = m;
	}
	return out;
}

/**
 * Whether a match overlaps a harmless match of the same name ("dead battery" for bereavement).
 * Each harmless match marks the tokens it covers, per name, so a check reads only the match's own
 * tokens (testing every flag match against every harmless one was quadratic).
 */
export function harmlessOverlap(matches: readonly PhraseMatch[], tokenCount: number): (m: PhraseMatch) => boolean {
	const covered = new Map<string, Uint8Array>();
	for (const h of matches) {
		if (h.rule.kind !== 'harmless') continue;
		let marks = covered.get(h.rule.name);
		if (!marks) covered.set(h.rule.name, (marks = new Uint8Array(tokenCount)));
		marks.fill(1, h.start, h.end);
	}
	return (m) => {
		const marks = covered.get(m.rule.name);
		if (!marks) return false;
		for (let i = m.start; i < m.end; i++) if (marks[i]) return true;
		return false;
	};
}

function isNegated(m: PhraseMatch, { tokens, clauses }: TokenizedText, negators: ReadonlySet<string>): boolean {
	for (let i = m.start - 1; i >= Math.max(0, m.start - NEGATION_WINDOW); i--) {
		if (clauses[i] !== clauses[m.start]) return false;
		if (negators.has(tokens[i])) return true;
	}
	return false;
}

function isIntensified(m: PhraseMatch, tokens: readonly string[], intensifiers: ReadonlySet<string>): boolean {
	return m.start > 0 && intensifiers.has(tokens[m.start - 1]);
}

/** Two or more words of three letters or more, mostly in capitals. */
function isShouting(text: string): boolean {
	if (!/\p{Lu}{3}/u.test(text)) return false;
	const words = text.match(/\p{L}{3,}/gu) ?? [];
	if (words.length < 2) return false;
	const upper = words.filter((word) => word === word.toUpperCase() && word !== word.toLowerCase()).length;
	return upper >= 2 && upper / words.length >= 0.6;
}

/** "500 units", "1.000 piezas", "two hundred"-free: digits followed by a unit word. */
function findQuantity(tokens: readonly string[], lexicon: CompiledLexicon): number | undefined {
	let found: number | undefined;
	for (let i = 0; i < tokens.length - 1; i++) {
		if (!/^\d+$/.test(tokens[i])) continue;
		if (lexicon.units.has(tokens[i + 1]) || (i + 2 < tokens.length && lexicon.units.has(tokens[i + 2]))) {
			found = Math.max(found ?? 0, Number(tokens[i]));
		}
	}
	return found;
}

/** "bought it 45 days ago", "hace dos meses", "faz 3 semanas": a number, a unit and a time word nearby. */
function findDaysSince({ tokens, clauses }: TokenizedText, lexicon: CompiledLexicon): number | undefined {
	let days: number | undefined;
	for (let i = 0; i < tokens.length - 1; i++) {
		const n = /^\d+$/.test(tokens[i]) ? Number(tokens[i]) : lexicon.numbers.get(tokens[i]);
		const unit = lexicon.durationUnits.get(tokens[i + 1]);
		if (n === undefined || unit === undefined) continue;
		let timed = false;
		for (let j = Math.max(0, i - 4); j <= Math.min(tokens.length - 1, i + 4) && !timed; j++) {
			timed = clauses[j] === clauses[i] && lexicon.agoWords.has(tokens[j]);
		}
		if (timed) days = Math.max(days ?? 0, n * unit);
	}
	return days;
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}
