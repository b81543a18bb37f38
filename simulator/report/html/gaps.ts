import type { GapsSection } from '../../gaps/types';
import { decimal, integer, percent } from './format';
import { html, type Markup } from './markup';

function draftNote(draft: GapsSection['topics'][number]['draft']): string {
	const answer = typeof draft.answer === 'string' ? draft.answer : JSON.stringify(draft.answer);
	if (draft.extends) return `Draft: add ${draft.questions.length} questions to ${draft.extends}${draft.answerFrom ? `; a person answered: ${answer}` : ''}`;
	return `Draft ${draft.id}, ${draft.questions.length} questions${draft.needsAnswer ? ', answer still to write' : `, answer from ticket ${draft.answerFrom}`}: ${answer}`;
}

function splitRows(split: NonNullable<GapsSection['split']>): Markup {
	return html`<tr><td>second half (${integer(split.tickets)} tickets from ${split.cutAt ?? '—'}), as is</td><td class="num">${percent(split.before.rate)}</td><td class="num">${integer(split.before.aiResolved)}</td><td class="num">${integer(split.before.wrongAnswers)} (${percent(split.before.wrongAnswerRate)})</td></tr>
<tr><td>second half, with ${integer(split.drafts.length)} drafts from the first half (${integer(split.gained)} gained, ${integer(split.lost)} lost)</td><td class="num">${percent(split.after.rate)}</td><td class="num">${integer(split.after.aiResolved)}</td><td class="num">${integer(split.after.wrongAnswers)} (${percent(split.after.wrongAnswerRate)})</td></tr>`;
}

/** Knowledge gaps: the side-by-side gain, then one row per topic with its examples and draft. */
export function gapsSection(gaps: GapsSection): Markup {
	const side = gaps.sideBySide;
	const rows = gaps.topics.map((topic, i) => {
		const nearest = topic.nearest
			? html`${topic.nearest.title} <span class="note">(${topic.nearest.id}, ${decimal(topic.nearest.similarity)}${topic.almostCovered ? ', almost covered' : ''})</span>`
			: '—';
		const examples = topic.examples.map((text) => html`<li>${text}</li>`);
		return html`<tr class="gap-row"><td class="num">${i + 1}</td><td>${topic.language}</td><td><strong>${topic.label}</strong><details><summary>${topic.representative}</summary><ul>${examples}</ul><p class="note">${draftNote(topic.draft)}</p></details></td><td class="num">${integer(topic.size)}</td><td class="num">${percent(topic.share)}</td><td class="num">${percent(topic.offHoursShare)}</td><td>${topic.kind}</td><td>${nearest}</td><td class="num">${topic.gained === null ? '—' : integer(topic.gained)}</td></tr>`;
	});
	return html`<div class="table-wrap"><table class="gaps-side"><thead><tr><th></th><th class="num">AI resolution</th><th class="num">AI resolved</th><th class="num">wrong-answer risk</th></tr></thead><tbody>
<tr><td>as is</td><td class="num">${percent(side.before.rate)}</td><td class="num">${integer(side.before.aiResolved)}</td><td class="num">${integer(side.before.wrongAnswers)} (${percent(side.before.wrongAnswerRate)})</td></tr>
<tr><td>with ${integer(side.draftsAdded)} drafts</td><td class="num">${percent(side.after.rate)}</td><td class="num">${integer(side.after.aiResolved)}</td><td class="num">${integer(side.after.wrongAnswers)} (${percent(side.after.wrongAnswerRate)})</td></tr>
${gaps.split ? splitRows(gaps.split) : ''}</tbody></table></div>
<p class="note">${integer(gaps.unanswered)} tickets were not resolved by the AI; ${integer(gaps.topics.length)} topics of at least ${integer(gaps.settings.minSize)} tickets hold ${integer(gaps.clustered)} of them. ${integer(gaps.knowledgeMisses)} of them are knowledge misses (no rule sends them to a person; the rest go to people by rule: anger, legal, a request for a person, the needs-a-human model, a takeover…). The five largest topics are ${percent(gaps.topFiveShare)} of all unresolved; the five largest knowledge topics ${percent(gaps.topFiveKnowledgeShare)} of all unresolved and ${percent(gaps.topFiveKnowledgeMissShare)} of the knowledge misses. With the drafts: ${integer(side.gained)} gained, ${integer(side.lost)} lost; ${side.note}.</p>
<div class="table-wrap"><table><thead><tr><th class="num">#</th><th>lang</th><th>topic</th><th class="num">tickets</th><th class="num">share</th><th class="num">off hours</th><th>kind</th><th>nearest entry</th><th class="num">gained</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}
