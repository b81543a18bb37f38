import { describeWhenIso } from '../greeting/describeWhen';
import { ticketLanguage } from '../greeting/greet';
import { fill, messagesFor, pickVariant } from '../i18n';
import type { ReplySection, RouteSection, Ticket, Tier } from '../ticket';
import type { SensitiveFlag } from '../triage/flags';
import { historyTurns } from '../input-limits';
import { extractFacts, type ExtractedFacts } from './facts';
import type { RoutingPolicy, RuleName } from './policy';

/** Rules that cannot be switched off: while a person has the conversation (or nobody knows), the AI is silent. */
export type SilenceRule = 'takeover' | 'storeUnavailable';
const SILENCE_RULES: readonly string[] = ['takeover', 'storeUnavailable'];

interface Match {
	rule: RuleName | 'fallback' | SilenceRule;
	tier: Tier;
	reason: string;
}

/** Sensitive and high-stakes flags: each outranks a knowledge answer; life, safety and the press go to a supervisor. */
export const SENSITIVE_RULES: ReadonlyArray<{ flag: SensitiveFlag; tier: Tier; reason: string }> = [
	{ flag: 'selfHarm', tier: 'L4', reason: 'self-harm risk' },
	{ flag: 'safetyHazard', tier: 'L4', reason: 'product safety hazard' },
	{ flag: 'pressOrRegulator', tier: 'L4', reason: 'press or regulator contact' },
	{ flag: 'accountSecurity', tier: 'L3', reason: 'account security or fraud' },
	{ flag: 'financialHarm', tier: 'L3', reason: 'financial harm to the customer' },
	{ flag: 'harassment', tier: 'L3', reason: 'harassment or threats' },
	{ flag: 'bereavement', tier: 'L3', reason: 'bereavement or estate' },
	{ flag: 'privacy', tier: 'L3', reason: 'privacy or data-protection request' },
	{ flag: 'medical', tier: 'L3', reason: 'health complaint or medical question' },
	{ flag: 'minors', tier: 'L3', reason: 'involves a minor' },
];

const RANK: Record<Tier, number> = { L1: 1, L2: 2, L3: 3, L4: 4 };

/** AI turns since the last resolved one (a customer writing again means the AI has not solved it yet). */
export function unresolvedAiTurns(ticket: Ticket): number {
	let count = 0;
	for (const turn of historyTurns(ticket)) {
		if (turn.role !== 'ai' || turn.pending) continue;
		count = turn.resolved === true ? 0 : count + 1;
	}
	return count;
}

/** Every rule that fires for a ticket, with the tier it asks for. */
export function matchRules(ticket: Ticket, policy: RoutingPolicy, facts: () => ExtractedFacts = () => extractFacts(customerTexts(ticket))): Match[] {
	const on = policy.rules;
	const triage = ticket.triage;
	const flags = triage?.flags;
	const intent = triage?.intent;
	const knowledge = ticket.knowledge;
	const matches: Match[] = [];
	const add = (rule: RuleName, tier: Tier, reason: string) => {
		if (on[rule]) matches.push({ rule, tier, reason });
	};

	// Conversation Store: a person has taken the conversation over, or its state could not be read.
	const conversation = ticket.conversation as { takeover?: unknown; unavailable?: unknown } | undefined;
	if (conversation?.takeover) matches.push({ rule: 'takeover', tier: 'L3', reason: 'taken over by a person' });
	else if (conversation?.unavailable === true) matches.push({ rule: 'storeUnavailable', tier: 'L3', reason: 'conversation store unavailable: takeover state unknown' });

	if (flags?.injection) add('injection', 'L4', 'prompt injection attempt');
	if (flags?.emergency || triage?.urgency === 'critical') add('emergency', 'L4', 'critical emergency');
	if (flags?.outOfPolicy) add('outOfPolicy', 'L4', 'out-of-policy decision');
	if (flags?.legal) add('legal', 'L3', 'legal or sensitive case');
	if (flags?.angry) add('angry', 'L3', 'angry customer');
	if (flags?.humanRequested) add('humanRequested', 'L3', 'customer asked for a person');
	if (flags?.b2bSales) add('b2bSales', 'L3', 'complex B2B sale');
	for (const { flag, tier, reason } of SENSITIVE_RULES) if (flags?.[flag]) add(flag, tier, reason);
	const humanScore = triage?.humanScore;
	if (typeof humanScore === 'number' && humanScore >= policy.humanThreshold) {
		add('humanScore', 'L3', `needs a human: humanScore ${round(humanScore)} at or above ${policy.humanThreshold}`);
	}
	const unresolved = unresolvedAiTurns(ticket);
	if (unresolved >= policy.maxUnresolvedAiTurns) add('repeatedFailure', 'L3', `repeated failure: ${unresolved} AI turns without resolution`);

	const mapped = intent ? policy.intentTiers[intent] : undefined;
	if (mapped) add('intentMap', mapped, `intent ${intent} mapped to ${mapped}`);
	const actionIntent = !!intent && policy.actionIntents.includes(intent);
	if (actionIntent) add('actionIntent', 'L2', `intent ${intent} needs system access`);

	const answered = knowledge?.answered === true;
	const score = Number(knowledge?.score ?? 0);
	const confident = answered && score >= policy.minAnswerScore;
	// With the low-confidence rule off, the knowledge node's own "answered" is trusted whatever the score.
	if (confident || (answered && !on.lowConfidence)) add('knowledgeAnswer', 'L1', `knowledge answer (score ${round(score)})`);
	if (answered && !confident) add('lowConfidence', 'L3', `low confidence: answer score ${round(score)} below ${policy.minAnswerScore}`);
	// An order number the customer gave is something the L2 AI can look up, whatever the wording; it only
	// stands in when no other rule fired (so never against one that wants a person).
	if (!answered && !actionIntent && matches.length === 0 && facts().orderNumbers.length > 0) {
		add('orderLookup', 'L2', 'order number given: the AI with system access looks it up');
	}
	const aiCanHandle = matches.some((m) => m.tier === 'L1' || m.tier === 'L2') || (actionIntent && on.actionIntent);
	if (!answered && !aiCanHandle) add('lowConfidence', 'L3', 'low confidence: no knowledge answer and no action intent');
	return matches;
}

