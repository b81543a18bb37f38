/* eslint-disable @n8n/community-nodes/require-node-api-error -- pure domain code with no n8n imports; the Conversation Store node wraps these errors in NodeOperationError */
import { toMillis } from '../calendar';
import { capText } from '../input-limits';
import type { HistoryTurn, Ticket } from '../ticket';
import { BackendUnavailableError, type ConversationBackend, type Lookup } from './backend';
import { identitiesOf, identityKey, type IdentityOptions } from './identities';
import { outcomeOf } from './outcome';
import type { ConversationPolicy } from './policy';
import {
	addClaims,
	applyDeliveryStatus,
	appendTurn,
	countUnresolvedAiTurns,
	episodeTurns,
	isExpired,
	linkIdentities,
	mergeRecords,
	newRecord,
	release,
	releaseIfIdle,
	takeOver,
} from './record';
import type { Claim, ConversationRecord, CsatAnswer, DeliveryStatus, Identity, Mutation, Release, Takeover, Turn } from './types';

/** Satisfaction answers kept per conversation. */
const MAX_CSAT = 50;

/** What Load writes into `ticket.conversation`. */
export interface ConversationView {
	id: string | null;
	identities: string[];
	/** Found only through a weak identity (the mailbox sender): treat what it says with care. */
	weakMatch: boolean;
	turns: Turn[];
	unresolvedAiTurns: number;
	greeted: boolean;
	greetedAt?: string;
	takeover: { by: string; since: string } | null;
	/** Set when this load handed an idle takeover back to the bot. */
	released?: Release;
	claims: Claim[];
	/** The store could not be read: takeover state unknown, so the router sends the ticket to a person. */
	unavailable?: true;
	error?: string;
}

export interface StoreOptions extends IdentityOptions {
	policy: ConversationPolicy;
}

/** @internal For the store's sibling modules (person-reply.ts). */
export interface TicketKeys {
	identities: Identity[];
	claims: Claim[];
	lookup: Lookup;
	at: string;
	nowMs: number;
}

export function keysOf(ticket: Ticket, options: StoreOptions): TicketKeys {
	const at = ticket.message?.receivedAt;
	if (!at) throw new Error('message.receivedAt: missing (the conversation store takes its time from the ticket)');
	const nowMs = toMillis(at, 'message.receivedAt');
	const { identities, claims } = identitiesOf(ticket, options);
	const knownId = (ticket.conversation as { id?: unknown } | undefined)?.id;
	const ids = typeof knownId === 'string' && knownId ? [knownId] : [];
	return { identities, claims, at, nowMs, lookup: { ids, identityKeys: identities.map(identityKey) } };
}

/**
 * The conversation a ticket belongs to, from what the backend found: expired ones are dropped, and
 * several are merged when a verified identity of this ticket shows they are one customer's.
 * A ticket with only a weak identity never merges two conversations.
 */
export function resolve(found: ConversationRecord[], keys: TicketKeys, options: StoreOptions): { record?: ConversationRecord; remove: string[] } {
	const remove: string[] = [];
	const live = found.filter((record) => {
		if (!isExpired(record, keys.nowMs, options.policy)) return true;
		remove.push(record.id);
		return false;
	});
	if (live.length <= 1) return { record: live[0], remove };
	const verified = keys.identities.some((i) => i.strength === 'verified');
	if (!verified) {
		const latest = [...live].sort((a, b) => b.updatedMs - a.updatedMs)[0];
		return { record: latest, remove };
	}
	const merged = mergeRecords(live, options.policy);
	for (const record of live) if (record.id !== merged.id) remove.push(record.id);
	return { record: merged, remove };
}

/**
 * One backend transaction. A failure of the database becomes a BackendUnavailableError (the node then
 * goes on statelessly); an error raised by the domain logic itself stays what it is.
 */
export async function run<T>(backend: ConversationBackend, lookup: Lookup, mutate: (found: ConversationRecord[]) => Mutation<T>): Promise<T> {
	let domainError: Error | undefined;
	try {
		return await backend.transact(lookup, (found) => {
			try {
				return mutate(found);
			} catch (error) {
				domainError = error as Error;
				throw error;
			}
		});
	} catch (error) {
		if (domainError || error instanceof BackendUnavailableError) throw error;
		throw new BackendUnavailableError(`${backend.kind} conversation store: ${(error as Error).message}`);
	}
}

