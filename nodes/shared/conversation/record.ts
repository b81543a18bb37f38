/* eslint-disable @n8n/community-nodes/require-node-api-error -- pure domain code with no n8n imports; the Conversation Store node wraps these errors in NodeOperationError */
import { createHash } from 'node:crypto';
import { formatOffsetIso, parseOffsetIso, toMillis } from '../calendar';
import { MAX_CLAIMS, MAX_IDENTITIES, MAX_SEEN_IDS, type ConversationPolicy } from './policy';
import type { Claim, ConversationRecord, DeliveryStatus, Identity, Release, Turn } from './types';
import { identityKey } from './identities';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** A new conversation's id, derived from its first identity so two racing first messages agree on it. */
export function conversationIdFor(firstIdentity: Identity): string {
	return `c-${createHash('sha1').update(identityKey(firstIdentity)).digest('hex').slice(0, 16)}`;
}

export function newRecord(identities: Identity[], at: string): ConversationRecord {
	const record: ConversationRecord = {
		id: conversationIdFor(identities[0]),
		identities: {},
		claims: [],
		turns: [],
		seenTurnIds: [],
		takeover: null,
		createdAt: at,
		updatedMs: toMillis(at, 'message.receivedAt'),
	};
	linkIdentities(record, identities);
	return record;
}

/** Adds identities met in one ticket; a verified sighting upgrades a weak one. */
export function linkIdentities(record: ConversationRecord, identities: Identity[]): void {
	for (const identity of identities) {
		const key = identityKey(identity);
		const known = record.identities[key];
		if (known === 'verified') continue;
		if (!known && Object.keys(record.identities).length >= MAX_IDENTITIES) continue;
		record.identities[key] = identity.strength;
	}
}

export function addClaims(record: ConversationRecord, claims: Claim[]): void {
	for (const claim of claims) {
		if (record.claims.some((c) => c.kind === claim.kind && c.value === claim.value)) continue;
		record.claims.push(claim);
	}
	if (record.claims.length > MAX_CLAIMS) record.claims.splice(0, record.claims.length - MAX_CLAIMS);
}

const ms = (at: string) => toMillis(at, 'turn.at');

/**
 * One conversation from several that turned out to be one customer's (identities met in one ticket).
 * The oldest keeps its id; turns are put in time order and deduped by id.
 */
export function mergeRecords(records: ConversationRecord[], policy: ConversationPolicy): ConversationRecord {
	const sorted = [...records].sort((a, b) => ms(a.createdAt) - ms(b.createdAt) || (a.id < b.id ? -1 : 1));
	const [first, ...rest] = sorted;
	const merged: ConversationRecord = structuredClone(first);
	for (const other of rest) {
		for (const [key, strength] of Object.entries(other.identities)) {
			if (merged.identities[key] !== 'verified') merged.identities[key] = strength;
		}
		addClaims(merged, other.claims);
		const seen = new Set(merged.turns.map((t) => t.id));
		for (const turn of other.turns) if (!seen.has(turn.id)) merged.turns.push(turn);
		merged.seenTurnIds = [...new Set([...merged.seenTurnIds, ...other.seenTurnIds])];
		if (other.greetedAt && (!merged.greetedAt || ms(other.greetedAt) < ms(merged.greetedAt))) merged.greetedAt = other.greetedAt;
		if (other.takeover && (!merged.takeover || ms(other.takeover.since) > ms(merged.takeover.since))) merged.takeover = other.takeover;
		if (other.lastRelease && (!merged.lastRelease || ms(other.lastRelease.at) > ms(merged.lastRelease.at))) merged.lastRelease = other.lastRelease;
		for (const status of other.delivery?.messages ?? []) applyDeliveryStatus(merged, status);
		if (!merged.whatsappPhoneNumberId && other.whatsappPhoneNumberId) merged.whatsappPhoneNumberId = other.whatsappPhoneNumberId;
		if (other.suggestions?.length) merged.suggestions = [...(merged.suggestions ?? []), ...other.suggestions.filter((s) => !merged.suggestions?.some((m) => m.id === s.id))];
		merged.updatedMs = Math.max(merged.updatedMs, other.updatedMs);
	}
	merged.turns.sort((a, b) => ms(a.at) - ms(b.at));
	capTurns(merged, policy);
	return merged;
}

function capTurns(record: ConversationRecord, policy: ConversationPolicy): void {
	if (record.turns.length > policy.maxTurns) record.turns.splice(0, record.turns.length - policy.maxTurns);
	if (record.seenTurnIds.length > MAX_SEEN_IDS) record.seenTurnIds.splice(0, record.seenTurnIds.length - MAX_SEEN_IDS);
}

/** Stores a turn unless its id was stored before (a redelivered message). Returns whether it was stored. */
export function appendTurn(record: ConversationRecord, turn: Turn, policy: ConversationPolicy): boolean {
	if (record.seenTurnIds.includes(turn.id) || record.turns.some((t) => t.id === turn.id)) return false;
	const stored: Turn = { ...turn, text: turn.text.slice(0, policy.maxTextLength) };
	const at = ms(stored.at);
	// Keep time order even when a late delivery arrives after a newer turn.
	let index = record.turns.length;
	while (index > 0 && ms(record.turns[index - 1].at) > at) index--;
	record.turns.splice(index, 0, stored);
	record.seenTurnIds.push(turn.id);
	if (turn.role === 'agent' && record.takeover) record.takeover.lastActivityAt = maxIso(record.takeover.lastActivityAt, stored.at);
	record.updatedMs = Math.max(record.updatedMs, at);
	capTurns(record, policy);
	return true;
}

