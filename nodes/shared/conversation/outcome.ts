import type { Ticket } from '../ticket';
import type { TurnOutcome } from './types';

const TIERS = new Set(['L1', 'L2', 'L3', 'L4']);
const MAX_REASONS = 5;
const MAX_FIELD = 200;

const text = (value: unknown) => (typeof value === 'string' && value ? value.slice(0, MAX_FIELD) : undefined);

/**
 * What the workflow decided for the ticket, kept on the customer's turn so the report and the
 * dashboard can count it later. The deciding rule is the first one after the off-hours note (that
 * note only says why an L4 case waits in the L3 queue). Undefined when the ticket was not routed.
 */
export function outcomeOf(ticket: Ticket): TurnOutcome | undefined {
	const route = ticket.route;
	const tier = route?.tier;
	if (!route || !TIERS.has(tier as string)) return undefined;
	const reasons = Array.isArray(route.reasons) ? route.reasons.filter((r): r is string => typeof r === 'string') : [];
	const rules = Array.isArray(route.rules) ? route.rules : [];
	let deciding = 0;
	while (deciding < rules.length - 1 && rules[deciding] === 'offHours') deciding++;
	const outcome: TurnOutcome = { tier: tier as TurnOutcome['tier'] };
	const rule = text(rules[deciding]);
	const reason = text(reasons[deciding]);
	if (rule) outcome.rule = rule;
	if (reason) outcome.reason = reason;
	if (reasons.length) outcome.reasons = reasons.slice(0, MAX_REASONS).map((r) => r.slice(0, MAX_FIELD));
	const intent = text(ticket.triage?.intent);
	const language = text(ticket.triage?.language) ?? text(ticket.reply?.language) ?? text(ticket.customer?.language);
	if (intent) outcome.intent = intent;
	if (language) outcome.language = language;
	if (typeof ticket.knowledge?.answered === 'boolean') outcome.answered = ticket.knowledge.answered;
	if (typeof ticket.hours?.open === 'boolean') outcome.offHours = !ticket.hours.open;
	const due = text(ticket.sla?.firstResponseDueAt);
	if (due) outcome.firstResponseDueAt = due;
	const state = ticket.sla?.state;
	if (state === 'ok' || state === 'at_risk' || state === 'breached') outcome.slaState = state;
	return outcome;
}
