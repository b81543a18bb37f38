import type { BusinessCalendar, TimeInput } from '../calendar';
import { toMillis } from '../calendar';
import { historyTurns } from '../input-limits';
import type { SlaSection, Ticket, Urgency } from '../ticket';
import { normalizePriority, type SlaPolicy } from './policy';

const MINUTE = 60_000;

export type SlaTargetKind = 'firstResponse' | 'resolution';
export type SlaState = 'ok' | 'at_risk' | 'breached';

export interface SlaOptions {
	/** Time used when the ticket has no times of its own. */
	now?: TimeInput;
	/** Where the priority comes from: the ticket's triage urgency first (default), or its helpdesk priority first. */
	priorityFrom?: 'urgency' | 'priority';
	/** Priority when the ticket says nothing usable. */
	defaultPriority?: Urgency;
}

/** The ticket's priority: triage.urgency or a helpdesk `priority` field, else the default ("normal"). */
export function ticketPriority(ticket: Ticket, options: SlaOptions = {}): Urgency {
	const fromUrgency = normalizePriority(ticket.triage?.urgency);
	const fromPriority = normalizePriority(ticket.priority);
	const ordered = options.priorityFrom === 'priority' ? [fromPriority, fromUrgency] : [fromUrgency, fromPriority];
	return ordered.find(Boolean) ?? options.defaultPriority ?? 'normal';
}

/** The SLA clock starts at the conversation's first customer turn, else at this message. */
export function slaStart(ticket: Ticket, now?: TimeInput): number {
	const firstCustomerTurn = historyTurns(ticket).find((turn) => turn.role === 'customer' && turn.at);
	if (firstCustomerTurn?.at) return toMillis(firstCustomerTurn.at, 'history[].at');
	if (ticket.message?.receivedAt) return toMillis(ticket.message.receivedAt, 'message.receivedAt');
	if (now !== undefined) return toMillis(now, 'now');
	throw new Error('message.receivedAt: missing, and no "now" was given');
}

function countsBusinessHours(policy: SlaPolicy, priority: Urgency): boolean {
	return policy.targets[priority].businessHours ?? policy.businessHours;
}

function dueAt(start: number, minutes: number, business: boolean, calendar: BusinessCalendar): string {
	const ms = minutes * MINUTE;
	return calendar.toIso(business ? calendar.addBusinessMillis(start, ms) : start + ms);
}

/** Deadlines of a ticket under a policy, computed with the business calendar. */
export function annotateSla(ticket: Ticket, policy: SlaPolicy, calendar: BusinessCalendar, options: SlaOptions = {}): SlaSection {
	const priority = ticketPriority(ticket, options);
	const business = countsBusinessHours(policy, priority);
	const start = slaStart(ticket, options.now);
	const target = policy.targets[priority];
	return {
		policy: policy.name,
		priority,
		businessHours: business,
		startedAt: calendar.toIso(start),
		firstResponseDueAt: dueAt(start, target.firstResponseMinutes, business, calendar),
		resolutionDueAt: dueAt(start, target.resolutionMinutes, business, calendar),
		state: 'ok',
	};
}

export interface SlaCheck {
	state: SlaState;
	target: SlaTargetKind;
	dueAt: string;
	/** Share of the time budget used at the checked instant (1 = the whole budget). */
	used: number;
	checkedAt: string;
}

export interface CheckOptions extends SlaOptions {
	/** The instant to judge: a given response time; default the ticket's time (message.receivedAt). */
	at?: TimeInput;
	target?: SlaTargetKind;
	/** Share of the budget from which a ticket is "at risk" (default 0.8). */
	atRiskThreshold?: number;
}

/** The instant a check judges: an explicit time, else the ticket's message time, else `now`. */
function checkedInstant(ticket: Ticket, options: CheckOptions): number {
	if (options.at !== undefined && options.at !== '') return toMillis(options.at, 'response time');
	if (ticket.message?.receivedAt) return toMillis(ticket.message.receivedAt, 'message.receivedAt');
	if (options.now !== undefined) return toMillis(options.now, 'now');
	throw new Error('message.receivedAt: missing, and no response time or "now" was given');
}

/**
 * ok / at risk / breached at an instant, against the first-response or resolution target.
 * `annotated` (this ticket's annotateSla result) saves recomputing the deadline.
 */
export function checkSla(ticket: Ticket, policy: SlaPolicy, calendar: BusinessCalendar, options: CheckOptions = {}, annotated?: SlaSection): SlaCheck {
	const threshold = options.atRiskThreshold ?? 0.8;
	if (!(threshold > 0 && threshold <= 1)) throw new Error(`atRiskThreshold: ${threshold} must be between 0 and 1`);
	const kind = options.target ?? 'firstResponse';
	const priority = ticketPriority(ticket, options);
	const business = countsBusinessHours(policy, priority);
	const start = slaStart(ticket, options.now);
	const at = checkedInstant(ticket, options);
	const budget = (kind === 'firstResponse' ? policy.targets[priority].firstResponseMinutes : policy.targets[priority].resolutionMinutes) * MINUTE;
	const elapsed = business ? calendar.businessDurationBetween(start, at) : at - start;
	const used = Math.max(0, elapsed) / budget;
	const state: SlaState = elapsed > budget ? 'breached' : used >= threshold ? 'at_risk' : 'ok';
	return {
		state,
		target: kind,
		dueAt: (kind === 'firstResponse' ? annotated?.firstResponseDueAt : annotated?.resolutionDueAt) ?? dueAt(start, budget / MINUTE, business, calendar),
		used: Math.round(used * 1000) / 1000,
		checkedAt: calendar.toIso(at),
	};
}

/**
 * When to wake a durable wait: the deadline itself, or the instant the at-risk share of the budget is used
 * (to act before the breach).
 */
export function wakeAt(ticket: Ticket, policy: SlaPolicy, calendar: BusinessCalendar, options: CheckOptions & { wake?: 'deadline' | 'atRisk' } = {}): Date {
	const kind = options.target ?? 'firstResponse';
	const priority = ticketPriority(ticket, options);
	const business = countsBusinessHours(policy, priority);
	const start = slaStart(ticket, options.now);
	const minutes = kind === 'firstResponse' ? policy.targets[priority].firstResponseMinutes : policy.targets[priority].resolutionMinutes;
	const share = options.wake === 'atRisk' ? (options.atRiskThreshold ?? 0.8) : 1;
	const ms = Math.round(minutes * MINUTE * share);
	return new Date(business ? calendar.addBusinessDuration(start, ms).toMillis() : start + ms);
}
