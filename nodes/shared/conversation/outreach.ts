/**
 * Who gets a message nobody asked for: the CSAT question once a case is resolved, and the morning
 * follow-up of last night's escalated or unresolved cases. A case is the customer's latest turn;
 * each is asked about once (the mark is written in the same transaction that finds it), and nobody
 * in a person's hands is written to.
 */
import { toMillis } from '../calendar';
import { conversationsSince, type ConversationBackend } from './backend';
import type { ConversationRecord, OutreachMarks, Turn } from './types';

export type OutreachPurpose = 'csat' | 'followUp';

export type OutreachReason = 'ai_resolved' | 'agent_resolved' | 'escalated' | 'unresolved';

export interface OutreachCase {
	conversationId: string;
	purpose: OutreachPurpose;
	/** Write to the customer, or hand the case to the morning queue (a person follows up). */
	action: 'customer' | 'queue';
	reason: OutreachReason;
	/** The customer turn the case is about. */
	caseId: string;
	channel: string;
	recipient: { phone?: string; email?: string; sessionId?: string; customerId?: string };
	/** On WhatsApp: the Cloud API number the customer wrote to, which the message must go out from. */
	whatsappPhoneNumberId?: string;
	name?: string;
	language?: string;
	customerText: string;
	customerAt: string;
	tier?: string;
	intent?: string;
	/** The router's deciding reason, for the queue. */
	routeReason?: string;
}

export interface CsatRules {
	/** Ask only once the conversation has been quiet this long (the customer may still have a follow-up question). */
	quietMinutes: number;
	/** Do not ask about cases older than this. */
	maxAgeHours: number;
	/**
	 * A takeover whose person did nothing for this long counts as handed back (the store releases it lazily,
	 * at the customer's next message): a person who answered and never pressed Release still gets rated. 0: only a release.
	 */
	takeoverIdleMinutes: number;
}

export const DEFAULT_CSAT_RULES: CsatRules = { quietMinutes: 30, maxAgeHours: 48, takeoverIdleMinutes: 60 };

const ms = (at: string) => toMillis(at, 'turn.at');

function lastCustomerTurn(record: ConversationRecord): { turn: Turn; index: number } | undefined {
	for (let i = record.turns.length - 1; i >= 0; i--) if (record.turns[i].role === 'customer') return { turn: record.turns[i], index: i };
	return undefined;
}

/** The identity of the case's channel to write back on (the one the customer used). */
function recipientOf(record: ConversationRecord, channel: string): OutreachCase['recipient'] | undefined {
	const keys = Object.keys(record.identities);
	const value = (kind: string) => keys.find((key) => key.startsWith(`${kind}:`))?.slice(kind.length + 1);
	const customerId = value('customer');
	if (channel === 'whatsapp') {
		const phone = value('whatsapp');
		return phone ? { phone, ...(customerId ? { customerId } : {}) } : undefined;
	}
	if (channel === 'email') {
		const email = value('email');
		return email ? { email } : undefined;
	}
	if (channel === 'webchat') {
		const sessionId = value('webchat');
		return sessionId ? { sessionId } : undefined;
	}
	if (channel === 'sms' || channel === 'phone') {
		const phone = value('phone');
		return phone ? { phone } : undefined;
	}
	return customerId ? { customerId } : undefined;
}

function caseOf(record: ConversationRecord, purpose: OutreachPurpose, action: OutreachCase['action'], reason: OutreachReason, turn: Turn): OutreachCase | null {
	const recipient = recipientOf(record, turn.channel);
	if (!recipient) return null;
	const outcome = turn.outcome;
	return {
		conversationId: record.id,
		purpose,
		action,
		reason,
		caseId: turn.id,
		channel: turn.channel,
		recipient,
		...(turn.channel === 'whatsapp' && record.whatsappPhoneNumberId ? { whatsappPhoneNumberId: record.whatsappPhoneNumberId } : {}),
		...(record.customerName ? { name: record.customerName } : {}),
		...(outcome?.language ? { language: outcome.language } : {}),
		customerText: turn.text,
		customerAt: turn.at,
		...(outcome?.tier ? { tier: outcome.tier } : {}),
		...(outcome?.intent ? { intent: outcome.intent } : {}),
		...(outcome?.reason ? { routeReason: outcome.reason } : {}),
	};
}

/** How the latest case ended, from the turns after the customer's last message. */
function endOf(record: ConversationRecord, index: number): { state: 'agent' | 'ai' | 'escalated' | 'open'; lastAtMs: number } {
	const customer = record.turns[index];
	let lastAtMs = ms(customer.at);
	let agent = false;
	let ai: Turn | undefined;
	for (const turn of record.turns.slice(index + 1)) {
		lastAtMs = Math.max(lastAtMs, ms(turn.at));
		if (turn.role === 'agent') agent = true;
		if (turn.role === 'ai') ai = turn;
	}
	if (record.lastRelease) lastAtMs = Math.max(lastAtMs, ms(record.lastRelease.at));
	if (agent) return { state: 'agent', lastAtMs };
	const tier = customer.outcome?.tier;
	if (tier === 'L3' || tier === 'L4' || ai?.handoff) return { state: 'escalated', lastAtMs };
	// L2 answers come from the business's system, not the knowledge base: answered is about the latter.
	if (ai && !ai.pending && (tier === 'L2' || customer.outcome?.answered !== false)) return { state: 'ai', lastAtMs };
	return { state: 'open', lastAtMs };
}