function view(record: ConversationRecord, keys: TicketKeys, options: StoreOptions, released?: Release): ConversationView {
	const episode = episodeTurns(record, keys.at, options.policy);
	const matchedVerified = keys.identities.some((i) => i.strength === 'verified' && record.identities[identityKey(i)]);
	const takeover = record.takeover as Takeover | null;
	return {
		id: record.id,
		identities: Object.keys(record.identities),
		weakMatch: !matchedVerified && record.turns.length > 0,
		turns: record.turns,
		unresolvedAiTurns: countUnresolvedAiTurns(episode),
		greeted: !!record.greetedAt,
		...(record.greetedAt ? { greetedAt: record.greetedAt } : {}),
		takeover: takeover ? { by: takeover.by, since: takeover.since } : null,
		...(released ? { released } : {}),
		claims: record.claims,
	};
}

/** The open episode as the router and greeter read it (`ticket.history`). */
export function historyOf(record: Pick<ConversationRecord, 'turns' | 'lastRelease'>, at: string, policy: ConversationPolicy): HistoryTurn[] {
	return episodeTurns(record as ConversationRecord, at, policy).map((turn) => ({
		role: turn.role,
		text: turn.text,
		at: turn.at,
		...(turn.resolved ? { resolved: true } : {}),
		...(turn.pending ? { pending: true } : {}),
	}));
}

export interface LoadResult {
	conversation: ConversationView;
	history: HistoryTurn[];
}

const stateless = (): ConversationView => ({
	id: null,
	identities: [],
	weakMatch: false,
	turns: [],
	unresolvedAiTurns: 0,
	greeted: false,
	takeover: null,
	claims: [],
});

/** Finds (or starts) the ticket's conversation, links its verified identities, stores its claims, hands back an idle takeover. */
export async function loadConversation(backend: ConversationBackend, ticket: Ticket, options: StoreOptions): Promise<LoadResult> {
	const keys = keysOf(ticket, options);
	// No identity to find anyone by: this ticket is handled statelessly.
	if (keys.identities.length === 0 && !keys.lookup.ids?.length) return { conversation: stateless(), history: [] };
	return await run(backend, keys.lookup, (found) => {
		const { record: existing, remove } = resolve(found, keys, options);
		if (!existing && keys.identities.length === 0) return { remove, result: { conversation: stateless(), history: [] } };
		const record = existing ?? newRecord(keys.identities, keys.at);
		const before = existing ? JSON.stringify([existing.identities, existing.claims]) : '';
		linkIdentities(record, keys.identities);
		addClaims(record, keys.claims);
		const released = releaseIfIdle(record, keys.at, options.policy);
		// Most loads change nothing: they are then a read, with no write to wait for.
		const changed = !existing || !!released || remove.length > 0 || JSON.stringify([record.identities, record.claims]) !== before;
		return {
			...(changed ? { save: record } : {}),
			remove: remove.filter((id) => id !== record.id),
			result: { conversation: view(record, keys, options, released), history: historyOf(record, keys.at, options.policy) },
		};
	});
}

export interface AppendInput {
	/** Who answered: the AI (the workflow's reply or handoff) or a person. */
	replyRole: 'ai' | 'agent';
	/** The person who answered (agent turns). */
	agent?: string;
	/** A person's answer, when it is not in `ticket.reply`. */
	agentText?: string;
	/** Store the customer's message too (off when appending only a person's answer to it). */
	includeCustomerTurn: boolean;
	/** Longest turn text stored (the input limit; default DEFAULT_INPUT_LIMITS.maxTextLength). */
	maxTextLength?: number;
}

export interface AppendResult {
	conversationId: string | null;
	stored: number;
	duplicates: number;
}

/** The ids of a ticket's turns: the customer's message id, and the reply's derived from it. */
export function messageIdOf(ticket: Ticket): string {
	const id = ticket.message?.id ?? ticket.ticketId;
	if (id === undefined || id === null || String(id) === '') throw new Error('message.id: missing, and the ticket has no ticketId (a turn needs an id to be stored once)');
	return String(id);
}