function round(n: number): number {
	return Math.round(n * 100) / 100;
}

/** L1–L4 for a ticket, with reasons (deciding reason first) and, for people, a handoff a human can act on. */
export function routeTicket(ticket: Ticket, policy: RoutingPolicy): RouteSection {
	// Read once: the order-number rule and the handoff both need the customer's facts.
	let extracted: ExtractedFacts | undefined;
	const facts = () => (extracted ??= extractFacts(customerTexts(ticket)));
	const matches = matchRules(ticket, policy, facts);
	// Never a dead end: when nothing fires, a person takes it.
	if (matches.length === 0) matches.push({ rule: 'fallback', tier: 'L3', reason: 'no rule matched: a person is always reachable' });
	matches.sort((a, b) => RANK[b.tier] - RANK[a.tier]);
	let tier = matches[0].tier;
	const reasons = matches.map((m) => m.reason);
	const rules = matches.map((m) => m.rule);
	const closed = ticket.hours?.open === false;
	// A risk to life wakes the on-call person whichever rule saw it.
	const emergency = rules.includes('emergency') || rules.includes('selfHarm');

	// Off hours only the on-call person is woken, and only for emergencies; other human cases wait in the L3 queue.
	if (closed && policy.rules.offHours && tier === 'L4' && !emergency) {
		tier = 'L3';
		reasons.unshift('off hours: no supervisor on call, held in the L3 queue');
		rules.unshift('offHours');
	}

	const route: RouteSection = { tier, reasons, rules };
	if (tier === 'L1') return route;
	const handoffFacts = collectFacts(ticket, facts());
	if (tier === 'L2') {
		route.handoff = { summary: summarize(ticket, route, handoffFacts), facts: handoffFacts };
		return route;
	}
	const queue = tier === 'L4' ? (closed ? policy.queues.onCall : policy.queues.L4) : policy.queues.L3;
	route.handoff = { summary: summarize(ticket, route, handoffFacts), facts: handoffFacts, queue };
	const takenBy = (ticket.conversation as { takeover?: { by?: unknown } } | undefined)?.takeover?.by;
	if (typeof takenBy === 'string' && takenBy) route.handoff.assignee = takenBy;
	if (closed && !(tier === 'L4' && emergency)) {
		const promise = handoffPromise(ticket);
		if (promise) route.handoff.promise = promise;
	}
	return route;
}

