/**
 * What follows a customer's CSAT answer: thanks, or for a score of 2 or less the case reopened to a
 * person (tier L3, reason csat_low) with a summary, so the human queue gets it like any escalation.
 */
import { fill, messagesFor, pickLanguage } from '../i18n';

export const LOW_SCORE = 2;

export interface CsatOutcome {
	reply: { text: string; language: string };
	/** Only for a low score: the Escalation Router's shape, so a template's human path takes it as it is. */
	route?: { tier: 'L3'; reasons: string[]; rules: string[]; handoff: { queue: string; summary: string; facts: Record<string, unknown> } };
}

export interface CsatAnswerContext {
	score: number;
	language?: string;
	name?: string;
	/** Who resolved the rated case, and at which tier (Record CSAT's answer). */
	resolver?: string;
	tier?: string;
	/** The customer's last question before the answer, for the person. */
	lastQuestion?: string;
	conversationId?: string | null;
	queue?: string;
}

export function csatOutcome(context: CsatAnswerContext): CsatOutcome {
	const language = pickLanguage(context.language);
	const words = messagesFor(language).csat;
	const name = context.name?.split(' ')[0];
	if (context.score > LOW_SCORE) return { reply: { text: fill(words.thanks, { name }), language } };
	const resolved = context.resolver === 'agent' ? 'a person' : 'the AI';
	const summary = [
		`The customer rated the help ${context.score}/5 (resolved by ${resolved}${context.tier ? `, ${context.tier}` : ''}): please look at the conversation and contact them.`,
		context.lastQuestion ? `Their question: "${context.lastQuestion.slice(0, 300)}"` : '',
	]
		.filter(Boolean)
		.join('\n');
	return {
		reply: { text: fill(words.lowScore, { name }), language },
		route: {
			tier: 'L3',
			reasons: ['csat_low'],
			rules: ['csatLow'],
			handoff: {
				queue: context.queue || 'support team',
				summary,
				facts: { csatScore: context.score, ...(context.resolver ? { resolver: context.resolver } : {}), ...(context.tier ? { ratedTier: context.tier } : {}), ...(context.conversationId ? { conversationId: context.conversationId } : {}) },
			},
		},
	};
}