/** Records the customer's turn and the reply or handoff the workflow produced, each once. */
export async function appendToConversation(backend: ConversationBackend, ticket: Ticket, input: AppendInput, options: StoreOptions): Promise<AppendResult> {
	const keys = keysOf(ticket, options);
	if (keys.identities.length === 0 && !keys.lookup.ids?.length) return { conversationId: null, stored: 0, duplicates: 0 };
	const messageId = messageIdOf(ticket);
	const channel = String(ticket.channel ?? '');
	const turns: Turn[] = [];
	// A reply or a person's answer comes from inside the workflow, not through an entry point: capped here too.
	const cap = (text: string) => capText(text, input.maxTextLength).text;
	const outcome = outcomeOf(ticket);
	if (input.includeCustomerTurn && ticket.message?.text) turns.push({ id: messageId, role: 'customer', text: cap(ticket.message.text), channel, at: keys.at, ...(outcome ? { outcome } : {}) });
	if (input.replyRole === 'agent') {
		const text = input.agentText ?? ticket.reply?.text;
		if (text) turns.push({ id: `${messageId}:agent`, role: 'agent', text: cap(text), channel, at: keys.at, ...(input.agent ? { by: input.agent } : {}) });
	} else if (ticket.reply?.text) {
		const tier = ticket.route?.tier;
		const handoff = tier === 'L3' || tier === 'L4';
		turns.push({ id: `${messageId}:ai`, role: 'ai', text: cap(ticket.reply.text), channel, at: keys.at, ...(handoff ? { handoff: true } : {}), ...(ticket.reply.pending ? { pending: true } : {}) });
	}
	const greetedAt = ticket.hours?.greet ? ticket.hours.greetedAt : undefined;
	return await run<AppendResult>(backend, keys.lookup, (found) => {
		const { record: existing, remove } = resolve(found, keys, options);
		if (!existing && keys.identities.length === 0) return { remove, result: { conversationId: null, stored: 0, duplicates: 0 } };
		const record = existing ?? newRecord(keys.identities, keys.at);
		linkIdentities(record, keys.identities);
		let stored = 0;
		for (const turn of turns) if (appendTurn(record, turn, options.policy)) stored++;
		if (greetedAt && !record.greetedAt) record.greetedAt = greetedAt;
		if (typeof ticket.customer?.name === 'string' && ticket.customer.name.trim()) record.customerName = ticket.customer.name.trim().slice(0, 100);
		const phoneNumberId = whatsappPhoneNumberIdOf(ticket);
		if (phoneNumberId) record.whatsappPhoneNumberId = phoneNumberId;
		return { save: record, remove: remove.filter((id) => id !== record.id), result: { conversationId: record.id, stored, duplicates: turns.length - stored } };
	});
}

/** The Cloud API number a WhatsApp ticket came in on (the converter's `whatsappCloud.phoneNumberId`), capped. */
function whatsappPhoneNumberIdOf(ticket: Ticket): string | undefined {
	if (ticket.channel !== 'whatsapp') return undefined;
	const section = (ticket as { whatsappCloud?: unknown }).whatsappCloud;
	const value = section && typeof section === 'object' ? (section as Record<string, unknown>).phoneNumberId : undefined;
	return typeof value === 'string' && value.trim() ? value.trim().slice(0, 64) : undefined;
}

export interface TakeoverResult {
	conversationId: string | null;
	/**
	 * `personAsked`: only with `ask`. True when the person already has an open request to answer this
	 * conversation (asked since their last answer, within `ask.expiresMinutes`), so this message needs
	 * only telling them; false when they are asked now (the takeover records the time).
	 */
	takeover: { by: string; since: string; personAsked?: boolean } | null;
	released?: Release;
}

export interface AskOnce {
	/** An unanswered request older than this no longer counts (the reply form's own wait, 7 days in the templates). */
	expiresMinutes: number;
}

