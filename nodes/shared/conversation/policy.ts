/* eslint-disable @n8n/community-nodes/require-node-api-error -- pure domain code with no n8n imports; the Conversation Store node wraps these errors in NodeOperationError */
/** How much a conversation keeps, and when it forgets or hands back. */
export interface ConversationPolicy {
	/** Turns kept per conversation (the oldest go first). */
	maxTurns: number;
	/** A turn's text is cut at this many characters. */
	maxTextLength: number;
	/** A taken-over conversation whose person did nothing for this long goes back to the bot (0: never). */
	takeoverIdleMinutes: number;
	/** A silence longer than this starts a new episode: earlier AI turns no longer count as failures. */
	episodeGapHours: number;
	/** A conversation idle for longer is deleted (0: kept until purged). */
	retentionDays: number;
}

export const DEFAULT_CONVERSATION_POLICY: ConversationPolicy = {
	maxTurns: 50,
	maxTextLength: 4000,
	takeoverIdleMinutes: 60,
	episodeGapHours: 24,
	retentionDays: 365,
};

/** Ids remembered per conversation for dedupe, beyond the turns kept. */
export const MAX_SEEN_IDS = 500;
export const MAX_CLAIMS = 20;
export const MAX_IDENTITIES = 50;

/** A full policy from a partial one, naming any bad field. */
export function resolveConversationPolicy(partial: Partial<ConversationPolicy> = {}): ConversationPolicy {
	const policy = { ...DEFAULT_CONVERSATION_POLICY };
	for (const [key, value] of Object.entries(partial) as Array<[keyof ConversationPolicy, number | undefined]>) {
		if (value !== undefined) policy[key] = value;
	}
	const whole = (key: keyof ConversationPolicy, min: number) => {
		const value = policy[key];
		if (!Number.isFinite(value) || value < min) throw new Error(`${key}: ${value} must be a number of at least ${min}`);
	};
	whole('maxTurns', 1);
	whole('maxTextLength', 1);
	whole('takeoverIdleMinutes', 0);
	whole('episodeGapHours', 0);
	whole('retentionDays', 0);
	policy.maxTurns = Math.floor(policy.maxTurns);
	return policy;
}
