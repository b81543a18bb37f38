import { toMillis } from '../calendar';
import type { ConversationRecord } from '../conversation/types';

export interface CsatAwaitRules {
	/** A question older than this is no longer waiting for an answer. */
	answerHours: number;
	/** A longer message is a new question, not a rating ("I need 2 shirts" is not a 2). */
	maxWords: number;
}

export const DEFAULT_AWAIT_RULES: CsatAwaitRules = { answerHours: 72, maxWords: 6 };

/**
 * Whether a customer's message may be their answer to the CSAT question: one was asked, recently, it
 * was not answered yet, the customer has written nothing since, and the message is short. An email
 * link's click (`text` null) is an answer by itself: only the question's age and answer count.
 */
export function csatAwaiting(record: ConversationRecord | undefined, text: string | null, nowMs: number, rules: CsatAwaitRules = DEFAULT_AWAIT_RULES): boolean {
	const askedAt = record?.outreach?.csatAskedAt;
	if (!record || !askedAt) return false;
	const askedMs = toMillis(askedAt, 'outreach.csatAskedAt');
	if (nowMs < askedMs || nowMs - askedMs > rules.answerHours * 3_600_000) return false;
	if ((record.csat ?? []).some((answer) => toMillis(answer.at, 'csat.at') >= askedMs)) return false;
	if (text === null) return true;
	if (record.turns.some((turn) => turn.role === 'customer' && toMillis(turn.at, 'turn.at') > askedMs)) return false;
	const words = text.trim().split(/\s+/).filter(Boolean).length;
	return words > 0 && words <= rules.maxWords;
}
