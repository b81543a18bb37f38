import type { ReplayReport } from '../../metrics/accumulator';
import { inkOn, PALETTE, sequential } from './colors';
import { integer, percent } from './format';
import type { Markup } from './markup';
import { rect, svgRoot, text } from './svg';

const CELL = 76;
const GAP = 3;
const LEFT = 74;
const TOP = 50;
const RIGHT = 64;

/**
 * Expected tier (rows) against the tier the workflow chose (columns). Cells show counts; shading is the
 * share of the row, so a small tier's mistakes stand out as much as a big one's. The diagonal is outlined.
 */
export function confusionChart(confusion: ReplayReport['escalation']['confusion']): Markup {
	const { labels, matrix } = confusion;
	const n = labels.length;
	const width = LEFT + n * CELL + RIGHT;
	const height = TOP + n * CELL + 14;
	const parts: Markup[] = [];
	parts.push(text(LEFT + (n * CELL) / 2, 14, 'predicted tier', { class: 'axis-title', 'text-anchor': 'middle' }));
	parts.push(text(14, TOP + (n * CELL) / 2, 'expected tier', { class: 'axis-title', 'text-anchor': 'middle', transform: `rotate(-90 14 ${TOP + (n * CELL) / 2})` }));
	parts.push(text(LEFT + n * CELL + 10, TOP - 10, 'total', { class: 'axis' }));
	labels.forEach((label, i) => {
		parts.push(text(LEFT + i * CELL + (CELL - GAP) / 2, TOP - 10, label, { class: 'axis strong', 'text-anchor': 'middle' }));
		parts.push(text(LEFT - 10, TOP + i * CELL + (CELL - GAP) / 2 + 4, label, { class: 'axis strong', 'text-anchor': 'end' }));
	});
	matrix.forEach((row, r) => {
		const rowTotal = row.reduce((a, b) => a + b, 0);
		const y = TOP + r * CELL;
		row.forEach((count, c) => {
			const share = rowTotal > 0 ? count / rowTotal : null;
			const x = LEFT + c * CELL;
			const diagonal = r === c;
			parts.push(
				rect(
					{
						class: 'confusion-cell',
						x,
						y,
						width: CELL - GAP,
						height: CELL - GAP,
						rx: 4,
						fill: sequential(share),
						stroke: diagonal ? PALETTE.good : null,
						'stroke-width': diagonal ? 2 : null,
						'data-count': count,
					},
					`expected ${labels[r]}, predicted ${labels[c]}: ${integer(count)} (${percent(share)} of expected ${labels[r]})`,
				),
			);
			const cx = x + (CELL - GAP) / 2;
			parts.push(text(cx, y + CELL / 2 - 2, integer(count), { class: 'cell-count', 'text-anchor': 'middle', fill: inkOn(share) }));
			parts.push(text(cx, y + CELL / 2 + 14, share === null ? '' : percent(share, 0), { class: 'cell-share', 'text-anchor': 'middle', fill: inkOn(share) }));
		});
		parts.push(text(LEFT + n * CELL + 10, y + (CELL - GAP) / 2 + 4, integer(rowTotal), { class: 'axis' }));
	});
	return svgRoot({ width, height, label: 'Tier confusion matrix: expected tier by row, predicted tier by column', className: 'confusion' }, parts);
}