/**
 * The CSAT question is due when the latest case was resolved, by the AI (an answer, no further
 * message) or by a person (their answer, and the conversation back from their hands), it has been
 * quiet for `quietMinutes`, it was neither asked about nor rated, and it is not older than `maxAgeHours`.
 */
export function csatDue(record: ConversationRecord, nowMs: number, rules: CsatRules = DEFAULT_CSAT_RULES): OutreachCase | null {
	const takeover = record.takeover;
	if (takeover && !(rules.takeoverIdleMinutes > 0 && nowMs - ms(takeover.lastActivityAt) >= rules.takeoverIdleMinutes * 60_000)) return null;
	const last = lastCustomerTurn(record);
	if (!last) return null;
	const { turn, index } = last;
	if (record.outreach?.csatCase === turn.id) return null;
	const askedAt = record.outreach?.csatAskedAt;
	if (askedAt && ms(askedAt) >= ms(turn.at)) return null;
	if ((record.csat ?? []).some((answer) => ms(answer.at) >= ms(turn.at))) return null;
	const end = endOf(record, index);
	if (end.state !== 'ai' && end.state !== 'agent') return null;
	if (nowMs - end.lastAtMs < rules.quietMinutes * 60_000) return null;
	if (nowMs - ms(turn.at) > rules.maxAgeHours * 3_600_000) return null;
	return caseOf(record, 'csat', 'customer', end.state === 'ai' ? 'ai_resolved' : 'agent_resolved', turn);
}

/** Last night: from the close before the current opening to that opening (Support Outreach works it out from the business calendar). */
export interface NightWindow {
	fromMs: number;
	toMs: number;
}

/**
 * The morning follow-up is due for a conversation whose latest case came in during the night and was
 * escalated without a person's answer (to the morning queue) or left unresolved by the AI (to the
 * customer). Never for a conversation a person holds, never twice for one case.
 */
export function followUpDue(record: ConversationRecord, night: NightWindow): OutreachCase | null {
	if (record.takeover) return null;
	const last = lastCustomerTurn(record);
	if (!last) return null;
	const { turn, index } = last;
	const at = ms(turn.at);
	if (at < night.fromMs || at >= night.toMs) return null;
	if (record.outreach?.followUpCase === turn.id) return null;
	const followedAt = record.outreach?.followUpAt;
	if (followedAt && ms(followedAt) >= at) return null;
	const end = endOf(record, index);
	if (end.state === 'escalated') return caseOf(record, 'followUp', 'queue', 'escalated', turn);
	if (end.state === 'open') return caseOf(record, 'followUp', 'customer', 'unresolved', turn);
	return null;
}

/** The mark that keeps a case from being asked about twice. */
export function markOutreach(record: ConversationRecord, found: OutreachCase, at: string, token?: string): void {
	const marks: OutreachMarks = { ...(record.outreach ?? {}) };
	if (found.purpose === 'csat') {
		marks.csatAskedAt = at;
		marks.csatCase = found.caseId;
		if (token) marks.csatToken = token;
		else delete marks.csatToken;
	} else {
		marks.followUpAt = at;
		marks.followUpCase = found.caseId;
	}
	record.outreach = marks;
}

export interface FindDueOptions {
	purpose: OutreachPurpose;
	/** ISO 8601 with offset: the run's time. */
	now: string;
	csat?: CsatRules;
	/** Follow-up only: the night to look at. */
	night?: NightWindow;
	/** Cases handed out per run at most (the rest wait for the next run). */
	max?: number;
	/** A token per CSAT question (email links); called once per case claimed. */
	token?: () => string;
}

/**
 * Every conversation due, each claimed in its own transaction: the rule is checked again on the
 * stored record and the mark written with it, so two runs at once never send the same message twice.
 */
export async function findDue(backend: ConversationBackend, options: FindDueOptions): Promise<Array<OutreachCase & { token?: string }>> {
	const nowMs = toMillis(options.now, 'now');
	const rules = options.csat ?? DEFAULT_CSAT_RULES;
	const night = options.night;
	if (options.purpose === 'followUp' && !night) return [];
	const check = (record: ConversationRecord) => (options.purpose === 'csat' ? csatDue(record, nowMs, rules) : followUpDue(record, night as NightWindow));
	const sinceMs = options.purpose === 'csat' ? nowMs - rules.maxAgeHours * 3_600_000 : (night as NightWindow).fromMs;
	const max = Math.max(1, Math.floor(options.max ?? 200));
	const candidates: string[] = [];
	for await (const record of conversationsSince(backend, sinceMs)) if (check(record)) candidates.push(record.id);
	const claimed: Array<OutreachCase & { token?: string }> = [];
	for (const id of candidates) {
		if (claimed.length >= max) break;
		const result = await backend.transact({ ids: [id] }, (found) => {
			const record = found.find((r) => r.id === id);
			const due = record && check(record);
			if (!record || !due) return { result: null };
			const token = due.purpose === 'csat' ? options.token?.() : undefined;
			markOutreach(record, due, options.now, token);
			return { save: record, result: token ? { ...due, token } : due };
		});
		if (result) claimed.push(result);
	}
	return claimed;
}