function maxIso(a: string, b: string): string {
	return ms(b) > ms(a) ? b : a;
}

export function takeOver(record: ConversationRecord, by: string, at: string): void {
	if (record.takeover?.by === by) {
		record.takeover.lastActivityAt = maxIso(record.takeover.lastActivityAt, at);
	} else {
		record.takeover = { by, since: at, lastActivityAt: at };
	}
	record.updatedMs = Math.max(record.updatedMs, ms(at));
}

export function release(record: ConversationRecord, at: string, reason: Release['reason'], by?: string): Release | undefined {
	if (!record.takeover) return undefined;
	const released: Release = { at, reason, ...(by || record.takeover.by ? { by: by || record.takeover.by } : {}) };
	record.takeover = null;
	record.lastRelease = released;
	record.updatedMs = Math.max(record.updatedMs, ms(at));
	return released;
}

/** Hands an idle takeover back to the bot at `now` (the ticket's time). */
export function releaseIfIdle(record: ConversationRecord, now: string, policy: ConversationPolicy): Release | undefined {
	const takeover = record.takeover;
	if (!takeover || policy.takeoverIdleMinutes <= 0) return undefined;
	const idleSince = ms(takeover.lastActivityAt);
	const releaseAtMs = idleSince + policy.takeoverIdleMinutes * MINUTE_MS;
	if (ms(now) < releaseAtMs) return undefined;
	// Released when the idle time ran out, not when the next message happened to come.
	const offset = parseOffsetIso(now)?.offsetMinutes ?? 0;
	return release(record, formatOffsetIso(releaseAtMs, offset), 'idle');
}

export function isExpired(record: ConversationRecord, nowMs: number, policy: ConversationPolicy): boolean {
	return policy.retentionDays > 0 && nowMs - record.updatedMs > policy.retentionDays * 24 * HOUR_MS;
}

/**
 * The turns of the open episode: after the last person's turn, handoff, resolved answer or release,
 * and after the last silence longer than the episode gap (measured up to `now`).
 */
export function episodeTurns(record: ConversationRecord, now: string, policy: ConversationPolicy): Turn[] {
	const gap = policy.episodeGapHours * HOUR_MS;
	const releaseMs = record.lastRelease ? ms(record.lastRelease.at) : -Infinity;
	const nowMs = ms(now);
	let start = 0;
	let previous: number | undefined;
	for (let i = 0; i < record.turns.length; i++) {
		const turn = record.turns[i];
		const at = ms(turn.at);
		if (gap > 0 && previous !== undefined && at - previous > gap) start = i;
		if (at <= releaseMs) start = i + 1;
		if (turn.role === 'agent' || turn.handoff || turn.resolved) start = i + 1;
		previous = at;
	}
	if (gap > 0 && previous !== undefined && nowMs - previous > gap) return [];
	return record.turns.slice(start);
}

/** AI answers in the episode that did not settle the customer's need. */
export function countUnresolvedAiTurns(turns: Turn[]): number {
	return turns.filter((t) => t.role === 'ai' && !t.handoff && !t.resolved && !t.pending).length;
}

/** Delivery statuses kept per conversation: enough for the replies of the last turns. */
export const MAX_DELIVERY_STATUSES = 50;

// A message only moves forward (a late "delivered" after "read" changes nothing); "failed" is final.
const STATUS_RANK: Record<DeliveryStatus['status'], number> = { sent: 1, delivered: 2, read: 3, failed: 4 };
const LAST_AT = { delivered: 'lastDeliveredAt', read: 'lastReadAt', failed: 'lastFailedAt' } as const;

/**
 * Records what the channel said about one of our messages. Returns false when it tells nothing new
 * (a redelivered webhook, or a status older than the one known). Adds no turn: a status is not a message.
 */
export function applyDeliveryStatus(record: ConversationRecord, status: DeliveryStatus): boolean {
	const delivery = (record.delivery ??= { messages: [] });
	const index = delivery.messages.findIndex((m) => m.messageId === status.messageId && m.channel === status.channel);
	const known = index >= 0 ? delivery.messages[index] : undefined;
	if (known && STATUS_RANK[known.status] >= STATUS_RANK[status.status]) return false;
	if (index >= 0) delivery.messages.splice(index, 1);
	delivery.messages.push({ ...status, ...(status.error ? { error: status.error.slice(0, 500) } : {}) });
	if (delivery.messages.length > MAX_DELIVERY_STATUSES) delivery.messages.splice(0, delivery.messages.length - MAX_DELIVERY_STATUSES);
	if (status.status !== 'sent') {
		const key = LAST_AT[status.status];
		const previous = delivery[key];
		if (!previous || ms(status.at) > ms(previous)) delivery[key] = status.at;
		// Read implies delivered, even when the "delivered" webhook was lost.
		if (status.status === 'read' && (!delivery.lastDeliveredAt || ms(status.at) > ms(delivery.lastDeliveredAt))) delivery.lastDeliveredAt = status.at;
	}
	return true;
}
