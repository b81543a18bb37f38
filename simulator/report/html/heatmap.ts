import type { ReplayReport } from '../../metrics/accumulator';
import { inkOn, sequential } from './colors';
import { integer } from './format';
import { html, type Markup } from './markup';
import { rect, svgRoot, text } from './svg';

const CELL_W = 34;
const CELL_H = 26;
const GAP = 2;
const LEFT = 40;
const TOP = 22;
const LEGEND_H = 32;

/** Weekday × hour demand in the business zone: 7 rows of 24 cells, darker is busier. */
export function heatmapChart(heatmap: ReplayReport['heatmap']): Markup {
	const counts = heatmap.counts;
	const max = Math.max(0, ...counts.flat());
	const total = counts.flat().reduce((a, b) => a + b, 0);
	const width = LEFT + 24 * CELL_W;
	const gridBottom = TOP + counts.length * CELL_H;
	const parts: Markup[] = [];

	for (let hour = 0; hour < 24; hour++) {
		parts.push(text(LEFT + hour * CELL_W + (CELL_W - GAP) / 2, TOP - 8, String(hour).padStart(2, '0'), { class: 'axis', 'text-anchor': 'middle' }));
	}
	counts.forEach((row, day) => {
		const y = TOP + day * CELL_H;
		parts.push(text(LEFT - 8, y + (CELL_H - GAP) / 2 + 4, heatmap.weekdays[day] ?? String(day + 1), { class: 'axis', 'text-anchor': 'end' }));
		row.forEach((count, hour) => {
			const t = max > 0 ? count / max : null;
			const x = LEFT + hour * CELL_W;
			const label = `${heatmap.weekdays[day]} ${String(hour).padStart(2, '0')}:00–${String(hour).padStart(2, '0')}:59: ${integer(count)} tickets`;
			parts.push(rect({ class: 'heat-cell', x, y, width: CELL_W - GAP, height: CELL_H - GAP, rx: 3, fill: sequential(t), 'data-count': count }, label));
			// Counts in every cell would be noise; only the busiest quarter is labelled.
			if (t !== null && t >= 0.75) {
				parts.push(text(x + (CELL_W - GAP) / 2, y + (CELL_H - GAP) / 2 + 4, compact(count), { class: 'cell-value', 'text-anchor': 'middle', fill: inkOn(t) }));
			}
		});
	});
	parts.push(legend(LEFT, gridBottom + 14, max, total));
	return svgRoot(
		{ width, height: gridBottom + LEGEND_H, label: `Tickets by weekday and hour of arrival (${heatmap.zone})`, className: 'heatmap' },
		parts,
	);
}

function legend(x: number, y: number, max: number, total: number): Markup {
	const steps = 6;
	const swatches: Markup[] = [];
	for (let i = 0; i < steps; i++) {
		const t = i === 0 ? null : i / (steps - 1);
		swatches.push(rect({ x: x + 36 + i * 22, y, width: 20, height: 12, rx: 2, fill: sequential(t) }));
	}
	return html`${text(x, y + 10, 'fewer', { class: 'axis' })}${swatches}${text(x + 36 + steps * 22 + 4, y + 10, `more (busiest hour: ${integer(max)} tickets; ${integer(total)} in all)`, {
		class: 'axis',
	})}`;
}

function compact(count: number): string {
	return count >= 10_000 ? `${Math.round(count / 1000)}k` : count >= 1000 ? `${(count / 1000).toFixed(1)}k` : String(count);
}
