import type { ReplayReport } from '../metrics/accumulator';
import type { GapsSection } from './types';

const pct = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`);
const clip = (text: string, max: number) => {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
};

/** The terminal summary of `support-sim gaps`. */
export function renderGapsSummary(report: ReplayReport & { gaps: GapsSection }, rows = 15): string {
	const { gaps } = report;
	const side = gaps.sideBySide;
	const languages = Object.entries(gaps.byLanguage)
		.map(([language, count]) => `${language} ${count}`)
		.join(' · ');
	const lines = [
		`support-sim gaps: ${report.workflow}`,
		`  tickets      ${report.tickets.replayed} replayed; ${gaps.unanswered} not resolved by the AI (${languages}); ${gaps.knowledgeMisses} of them knowledge misses, ${gaps.unanswered - gaps.knowledgeMisses} sent to a person by rule`,
		`  topics       ${gaps.topics.length} of at least ${gaps.settings.minSize} tickets hold ${gaps.clustered} of them (${pct(gaps.unanswered ? gaps.clustered / gaps.unanswered : null)})`,
		`  top five     topics: ${pct(gaps.topFiveShare)} of all unresolved; knowledge topics: ${pct(gaps.topFiveKnowledgeShare)} of all unresolved, ${pct(gaps.topFiveKnowledgeMissShare)} of the knowledge misses`,
		`  side by side ${side.draftsAdded} drafts added: AI resolution ${pct(side.before.rate)} → ${pct(side.after.rate)} (+${side.gained} gained, ${side.lost} lost); wrong-answer risk ${side.before.wrongAnswers} → ${side.after.wrongAnswers}`,
		`               ${side.note}`,
		...(gaps.split
			? [
					`  split        ${gaps.split.drafts.length} drafts from the first half, on the ${gaps.split.tickets} tickets from ${gaps.split.cutAt ?? '—'}: AI resolution ${pct(gaps.split.before.rate)} → ${pct(gaps.split.after.rate)} (+${gaps.split.gained} gained, ${gaps.split.lost} lost); wrong-answer risk ${gaps.split.before.wrongAnswers} → ${gaps.split.after.wrongAnswers}`,
				]
			: []),
		'',
		`  ${'#'.padStart(3)}  lang ${'size'.padStart(5)} ${'share'.padStart(7)} ${'off-h'.padStart(7)}  kind       ${'gained'.padStart(6)}  ${'nearest entry (similarity)'.padEnd(34)} label / representative`,
	];
	gaps.topics.slice(0, rows).forEach((topic, i) => {
		const nearest = topic.nearest ? `${topic.nearest.id} (${topic.nearest.similarity.toFixed(2)})${topic.almostCovered ? ' extend' : ''}` : '—';
		lines.push(
			`  ${String(i + 1).padStart(3)}  ${topic.language.padEnd(4)} ${String(topic.size).padStart(5)} ${pct(topic.share).padStart(7)} ${pct(topic.offHoursShare).padStart(7)}  ${topic.kind.padEnd(9)}  ${(topic.gained === null ? '—' : `${topic.gained}`).padStart(6)}  ${clip(nearest, 34).padEnd(34)} ${clip(topic.label, 30)} — "${clip(topic.representative, 60)}"`,
		);
	});
	if (gaps.topics.length > rows) lines.push(`  … ${gaps.topics.length - rows} more topics (see --json or --html)`);
	return lines.join('\n');
}