/** A person takes the conversation: the AI stays silent on it until release or idle time. */
export async function takeOverConversation(backend: ConversationBackend, ticket: Ticket, by: string, options: StoreOptions, ask?: AskOnce): Promise<TakeoverResult> {
	if (!by.trim()) throw new Error('person: who takes the conversation over is required');
	const keys = keysOf(ticket, options);
	if (keys.identities.length === 0 && !keys.lookup.ids?.length) throw new Error('conversation: the ticket has no identity or conversation id to take over');
	return await run(backend, keys.lookup, (found) => {
		const { record: existing, remove } = resolve(found, keys, options);
		if (!existing && keys.identities.length === 0) throw new Error(`conversation.id: no conversation ${keys.lookup.ids?.[0]}`);
		const record = existing ?? newRecord(keys.identities, keys.at);
		linkIdentities(record, keys.identities);
		takeOver(record, by.trim(), keys.at);
		const takeover = record.takeover as Takeover;
		let personAsked: boolean | undefined;
		if (ask) {
			personAsked = takeover.askedAt !== undefined && keys.nowMs - toMillis(takeover.askedAt, 'takeover.askedAt') < ask.expiresMinutes * 60_000;
			if (!personAsked) takeover.askedAt = keys.at;
		}
		const result = { by: takeover.by, since: takeover.since, ...(personAsked === undefined ? {} : { personAsked }) };
		return { save: record, remove: remove.filter((id) => id !== record.id), result: { conversationId: record.id, takeover: result } };
	});
}

/** The person hands the conversation back to the bot. */
export async function releaseConversation(backend: ConversationBackend, ticket: Ticket, by: string | undefined, options: StoreOptions): Promise<TakeoverResult> {
	const keys = keysOf(ticket, options);
	if (keys.identities.length === 0 && !keys.lookup.ids?.length) throw new Error('conversation: the ticket has no identity or conversation id to release');
	return await run<TakeoverResult>(backend, keys.lookup, (found) => {
		const { record, remove } = resolve(found, keys, options);
		if (!record) return { remove, result: { conversationId: null, takeover: null } };
		const released = release(record, keys.at, 'released', by?.trim() || undefined);
		return { save: record, remove: remove.filter((id) => id !== record.id), result: { conversationId: record.id, takeover: null, ...(released ? { released } : {}) } };
	});
}

/** Deletes everything stored about the ticket's customer (a privacy request). Returns how many conversations went. */
export async function purgeCustomer(backend: ConversationBackend, ticket: Ticket, options: StoreOptions): Promise<number> {
	const keys = keysOf(ticket, options);
	if (keys.identities.length === 0 && !keys.lookup.ids?.length) return 0;
	return await run(backend, keys.lookup, (found) => ({ remove: found.map((r) => r.id), result: found.length }));
}

/** Deletes conversations idle for longer than the retention, counted back from `now` (the ticket's or the run's time). */
export async function purgeExpired(backend: ConversationBackend, nowMs: number, policy: ConversationPolicy): Promise<number> {
	if (policy.retentionDays <= 0) return 0;
	try {
		return await backend.expire(nowMs - policy.retentionDays * 86_400_000);
	} catch (error) {
		if (error instanceof BackendUnavailableError) throw error;
		throw new BackendUnavailableError(`${backend.kind} conversation store: ${(error as Error).message}`);
	}
}

/** A delivery or read receipt as the channel converters report it (nodes/shared/channels: ChannelEvent of kind "status"). */
export interface StatusEvent {
	channel: string;
	status?: string;
	messageId?: string;
	customerId?: string;
	at?: string;
	error?: string;
}

export interface StatusResult {
	/** Null when no conversation of that customer is stored: a status never starts one. */
	conversationId: string | null;
	recorded: boolean;
	status: DeliveryStatus['status'];
}

// WhatsApp says sent / delivered / read / failed; Messenger and Instagram say delivery / read.
const STATUS_NAMES: Record<string, DeliveryStatus['status']> = { sent: 'sent', delivered: 'delivered', delivery: 'delivered', read: 'read', failed: 'failed' };

/**
 * Records a delivery, read or failure status in the conversation of the customer it is about, found by
 * the same identity their messages have (the WhatsApp number, the page- or Instagram-scoped id).
 * It adds no turn, starts no conversation and does not count as activity for retention.
 */
