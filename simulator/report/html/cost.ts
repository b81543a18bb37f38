import type { ReplayReport } from '../../metrics/accumulator';
import { humanTicketCost, type Period } from '../../metrics/cost-model';
import { PALETTE } from './colors';
import { decimal, integer, money, percent } from './format';
import { html, type Markup } from './markup';
import { rect, svgRoot, text } from './svg';

type Cost = ReplayReport['cost'];

const WIDTH = 560;
const LABEL_W = 92;
const VALUE_W = 110;
const BAR_H = 20;
const GROUP_GAP = 22;

interface Group {
	title: string;
	humanOnly: number;
	withAi: number;
	format: (value: number) => string;
}

/** Human-only against with-AI: per month, over the replayed period, and in 24/7 seats. */
export function costSection(cost: Cost, days: number): Markup {
	const currency = cost.model.currency;
	const groups: Group[] = [
		{ title: 'Per month', humanOnly: cost.perMonth.humanOnly, withAi: cost.perMonth.withAi, format: (v) => money(v, currency) },
		{ title: `Over ${decimal(days, 1)} days`, humanOnly: cost.humanOnly, withAi: cost.withAi, format: (v) => money(v, currency) },
		{ title: '24/7 cover', humanOnly: cost.staffing24x7.fte, withAi: cost.staffing24x7.fteWithAi, format: (v) => `${decimal(v, 2)} FTE` },
	];
	return html`<div class="cost-grid">
<div>${costChart(groups)}
<p class="legend"><span class="swatch" style="background:${PALETTE.human}"></span>human only <span class="swatch" style="background:${PALETTE.ai}"></span>with AI in front</p></div>
<div class="cost-facts">
<div class="saving"><span class="big">${money(cost.perMonth.savings, currency)}</span> saved per month <span class="muted">(${percent(cost.savingsRate)} of the human-only cost; ${money(cost.savings, currency)} over the period)</span></div>
<p>Full human 24/7 cover needs ${decimal(cost.staffing24x7.fte, 2)} FTE at ${money(cost.staffing24x7.monthlyCost, currency)} a month; with the AI taking its share, ${decimal(cost.staffing24x7.fteWithAi, 2)} FTE give the same cover.</p>
${periodTable(cost)}
<p class="muted small">Assumptions: ${money(cost.model.agentHourlyRate, currency)}/h agent, ${decimal(cost.model.handleMinutes)} min per ticket, premiums night +${percent(cost.model.nightPremium, 0)} (${cost.model.nightStartHour}:00–${cost.model.nightEndHour}:00), weekend +${percent(cost.model.weekendPremium, 0)}, holiday +${percent(cost.model.holidayPremium, 0)}; AI ${currency} ${decimal(cost.model.aiCostPerTicket, 3)} per ticket; ${money(cost.model.fteMonthlyCost, currency)} per FTE-month. Override with <code>--cost key=value</code>.</p>
</div></div>`;
}

function costChart(groups: Group[]): Markup {
	const barArea = WIDTH - LABEL_W - VALUE_W;
	const groupH = 18 + 2 * BAR_H + 6;
	const height = groups.length * groupH + (groups.length - 1) * GROUP_GAP;
	const parts: Markup[] = [];
	groups.forEach((group, g) => {
		const top = g * (groupH + GROUP_GAP);
		const max = Math.max(group.humanOnly, group.withAi);
		parts.push(text(0, top + 12, group.title, { class: 'axis-title' }));
		const bars: Array<[string, number, string]> = [
			['human only', group.humanOnly, PALETTE.human],
			['with AI', group.withAi, PALETTE.ai],
		];
		bars.forEach(([label, value, fill], b) => {
			const y = top + 18 + b * (BAR_H + 3);
			const w = max > 0 ? Math.max(2, (value / max) * barArea) : 2;
			parts.push(text(LABEL_W - 8, y + BAR_H / 2 + 4, label, { class: 'axis', 'text-anchor': 'end' }));
			parts.push(rect({ class: 'cost-bar', x: LABEL_W, y, width: w, height: BAR_H, rx: 3, fill }, `${group.title}, ${label}: ${group.format(value)}`));
			parts.push(text(LABEL_W + w + 6, y + BAR_H / 2 + 4, group.format(value), { class: 'bar-value' }));
		});
	});
	return svgRoot({ width: WIDTH, height, label: 'Cost of support: human only against with AI in front', className: 'cost' }, parts);
}

const PERIOD_ORDER: Period[] = ['day', 'night', 'weekend', 'holiday'];

function periodTable(cost: Cost): Markup {
	const rows = PERIOD_ORDER.map((period) => {
		const entry = (cost.periods as Record<string, { tickets: number; aiResolved: number } | undefined>)[period] ?? { tickets: 0, aiResolved: 0 };
		return html`<tr><td>${period}</td><td class="num">${integer(entry.tickets)}</td><td class="num">${integer(entry.aiResolved)}</td><td class="num">${percent(entry.tickets > 0 ? entry.aiResolved / entry.tickets : null)}</td><td class="num">${money(humanTicketCost(period, cost.model) * 100, cost.model.currency)}</td></tr>`;
	});
	return html`<div class="table-scroll"><table class="compact"><thead><tr><th>arrived in</th><th class="num">tickets</th><th class="num">AI resolved</th><th class="num">AI share</th><th class="num">human cost / 100 tickets</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}
