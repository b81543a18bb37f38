import type { ReplayReport } from '../../metrics/accumulator';
import { integer, percent } from './format';
import { html, type Markup } from './markup';

/** Tickets per predicted intent, busiest first, with the share the AI closed. */
export function categoryTable(byCategory: ReplayReport['byCategory']): Markup {
	const entries = Object.entries(byCategory);
	if (entries.length === 0) return html`<p class="note">No routed tickets, so no categories.</p>`;
	const rows = entries.map(
		([name, c]) => html`<tr class="category-row"><td>${name}</td><td class="num">${integer(c.tickets)}</td><td class="num">${meter(c.share)}</td><td class="num">${integer(c.aiResolved)}</td><td class="num">${meter(c.automatable)}</td></tr>`,
	);
	return html`<div class="table-wrap"><table><thead><tr><th>category (intent)</th><th class="num">tickets</th><th class="num">share</th><th class="num">AI resolved</th><th class="num">automatable</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** A percentage with a thin bar behind it, so the column can be scanned. */
function meter(value: number | null): Markup {
	const width = value === null ? 0 : Math.max(0, Math.min(100, value * 100));
	return html`<span class="meter"><span class="meter-fill" style="width:${width.toFixed(1)}%"></span><span class="meter-text">${percent(value)}</span></span>`;
}

/** Rows that could not become tickets, with their line numbers, so the source can be fixed. */
export function rejectedTable(report: ReplayReport): Markup {
	const rows = report.rejectedRows.map((row) => html`<tr class="rejected-row"><td class="num">${row.line}</td><td>${row.reason}</td></tr>`);
	const more = report.tickets.rejected - report.rejectedRows.length;
	return html`<div class="table-wrap"><table><thead><tr><th class="num">line</th><th>reason</th></tr></thead><tbody>${rows}</tbody></table></div>${
		more > 0 ? html`<p class="note">${integer(more)} more rejected rows are not listed here.</p>` : ''
	}`;
}
