import type { CsatFigures, CsatSummary } from '../../metrics/csat';
import { decimal, integer, percent } from './format';
import { html, type Markup } from './markup';

/** Historical CSAT overall, by the tier the workflow now chooses, by who resolved it, and by the forecast. */
export function csatSection(csat: CsatSummary): Markup {
	if (csat.answered === 0) return html`<p class="note">The history has no CSAT scores (a csat column with 1–5).</p>`;
	const row = (group: string, key: string, f: CsatFigures) =>
		html`<tr class="csat-row"><td>${group}</td><td>${key}</td><td class="num">${integer(f.answered)}</td><td class="num">${decimal(f.mean)}</td><td class="num">${percent(f.satisfied)}</td><td class="num">${percent(f.unhappy)}</td></tr>`;
	const rows = [
		row('all', 'all', csat),
		...Object.entries(csat.byTier).map(([key, f]) => row('tier now', key, f)),
		...Object.entries(csat.byResolver).map(([key, f]) => row('resolved by', key, f)),
		...Object.entries(csat.byForecast).map(([key, f]) => row('forecast', key === 'ai' ? 'AI would resolve' : 'still a person', f)),
	];
	return html`<div class="table-wrap"><table><thead><tr><th>by</th><th>group</th><th class="num">answers</th><th class="num">mean (goal ${decimal(csat.goals.target, 1)})</th><th class="num">4–5</th><th class="num">1–2</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}
