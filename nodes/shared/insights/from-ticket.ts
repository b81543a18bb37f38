/** Ticket items (the package's ticket shape, DESIGN §2) as gap-analysis input. */
import { readPath } from '../field-path';
import { SENSITIVE_RULES } from '../routing/route';
import type { GapReason, GapTicket } from './types';

/**
 * Router reasons that send a ticket to a person whatever the knowledge base holds (see
 * routing/route.ts): the rules on the customer's words and flags, the needs-a-human model, a
 * person already holding the conversation. The rest (no answer, a low score, an action intent
 * without an answer, an order number) is what a knowledge entry can change: the knowledge misses.
 */
const POLICY_REASONS = [
	'prompt injection attempt',
	'critical emergency',
	'out-of-policy decision',
	'legal or sensitive case',
	'angry customer',
	'customer asked for a person',
	'complex B2B sale',
	'repeated failure',
	'needs a human',
	'taken over by a person',
	'conversation store unavailable',
	...SENSITIVE_RULES.map((rule) => rule.reason),
];
const MAPPED_TO_PERSON = /^intent \S+ mapped to L[34]$/;

export function isPolicyEscalation(reasons: readonly string[]): boolean {
	return reasons.some((reason) => typeof reason === 'string' && (POLICY_REASONS.some((policy) => reason.startsWith(policy)) || MAPPED_TO_PERSON.test(reason)));
}

export function gapReason(tier: unknown, reasons: readonly string[]): GapReason {
	if (tier === 'L3' || tier === 'L4') return reasons.some((r) => typeof r === 'string' && r.startsWith('low confidence')) ? 'low_confidence' : 'person';
	return 'not_found';
}

export interface TicketFields {
	/** Path of the customer's text; default message.text. */
	text?: string;
	/** Path of a person's answer; none by default. */
	resolution?: string;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

/**
 * The item as a gap ticket, or undefined when the AI resolved it (ended at L1/L2 with an answer)
 * and `onlyUnresolved` is set. Throws, naming the field, when the item has no text.
 */
export function gapTicketFromItem(json: Record<string, unknown>, position: number, fields: TicketFields = {}, onlyUnresolved = true): GapTicket | undefined {
	const textPath = fields.text || 'message.text';
	const body = text(readPath(json, textPath));
	if (!body) throw new Error(`field "${textPath}" is empty or not a text`);
	const tier = readPath(json, 'route.tier');
	const rawReasons = readPath(json, 'route.reasons');
	const reasons = Array.isArray(rawReasons) ? rawReasons.filter((r): r is string => typeof r === 'string') : [];
	const answered = readPath(json, 'knowledge.answered') === true || Boolean(text(readPath(json, 'reply.text')) && (tier === 'L1' || tier === 'L2'));
	if (onlyUnresolved && (tier === 'L1' || tier === 'L2') && answered) return undefined;
	const open = readPath(json, 'hours.open');
	return {
		id: String(readPath(json, 'ticketId') ?? `item-${position + 1}`),
		text: body,
		language: text(readPath(json, 'triage.language')) ?? text(readPath(json, 'customer.language')),
		customerName: text(readPath(json, 'customer.name')),
		reason: gapReason(tier, reasons),
		policy: isPolicyEscalation(reasons),
		offHours: typeof open === 'boolean' ? !open : undefined,
		resolutionText: fields.resolution ? text(readPath(json, fields.resolution)) : undefined,
	};
}