/** "Una persona te responderá mañana a las 9:00." from the greeter's nextOpenAt, else its greeting. */
export function handoffPromise(ticket: Ticket): string | undefined {
	const hours = ticket.hours;
	if (!hours) return undefined;
	const language = ticketLanguage(ticket, undefined, hours.language);
	const now = ticket.message?.receivedAt;
	if (hours.nextOpenAt && now) {
		const nextOpen = describeWhenIso(hours.nextOpenAt, now, language, hours.timeZone);
		return fill(messagesFor(language).promise, { nextOpen });
	}
	return hours.greeting || undefined;
}

/** What the customer wrote: this message (subject and text) and their earlier turns. */
function customerTexts(ticket: Ticket): Array<string | undefined> {
	return [ticket.message?.subject, ticket.message?.text, ...historyTurns(ticket).filter((t) => t.role === 'customer').map((t) => t.text)];
}

function collectFacts(ticket: Ticket, extracted: ExtractedFacts): Record<string, unknown> {
	const customer = ticket.customer ?? {};
	const facts: Record<string, unknown> = {};
	if (extracted.orderNumbers.length) facts.orderNumbers = extracted.orderNumbers;
	const emails = [...new Set([customer.email, ...extracted.emails].filter(Boolean))];
	if (emails.length) facts.emails = emails;
	const phones = [...new Set([customer.phone, ...extracted.phones].filter(Boolean))];
	if (phones.length) facts.phones = phones;
	if (ticket.triage?.evidence?.length) facts.evidence = ticket.triage.evidence;
	return facts;
}

/** Plain-text brief for the person taking over, so the customer never has to repeat anything. */
function summarize(ticket: Ticket, route: RouteSection, facts: Record<string, unknown>): string {
	const c = ticket.customer ?? {};
	const t = ticket.triage;
	const k = ticket.knowledge;
	const who = [c.name || c.id || 'unknown customer', c.segment ? `(${c.segment})` : ''].filter(Boolean).join(' ');
	const lines = [
		`Customer: ${who} · channel ${ticket.channel ?? '?'} · language ${ticketLanguage(ticket)}`,
		`Tier ${route.tier}: ${route.reasons.join('; ')}`,
	];
	if (t) lines.push(`Intent: ${t.intent ?? '?'} (confidence ${round(t.confidence ?? 0)}), urgency ${t.urgency ?? '?'}, sentiment ${round(t.sentiment ?? 0)}`);
	if (k) {
		const best = k.sources?.[0] ? `${k.sources[0].id} "${k.sources[0].title}"` : (k.bestId ?? 'none');
		lines.push(`AI tried: knowledge ${k.answered ? 'answered' : 'did not answer'} (best ${best}, score ${round(k.score ?? 0)})`);
	}
	const unresolved = unresolvedAiTurns(ticket);
	if (unresolved) lines.push(`AI turns without resolution: ${unresolved}`);
	const factText = Object.entries(facts)
		.filter(([key]) => key !== 'evidence')
		.map(([key, value]) => `${key} ${(value as string[]).join(', ')}`);
	if (factText.length) lines.push(`Facts: ${factText.join('; ')}`);
	if (ticket.message?.text) lines.push(`Message: "${ticket.message.text.slice(0, 500)}"`);
	return lines.join('\n');
}

/** True when the bot must not write to the customer: a person has the conversation, or its state is unknown. */
export function aiSilenced(route: RouteSection): boolean {
	return !!route.rules?.some((rule) => SILENCE_RULES.includes(rule));
}

/**
 * "Te paso con una persona del equipo…" for L3/L4 when the ticket has no reply yet; for L2, "let me
 * check that in our system…", which the system's own answer replaces: a shop API that answers
 * nothing (or is not set up yet) must not leave the customer with an empty message. Undefined otherwise.
 */
export function holdingReply(ticket: Ticket, route: RouteSection): ReplySection | undefined {
	if (route.tier === 'L1') return undefined;
	if (aiSilenced(route)) return undefined;
	if (ticket.reply?.text) return undefined;
	const language = ticketLanguage(ticket, undefined, ticket.hours?.language);
	const m = messagesFor(language);
	const seed = String(ticket.ticketId ?? '');
	if (route.tier === 'L2') return { text: pickVariant(m.handoff.checking, seed), language, pending: true };
	const onCall = route.tier === 'L4' && (route.rules?.includes('emergency') || route.rules?.includes('selfHarm')) && ticket.hours?.open === false;
	const promise = route.handoff?.promise;
	const variants = onCall ? m.handoff.emergency : promise ? m.handoff.closed : m.handoff.open;
	return { text: fill(pickVariant(variants, seed), { promise }), language };
}