export async function recordDeliveryStatus(backend: ConversationBackend, event: StatusEvent, options: StoreOptions): Promise<StatusResult> {
	const status = STATUS_NAMES[String(event.status ?? '').toLowerCase()];
	if (!status) throw new Error(`channelEvent.status: "${String(event.status ?? '')}" is not a delivery status (sent, delivered, delivery, read, failed)`);
	if (!event.customerId) throw new Error('channelEvent.customerId: missing (no customer to find the conversation by)');
	if (!event.at) throw new Error('channelEvent.at: missing (the conversation store takes its time from the webhook)');
	toMillis(event.at, 'channelEvent.at');
	const messageId = event.messageId ?? `watermark:${event.at}`;
	// The customer's identities as their own messages on this channel give them.
	const asTicket = {
		ticketId: messageId,
		channel: event.channel,
		customer: { id: event.customerId, ...(event.channel === 'whatsapp' ? { phone: event.customerId } : {}) },
		message: { text: '', receivedAt: event.at },
	} as Ticket;
	const identities = identitiesOf(asTicket, options).identities;
	if (identities.length === 0) return { conversationId: null, recorded: false, status };
	const record: DeliveryStatus = { messageId, status, channel: event.channel, at: event.at, ...(event.error ? { error: event.error } : {}) };
	return await run<StatusResult>(backend, { identityKeys: identities.map(identityKey) }, (found) => {
		const live = found.filter((r) => !isExpired(r, toMillis(event.at as string, 'channelEvent.at'), options.policy));
		const conversation = [...live].sort((a, b) => b.updatedMs - a.updatedMs)[0];
		if (!conversation) return { result: { conversationId: null, recorded: false, status } };
		const recorded = applyDeliveryStatus(conversation, record);
		return { ...(recorded ? { save: conversation } : {}), result: { conversationId: conversation.id, recorded, status } };
	});
}

export interface CsatResult {
	conversationId: string | null;
	stored: boolean;
	answer?: CsatAnswer;
	/** A score of 2 or less: the conversation goes back to a person. */
	reopen: boolean;
}

/** The case a satisfaction answer rates: the latest routed customer turn before it, and who resolved it. */
function ratedCase(record: ConversationRecord, atMs: number): { resolver: CsatAnswer['resolver']; tier?: string } {
	let resolver: CsatAnswer['resolver'] = 'ai';
	for (let i = record.turns.length - 1; i >= 0; i--) {
		const turn = record.turns[i];
		if (toMillis(turn.at, 'turn.at') > atMs) continue;
		if (turn.role === 'agent') resolver = 'agent';
		if (turn.role === 'customer' && turn.outcome?.tier) {
			const tier = turn.outcome.tier;
			return { resolver: resolver === 'agent' || tier === 'L3' || tier === 'L4' ? 'agent' : 'ai', tier };
		}
	}
	return { resolver };
}

/** Stores a customer's 1–5 answer with their conversation, once per answer message. */
export async function recordCsat(backend: ConversationBackend, ticket: Ticket, score: number, options: StoreOptions): Promise<CsatResult> {
	if (!Number.isInteger(score) || score < 1 || score > 5) throw new Error(`csat.score: ${score} is not a whole number from 1 to 5`);
	const keys = keysOf(ticket, options);
	if (keys.identities.length === 0 && !keys.lookup.ids?.length) return { conversationId: null, stored: false, reopen: score <= 2 };
	const id = messageIdOf(ticket);
	return await run<CsatResult>(backend, keys.lookup, (found) => {
		const { record, remove } = resolve(found, keys, options);
		if (!record) return { remove, result: { conversationId: null, stored: false, reopen: score <= 2 } };
		const answers = record.csat ?? [];
		const known = answers.find((a) => a.id === id);
		if (known) return { remove, result: { conversationId: record.id, stored: false, answer: known, reopen: known.score <= 2 } };
		const answer: CsatAnswer = { id, score, at: keys.at, channel: String(ticket.channel ?? ''), ...ratedCase(record, keys.nowMs) };
		record.csat = [...answers, answer].slice(-MAX_CSAT);
		record.updatedMs = Math.max(record.updatedMs, keys.nowMs);
		return { save: record, remove: remove.filter((r) => r !== record.id), result: { conversationId: record.id, stored: true, answer, reopen: score <= 2 } };
	});
}
