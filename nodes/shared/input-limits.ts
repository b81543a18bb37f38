/**
 * The one input limit every entry point applies (web chat and webhook bodies, channel triggers,
 * ticket files): message text cut at a set length, with the cut recorded on the message, and
 * history kept to its last turns, non-object entries dropped with a warning. Whatever comes in,
 * later nodes see bounded text and a well-formed history. Pure: no n8n imports.
 */
import type { HistoryTurn, Message, Ticket } from './ticket';

export interface InputLimits {
	/** Longest message (and history turn) text kept, in characters. */
	maxTextLength: number;
	/** History turns kept (the most recent ones). */
	maxHistoryTurns: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxTextLength: 20_000, maxHistoryTurns: 50 };

export interface CappedText {
	text: string;
	truncated: boolean;
	originalLength: number;
}

export function capText(text: string, maxLength = DEFAULT_INPUT_LIMITS.maxTextLength): CappedText {
	if (text.length <= maxLength) return { text, truncated: false, originalLength: text.length };
	let end = maxLength;
	// Never split a surrogate pair (an emoji cut in half is not valid text).
	const last = text.charCodeAt(end - 1);
	if (last >= 0xd800 && last <= 0xdbff) end--;
	return { text: text.slice(0, end), truncated: true, originalLength: text.length };
}

/** The message with its text capped; `truncated` and `originalLength` say when it was cut. */
export function capMessage<M extends Message>(message: M, limits: InputLimits = DEFAULT_INPUT_LIMITS): M {
	if (typeof message.text !== 'string') return message;
	const capped = capText(message.text, limits.maxTextLength);
	if (!capped.truncated) return message;
	return { ...message, text: capped.text, truncated: true, originalLength: capped.originalLength };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The last turns of a history, objects only, each text capped; warnings say what was dropped. */
export function capHistory(history: unknown, limits: InputLimits = DEFAULT_INPUT_LIMITS): { history: HistoryTurn[]; warnings: string[] } {
	const warnings: string[] = [];
	if (!Array.isArray(history)) {
		if (history !== undefined && history !== null) warnings.push(`history is not a list (${typeof history}) and was ignored`);
		return { history: [], warnings };
	}
	const start = Math.max(0, history.length - limits.maxHistoryTurns);
	if (start > 0) warnings.push(`history has ${history.length} turns; the first ${start} were dropped (limit ${limits.maxHistoryTurns})`);
	const kept: HistoryTurn[] = [];
	let dropped = 0;
	for (let i = start; i < history.length; i++) {
		const turn = history[i];
		if (!isObject(turn)) {
			dropped++;
			continue;
		}
		kept.push((typeof turn.text === 'string' && turn.text.length > limits.maxTextLength ? { ...turn, text: capText(turn.text, limits.maxTextLength).text } : turn) as unknown as HistoryTurn);
	}
	if (dropped) warnings.push(`${dropped} history ${dropped === 1 ? 'entry is' : 'entries are'} not an object and ${dropped === 1 ? 'was' : 'were'} dropped`);
	return { history: kept, warnings };
}

/**
 * A ticket within the limits: message text capped, history bounded. Warnings go to
 * `inputWarnings` so a person auditing the ticket sees what was cut.
 */
export function capTicket<T extends Ticket>(ticket: T, limits: InputLimits = DEFAULT_INPUT_LIMITS): T {
	let out = ticket;
	if (isObject(ticket.message)) {
		const message = capMessage(ticket.message, limits);
		if (message !== ticket.message) out = { ...out, message };
	}
	if (ticket.history !== undefined) {
		const { history, warnings } = capHistory(ticket.history, limits);
		const unchanged = Array.isArray(ticket.history) && history.length === ticket.history.length && history.every((turn, i) => turn === (ticket.history as unknown[])[i]);
		if (!unchanged) out = { ...out, history };
		if (warnings.length) out = { ...out, inputWarnings: [...(Array.isArray(ticket.inputWarnings) ? (ticket.inputWarnings as string[]) : []), ...warnings] };
	}
	return out;
}

/** History turns that are objects, for readers of tickets that did not come through an entry point. */
export function historyTurns(ticket: Pick<Ticket, 'history'>): HistoryTurn[] {
	const history = ticket.history;
	if (!Array.isArray(history)) return [];
	return history.every(isObject) ? history : history.filter(isObject);
}

/**
 * Limits from a node's options or the CLI's flags: unset keeps the default, anything else must be a
 * whole number of at least 1, named in the error.
 */
export function resolveInputLimits(values: { maxTextLength?: unknown; maxHistoryTurns?: unknown }, names = { maxTextLength: 'maxTextLength', maxHistoryTurns: 'maxHistoryTurns' }): InputLimits {
	const read = (key: keyof InputLimits): number => {
		const value = values[key];
		if (value === undefined || value === null || value === '') return DEFAULT_INPUT_LIMITS[key];
		const n = typeof value === 'number' ? value : Number(String(value).trim());
		if (!Number.isInteger(n) || n < 1) throw new Error(`${names[key]} must be a whole number of at least 1, got "${String(value)}"`);
		return n;
	};
	return { maxTextLength: read('maxTextLength'), maxHistoryTurns: read('maxHistoryTurns') };
}
