import type { ReplayReport } from '../../metrics/accumulator';
import { duration, integer, money, percent } from './format';
import { html, type Markup } from './markup';

interface Card {
	label: string;
	/** One value, or a before → after pair. */
	value: string | [string, string];
	detail: string;
	tone?: 'warn' | 'good';
}

/** The headline numbers, one card each. */
export function kpiCards(report: ReplayReport): Markup {
	const { tickets, escalation, wrongAnswerRisk, offHours, firstResponse, sla, cost } = report;
	const problems = [tickets.unrouted ? `${integer(tickets.unrouted)} unrouted` : '', tickets.failed ? `${integer(tickets.failed)} failed` : ''].filter(Boolean);
	const cards: Card[] = [
		{
			label: 'Tickets replayed',
			value: integer(tickets.replayed),
			detail: `${integer(tickets.read)} read · ${integer(tickets.rejected)} rejected${problems.length ? ` · ${problems.join(' · ')}` : ''}`,
			tone: tickets.rejected || problems.length ? 'warn' : undefined,
		},
		{ label: 'AI resolution rate', value: percent(report.resolution.rate), detail: `${integer(report.resolution.aiResolved)} ended at L1/L2 with an answer`, tone: 'good' },
		{ label: 'Escalation accuracy', value: percent(escalation.accuracy), detail: `needs-a-human decision, ${integer(escalation.labelled)} labelled` },
		{ label: 'Escalation precision', value: percent(escalation.precision), detail: `${integer(escalation.truePositives)} of ${integer(escalation.truePositives + escalation.falsePositives)} escalations needed a human` },
		{ label: 'Escalation recall', value: percent(escalation.recall), detail: `${integer(escalation.truePositives)} of ${integer(escalation.truePositives + escalation.falseNegatives)} that needed a human reached one` },
		{ label: 'Tier accuracy', value: percent(escalation.tierAccuracy), detail: `L1–L4 against ${integer(escalation.tierLabelled)} labelled` },
		{ label: 'Intent accuracy', value: percent(report.intent.accuracy), detail: `${integer(report.intent.correct)} of ${integer(report.intent.labelled)} labelled` },
		{
			label: 'Wrong-answer risk',
			value: percent(wrongAnswerRisk.rate),
			detail: `AI answered ${integer(wrongAnswerRisk.count)} of ${integer(wrongAnswerRisk.needsHuman)} that needed a person`,
			tone: wrongAnswerRisk.count > 0 ? 'warn' : undefined,
		},
		{ label: 'Off-hours share', value: percent(offHours.share), detail: `${integer(offHours.tickets)} tickets; AI covers ${percent(offHours.aiCovered)} of them` },
		{
			label: 'First response (median)',
			value: [duration(firstResponse.historical.median), duration(firstResponse.simulated.median)],
			detail: `historical → simulated; p90 ${duration(firstResponse.historical.p90)} → ${duration(firstResponse.simulated.p90)}`,
		},
		{
			label: 'SLA breaches',
			value: [percent(sla.historical.rate), percent(sla.forecast.rate)],
			detail: `historical ${integer(sla.historical.breaches)}/${integer(sla.historical.evaluated)} → forecast ${integer(sla.forecast.breaches)}/${integer(sla.forecast.evaluated)}`,
		},
		{ label: 'Saved per month', value: money(cost.perMonth.savings, cost.model.currency), detail: `${percent(cost.savingsRate)} of the human-only cost`, tone: 'good' },
	];
	return html`<div class="kpis">${cards.map(
		(card) => html`<div class="kpi${card.tone ? ` ${card.tone}` : ''}"><div class="kpi-label">${card.label}</div>${kpiValue(card.value)}<div class="kpi-detail">${card.detail}</div></div>`,
	)}</div>`;
}

function kpiValue(value: Card['value']): Markup {
	if (typeof value === 'string') return html`<div class="kpi-value">${value}</div>`;
	return html`<div class="kpi-value compare">${value[0]}<span class="arrow"> → </span>${value[1]}</div>`;
}
