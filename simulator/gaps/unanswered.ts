import { gapReason, isPolicyEscalation, type GapTicket } from '../../nodes/shared/insights';
import type { TicketOutcome } from '../replay/outcome';

/** The ticket as the gap analysis sees it, or undefined when the AI resolved it. */
export function unansweredTicket(outcome: TicketOutcome): GapTicket | undefined {
	if (outcome.aiResolved) return undefined;
	return {
		id: outcome.id,
		text: outcome.text,
		language: outcome.language,
		reason: gapReason(outcome.tier, outcome.reasons),
		policy: isPolicyEscalation(outcome.reasons),
		offHours: outcome.open === undefined ? undefined : !outcome.open,
		resolutionText: outcome.labels.resolutionText,
	};
}
