/**
 * The out-of-sample check of `gaps --split`: the history is cut in two at the median first turn of
 * its conversations (a conversation stays whole), drafts are built from the first half's unanswered
 * tickets only, and the AI resolution with and without them is counted on the second half.
 */
import { ratio } from '../metrics/stats';
import type { TicketOutcome } from '../replay/outcome';
import type { ResolutionFigures } from './types';

export interface SplitOutcome {
	id: string;
	conversation: string;
	receivedMs: number;
	aiResolved: boolean;
	needsHuman: boolean;
}

export function splitOutcome(outcome: TicketOutcome): SplitOutcome {
	const received = Date.parse(outcome.receivedAt);
	return {
		id: outcome.id,
		conversation: outcome.conversation ?? outcome.id,
		// A row without a time sorts first, so it is never measured on drafts it helped build.
		receivedMs: Number.isFinite(received) ? received : -Infinity,
		aiResolved: outcome.aiResolved,
		needsHuman: outcome.labels.needsHuman === true,
	};
}

/** Ids of the tickets in the second half: conversations whose first turn is at or after the median first turn. */
export function secondHalf(outcomes: readonly SplitOutcome[]): { ids: Set<string>; cutMs: number } {
	const first = new Map<string, number>();
	for (const o of outcomes) first.set(o.conversation, Math.min(first.get(o.conversation) ?? Infinity, o.receivedMs));
	const starts = [...first.values()].sort((a, b) => a - b);
	const cutMs = starts[Math.floor(starts.length / 2)] ?? Infinity;
	const ids = new Set(outcomes.filter((o) => (first.get(o.conversation) as number) >= cutMs).map((o) => o.id));
	return { ids, cutMs };
}

export function resolutionOf(outcomes: readonly SplitOutcome[]): ResolutionFigures {
	const aiResolved = outcomes.filter((o) => o.aiResolved).length;
	const wrongAnswers = outcomes.filter((o) => o.aiResolved && o.needsHuman).length;
	return { aiResolved, rate: ratio(aiResolved, outcomes.length), wrongAnswers, wrongAnswerRate: ratio(wrongAnswers, outcomes.filter((o) => o.needsHuman).length) };
}
