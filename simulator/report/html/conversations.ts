import type { ConversationSummary } from '../../metrics/conversations';
import { decimal, integer, percent } from './format';
import { html, type Markup } from './markup';
import { ratio } from '../../metrics/stats';

/** Conversation figures: how many turns the AI needs, and the failures a memory should prevent. */
export function conversationsSection(c: ConversationSummary): Markup {
	const row = (name: string, value: Markup | string, note: string, warn = false) =>
		html`<tr class="conversation-row${warn ? ' warn' : ''}"><td>${name}</td><td class="num">${value}</td><td>${note}</td></tr>`;
	const d = c.turnsToResolution.distribution;
	return html`<div class="table-wrap"><table><thead><tr><th>measure</th><th class="num">value</th><th>what it counts</th></tr></thead><tbody>${[
		row('conversations', integer(c.conversations), `${integer(c.multiTurn)} of two turns or more; ${integer(c.turns)} turns in all`),
		row('AI resolved', `${integer(c.resolvedByAi)} (${percent(ratio(c.resolvedByAi, c.conversations))})`, 'the AI resolved the last turn: the customer asked for nothing more'),
		row(
			'turns to resolution',
			`${decimal(c.turnsToResolution.mean)} (median ${decimal(c.turnsToResolution.median, 0)})`,
			`in the conversations the AI resolved: 1 turn ${integer(d['1'])} · 2 ${integer(d['2'])} · 3 ${integer(d['3'])} · 4 or more ${integer(d['4+'])}`,
		),
		row('escalated', integer(c.escalated), 'conversations with a turn sent to a person'),
		row('repeated-failure escalations', integer(c.repeatedFailureEscalations), 'turns sent to a person because earlier AI turns did not resolve it'),
		row('loops', integer(c.loops), 'conversations in which the AI gave the same answer twice', c.loops > 0),
		row('dead ends', integer(c.deadEnds), 'conversations in which the customer asked for a person three times and no request reached one', c.deadEnds > 0),
		row('repeated themselves', integer(c.repeatedThemselves), 'conversations in which the customer gave the same order number, email or phone twice', c.repeatedThemselves > 0),
		row(
			'AI replies during a takeover',
			`${integer(c.aiRepliesDuringTakeover)} of ${integer(c.takeoverTurns)}`,
			'turns that arrived while a person had the conversation and still got a bot reply or greeting (must be 0)',
			c.aiRepliesDuringTakeover > 0,
		),
	]}</tbody></table></div>`;
}
