import type { ReplayReport } from '../metrics/accumulator';
import { csatLines } from './csat-summary';

const pct = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`);
const num = (value: number | null | undefined, unit = '') => (value === null || value === undefined ? '—' : `${value}${unit}`);
const money = (value: number, currency: string) => `${currency} ${value.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

/** The readable summary printed after a replay. */
export function renderSummary(report: ReplayReport): string {
	const { tickets, escalation, cost } = report;
	const lines = [
		`support-sim replay: ${report.workflow}`,
		`  tickets      ${tickets.read} read = ${tickets.replayed} replayed + ${tickets.rejected} rejected` +
			(tickets.unrouted ? `   (!) ${tickets.unrouted} never left the router` : ''),
		...(report.firstError ? [`  (!) failed   ${tickets.failed} inside the engine; the first, line ${report.firstError.line}: ${report.firstError.message}`] : []),
		`  period       ${report.period.from ?? '—'} → ${report.period.to ?? '—'} (${report.period.days} days, ${report.zone})`,
		`  tiers        L1 ${report.tiers.L1} · L2 ${report.tiers.L2} · L3 ${report.tiers.L3} · L4 ${report.tiers.L4}`,
		`  AI resolved  ${report.resolution.aiResolved} (${pct(report.resolution.rate)})`,
		`  escalation   accuracy ${pct(escalation.accuracy)} · precision ${pct(escalation.precision)} · recall ${pct(escalation.recall)} (${escalation.labelled} labelled)`,
		`  tier acc.    ${pct(escalation.tierAccuracy)} (${escalation.tierLabelled} labelled)`,
		`  intent acc.  ${pct(report.intent.accuracy)} (${report.intent.labelled} labelled)`,
		`  wrong-answer risk  ${report.wrongAnswerRisk.count} of ${report.wrongAnswerRisk.needsHuman} that needed a person (${pct(report.wrongAnswerRisk.rate)})`,
		`  off hours    ${pct(report.offHours.share)} of tickets; AI covers ${pct(report.offHours.aiCovered)} of them`,
		`  first reply  historical median ${num(report.firstResponse.historical.median, ' min')} (p90 ${num(report.firstResponse.historical.p90, ' min')}) → simulated median ${num(report.firstResponse.simulated.median, ' min')} (p90 ${num(report.firstResponse.simulated.p90, ' min')})`,
		`  SLA breaches historical ${report.sla.historical.breaches}/${report.sla.historical.evaluated} (${pct(report.sla.historical.rate)}) → forecast ${report.sla.forecast.breaches}/${report.sla.forecast.evaluated} (${pct(report.sla.forecast.rate)})`,
		`  cost         human only ${money(cost.humanOnly, cost.model.currency)} → with AI ${money(cost.withAi, cost.model.currency)} (saves ${pct(cost.savingsRate)}; ${money(cost.perMonth.savings, cost.model.currency)}/month)`,
		`  24/7 cover   ${cost.staffing24x7.fte} FTE (${money(cost.staffing24x7.monthlyCost, cost.model.currency)}/month) → ${cost.staffing24x7.fteWithAi} FTE with AI`,
	];
	lines.push(...csatLines(report.csat));
	const conv = report.conversations;
	if (conv) {
		lines.push(
			`  conversations ${conv.conversations} (${conv.multiTurn} of 2+ turns, ${conv.turns} turns) · AI resolved ${conv.resolvedByAi} (${pct(conv.conversations ? conv.resolvedByAi / conv.conversations : null)}) in ${num(conv.turnsToResolution.mean)} turns (median ${num(conv.turnsToResolution.median)})`,
			`    loops ${conv.loops} · dead ends ${conv.deadEnds} · repeated themselves ${conv.repeatedThemselves} · repeated-failure escalations ${conv.repeatedFailureEscalations} · AI replies during a takeover ${conv.aiRepliesDuringTakeover} of ${conv.takeoverTurns}`,
		);
	}
	if (report.fallbacks.count) lines.push(`  fallbacks    ${report.fallbacks.count} provider fallbacks`);
	const channels = Object.entries(report.byChannel ?? {});
	if (channels.length) lines.push(`  channels     ${channels.map(([name, c]) => `${name} ${c.tickets} (AI ${pct(c.automatable)})`).join(' · ')}`);
	const top = Object.entries(report.byCategory).slice(0, 6);
	if (top.length) {
		lines.push(`  top categories`);
		for (const [name, c] of top) lines.push(`    ${name.padEnd(24)} ${String(c.tickets).padStart(6)}  AI ${pct(c.automatable)}`);
	}
	if (tickets.rejected) {
		lines.push(`  rejected rows`);
		for (const row of report.rejectedRows.slice(0, 10)) lines.push(`    line ${row.line}: ${row.reason}`);
		if (tickets.rejected > 10) lines.push(`    … ${tickets.rejected - 10} more (see --errors or --json)`);
	}
	if (report.warningRows?.length) {
		lines.push(`  row warnings (replayed)`);
		for (const row of report.warningRows.slice(0, 10)) lines.push(`    line ${row.line}: ${row.warning}`);
		if (report.warningRows.length > 10) lines.push(`    … ${report.warningRows.length - 10} more (see --json)`);
	}
	if (report.sweep?.length) {
		lines.push(`  sweep ${report.sweep[0].parameter}`);
		for (const point of report.sweep) {
			lines.push(`    ${String(point.value).padEnd(8)} AI resolved ${pct(point.resolutionRate).padStart(8)}  escalation acc. ${pct(point.escalationAccuracy).padStart(8)}  recall ${pct(point.recall).padStart(8)}`);
		}
	}
	if (report.live) {
		const l = report.live.latencyMs;
		lines.push(`  live n8n     ${report.live.requests} requests to ${report.live.target} (concurrency ${report.live.concurrency}): p50 ${num(l.p50, ' ms')} · p90 ${num(l.p90, ' ms')} · p99 ${num(l.p99, ' ms')}`);
	}
	lines.push(`  throughput   ${report.throughput.ticketsPerSecond} tickets/s (${report.throughput.wallSeconds} s)`);
	return lines.join('\n');
}
