import { SENSITIVE_FLAGS } from '../triage/flags';
import type { Tier } from '../ticket';

/** Every rule of the router; each can be switched off. */
export const RULES = [
	'knowledgeAnswer',
	'actionIntent',
	'orderLookup',
	'intentMap',
	'legal',
	'angry',
	'humanRequested',
	'b2bSales',
	'lowConfidence',
	'repeatedFailure',
	'outOfPolicy',
	'emergency',
	'injection',
	'offHours',
	// One rule per sensitive flag, named as the flag.
	...SENSITIVE_FLAGS,
	'humanScore',
] as const;
export type RuleName = (typeof RULES)[number];

export interface RoutingPolicy {
	rules: Record<RuleName, boolean>;
	/** Intents that need system access or an action: the L2 AI handles them. */
	actionIntents: string[];
	/** Intent → tier overrides, e.g. { chargeback: 'L4' }. */
	intentTiers: Record<string, Tier>;
	/** This many AI turns without resolution escalate to a person. */
	maxUnresolvedAiTurns: number;
	/** A knowledge answer below this score counts as low confidence (0 trusts knowledge.answered). */
	minAnswerScore: number;
	queues: { L3: string; L4: string; onCall: string };
	/** triage.humanScore at or above this sends the ticket to a person (the humanScore rule); 0–1. */
	humanThreshold: number;
	/** Write a holding reply for L3/L4 when the ticket has none. */
	holdingReply: boolean;
}

export const DEFAULT_ACTION_INTENTS = [
	'order_status',
	'track_order',
	'return_refund',
	'start_return',
	'cancel_order',
	'change_order',
	'booking',
	'reschedule',
	'quote',
	'get_refund',
	'track_refund',
	'delivery_options',
	'change_address',
	'update_account',
	'invoice_request',
];

/** Chosen on the corpus's dev split and checked on bench/dev2, never on a held-out set. */
export const DEFAULT_HUMAN_THRESHOLD = 0.5;

export const DEFAULT_ROUTING_POLICY: RoutingPolicy = {
	rules: Object.fromEntries(RULES.map((rule) => [rule, true])) as Record<RuleName, boolean>,
	actionIntents: DEFAULT_ACTION_INTENTS,
	intentTiers: {},
	maxUnresolvedAiTurns: 2,
	minAnswerScore: 0,
	humanThreshold: DEFAULT_HUMAN_THRESHOLD,
	queues: { L3: 'specialists', L4: 'supervisors', onCall: 'on-call' },
	holdingReply: true,
};

const TIERS = ['L1', 'L2', 'L3', 'L4'];

/** A full policy from a partial one (node parameters, JSON), naming any bad field. */
export function resolveRoutingPolicy(partial: Partial<Omit<RoutingPolicy, 'rules' | 'queues'>> & { rules?: Partial<Record<RuleName, boolean>>; queues?: Partial<RoutingPolicy['queues']> } = {}): RoutingPolicy {
	const policy: RoutingPolicy = {
		...DEFAULT_ROUTING_POLICY,
		...stripUndefined(partial),
		rules: { ...DEFAULT_ROUTING_POLICY.rules, ...stripUndefined(partial.rules ?? {}) },
		queues: { ...DEFAULT_ROUTING_POLICY.queues, ...stripUndefined(partial.queues ?? {}) },
	};
	for (const [intent, tier] of Object.entries(policy.intentTiers)) {
		if (!TIERS.includes(tier)) throw new Error(`intentTiers.${intent}: "${tier}" is not one of L1, L2, L3, L4`);
	}
	if (!Number.isInteger(policy.maxUnresolvedAiTurns) || policy.maxUnresolvedAiTurns < 1) {
		throw new Error(`maxUnresolvedAiTurns: ${policy.maxUnresolvedAiTurns} must be a whole number of at least 1`);
	}
	if (!(policy.minAnswerScore >= 0 && policy.minAnswerScore <= 1)) throw new Error(`minAnswerScore: ${policy.minAnswerScore} must be between 0 and 1`);
	if (!(policy.humanThreshold >= 0 && policy.humanThreshold <= 1)) throw new Error(`humanThreshold: ${policy.humanThreshold} must be between 0 and 1`);
	policy.actionIntents = policy.actionIntents.map((intent) => intent.trim()).filter(Boolean);
	return policy;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
