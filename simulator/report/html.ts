import type { ReplayReport } from '../metrics/accumulator';
import { confusionChart } from './html/confusion';
import { costSection } from './html/cost';
import { conversationsSection } from './html/conversations';
import { csatSection } from './html/csat';
import { gapsSection } from './html/gaps';
import { integer } from './html/format';
import { heatmapChart } from './html/heatmap';
import { histogramChart } from './html/histogram';
import { kpiCards } from './html/kpis';
import { documentShell, pageFooter, pageHeader, section } from './html/layout';
import { html } from './html/markup';
import { sweepSection } from './html/sweep';
import { categoryTable, rejectedTable } from './html/tables';

/**
 * The replay report as one self-contained HTML file: inline CSS, charts as inline SVG, no scripts and
 * nothing fetched, so it can be mailed or opened offline. Every string from the data is escaped.
 */
export function renderHtml(report: ReplayReport): string {
	const { escalation } = report;
	const body = html`<main>
${pageHeader(report)}
${kpiCards(report)}
${section(
	{ id: 'demand', title: `Demand by weekday and hour (${report.heatmap.zone})`, lead: 'When tickets arrive, in the business time zone. Hover a cell for its count.' },
	heatmapChart(report.heatmap),
)}
<div class="grid">
${section(
	{
		id: 'confusion',
		title: 'Tier confusion matrix',
		lead: `Expected tier (rows) against the tier the workflow chose (columns), ${integer(escalation.tierLabelled)} labelled tickets. Shading is the share of each row; the diagonal is correct.`,
	},
	confusionChart(escalation.confusion),
)}
${section({ id: 'confidence', title: 'Triage confidence', lead: 'How sure triage was about routed tickets, in ten bins.' }, histogramChart(report.confidence))}
</div>
<div class="grid">
${section(
	{
		id: 'sweep',
		title: report.sweep?.length ? `Threshold sweep: ${report.sweep[0].parameter}` : 'Threshold sweep',
		lead: 'What the AI resolves against how often escalation is right, as one parameter moves.',
	},
	sweepSection(report.sweep),
)}
${section({ id: 'categories', title: 'Categories', lead: 'Routed tickets by predicted intent, and the share the AI closed on its own.' }, categoryTable(report.byCategory))}
</div>
${report.csat ? section({ id: 'csat', title: 'Customer satisfaction (history)', lead: 'The CSAT customers gave then, beside where the workflow would send the same tickets now.' }, csatSection(report.csat)) : ''}
${
	report.conversations
		? section(
				{ id: 'conversations', title: 'Conversations', lead: 'Rows grouped into conversations and replayed turn by turn, in time order, through the Conversation Store (in memory).' },
				conversationsSection(report.conversations),
			)
		: ''
}
${
	report.gaps
		? section(
				{ id: 'gaps', title: 'Knowledge gaps', lead: 'What the AI did not resolve, grouped into topics per language, each with the nearest existing entry and a draft; the drafts of the largest topics were replayed side by side.' },
				gapsSection(report.gaps),
			)
		: ''
}
${section({ id: 'cost', title: 'Cost and 24/7 staffing', lead: 'Human-only support against AI in front and humans behind, with night, weekend and holiday premiums.' }, costSection(report.cost, report.period.days))}
${
	report.tickets.rejected > 0
		? section(
				{ id: 'rejected', title: `Rejected rows (${integer(report.tickets.rejected)})`, lead: 'Rows of the source that could not become tickets; every other row was replayed.' },
				rejectedTable(report),
			)
		: ''
}
</main>
${pageFooter(report)}`;
	return documentShell(`Support replay: ${report.workflow}`, body).toString();
}
