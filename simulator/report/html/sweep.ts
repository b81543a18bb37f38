import type { SweepPoint } from '../../metrics/accumulator';
import { PALETTE } from './colors';
import { percent } from './format';
import { html, type Markup } from './markup';
import { circle, line, polyline, svgRoot, text } from './svg';

const WIDTH = 520;
const HEIGHT = 320;
const LEFT = 56;
const RIGHT = 24;
const TOP = 20;
const BOTTOM = 46;

export const SWEEP_HINT = '--sweep "Knowledge Lookup.threshold=0.3:0.9:0.05"';

/**
 * The trade-off as one parameter moves: AI resolution rate (x) against escalation accuracy (y), one point
 * per value in sweep order, each labelled with its value. Points missing either rate are listed in the
 * table but cannot be placed on the chart.
 */
export function sweepSection(sweep: SweepPoint[] | undefined): Markup {
	if (!sweep || sweep.length === 0) {
		return html`<p class="note">No threshold sweep in this run. To see how the AI resolution rate trades against escalation accuracy, replay with
<code>${SWEEP_HINT}</code> (any numeric node parameter works: <code>"&lt;Node name&gt;.&lt;parameter&gt;=&lt;from&gt;:&lt;to&gt;:&lt;step&gt;"</code>).</p>`;
	}
	return html`${sweepChart(sweep)}${sweepTable(sweep)}`;
}

function sweepChart(sweep: SweepPoint[]): Markup {
	const placed = sweep.filter((p): p is SweepPoint & { resolutionRate: number; escalationAccuracy: number } => p.resolutionRate !== null && p.escalationAccuracy !== null);
	const xs = domain(placed.map((p) => p.resolutionRate));
	const ys = domain(placed.map((p) => p.escalationAccuracy));
	const plotW = WIDTH - LEFT - RIGHT;
	const plotH = HEIGHT - TOP - BOTTOM;
	const x = (v: number) => LEFT + ((v - xs[0]) / (xs[1] - xs[0])) * plotW;
	const y = (v: number) => TOP + plotH - ((v - ys[0]) / (ys[1] - ys[0])) * plotH;
	const parts: Markup[] = [];

	for (const tick of ticks(xs)) {
		parts.push(line({ x1: x(tick), x2: x(tick), y1: TOP, y2: TOP + plotH, stroke: PALETTE.grid }));
		parts.push(text(x(tick), TOP + plotH + 16, percent(tick, 0), { class: 'axis', 'text-anchor': 'middle' }));
	}
	for (const tick of ticks(ys)) {
		parts.push(line({ x1: LEFT, x2: LEFT + plotW, y1: y(tick), y2: y(tick), stroke: PALETTE.grid }));
		parts.push(text(LEFT - 6, y(tick) + 4, percent(tick, 0), { class: 'axis', 'text-anchor': 'end' }));
	}
	parts.push(text(LEFT + plotW / 2, HEIGHT - 6, 'AI resolution rate →', { class: 'axis-title', 'text-anchor': 'middle' }));
	parts.push(text(14, TOP + plotH / 2, 'escalation accuracy →', { class: 'axis-title', 'text-anchor': 'middle', transform: `rotate(-90 14 ${TOP + plotH / 2})` }));
	parts.push(polyline(placed.map((p) => [x(p.resolutionRate), y(p.escalationAccuracy)]), { stroke: PALETTE.accent, 'stroke-width': 2, 'stroke-linejoin': 'round' }));
	const centres = placed.map((p) => [x(p.resolutionRate), y(p.escalationAccuracy)] as [number, number]);
	const labels = placeLabels(centres, placed.map((p) => String(p.value)));
	placed.forEach((p, i) => {
		const [px, py] = centres[i];
		parts.push(
			circle(
				{ class: 'sweep-point', cx: px, cy: py, r: 4.5, fill: '#fff', stroke: PALETTE.accent, 'stroke-width': 2, 'data-value': p.value },
				`${p.parameter} = ${p.value}: AI resolves ${percent(p.resolutionRate)}, escalation accuracy ${percent(p.escalationAccuracy)}`,
			),
		);
		const label = labels[i];
		if (label) parts.push(text(label.x, label.y, p.value, { class: 'point-label', 'text-anchor': label.anchor }));
	});
	const name = sweep[0].parameter;
	return svgRoot({ width: WIDTH, height: HEIGHT, label: `Sweep of ${name}: AI resolution rate against escalation accuracy`, className: 'sweep' }, parts);
}

function sweepTable(sweep: SweepPoint[]): Markup {
	const rows = sweep.map(
		(p) =>
			html`<tr><td class="num">${p.value}</td><td class="num">${percent(p.resolutionRate)}</td><td class="num">${percent(p.escalationAccuracy)}</td><td class="num">${percent(p.recall)}</td><td class="num">${percent(p.wrongAnswerRate)}</td></tr>`,
	);
	return html`<details class="sweep-values"><summary>Values of <code>${sweep[0].parameter}</code> (${sweep.length} runs)</summary>
<table><thead><tr><th class="num">value</th><th class="num">AI resolved</th><th class="num">escalation acc.</th><th class="num">recall</th><th class="num">wrong-answer risk</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

interface LabelSpot {
	x: number;
	y: number;
	anchor: 'start' | 'middle' | 'end';
}

/**
 * Greedy label placement: each point's value goes to the first of eight spots around it that overlaps
 * neither another point nor a label already placed. A label with no free spot is left out; its value
 * is still in the point's tooltip and in the table.
 */
function placeLabels(points: Array<[number, number]>, texts: string[]): Array<LabelSpot | undefined> {
	type Box = [number, number, number, number];
	const taken: Box[] = points.map(([px, py]) => [px - 5, py - 5, px + 5, py + 5]);
	const overlaps = (a: Box) => taken.some((b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]);
	const inside = (a: Box) => a[0] >= LEFT && a[2] <= WIDTH && a[1] >= 0 && a[3] <= TOP + (HEIGHT - TOP - BOTTOM);
	return points.map(([px, py], i) => {
		const w = texts[i].length * 6.6;
		const h = 11;
		const spots: LabelSpot[] = [
			{ x: px, y: py - 9, anchor: 'middle' },
			{ x: px, y: py + 17, anchor: 'middle' },
			{ x: px + 8, y: py + 4, anchor: 'start' },
			{ x: px - 8, y: py + 4, anchor: 'end' },
			{ x: px + 6, y: py - 7, anchor: 'start' },
			{ x: px - 6, y: py - 7, anchor: 'end' },
			{ x: px + 6, y: py + 15, anchor: 'start' },
			{ x: px - 6, y: py + 15, anchor: 'end' },
		];
		for (const spot of spots) {
			const left = spot.anchor === 'start' ? spot.x : spot.anchor === 'end' ? spot.x - w : spot.x - w / 2;
			const box: Box = [left - 1, spot.y - h + 1, left + w + 1, spot.y + 3];
			if (inside(box) && !overlaps(box)) {
				taken.push(box);
				return spot;
			}
		}
		return undefined;
	});
}

/** Data range padded and snapped to 5 % steps, kept inside [0, 1]; a single value gets a ±5 % window. */
function domain(values: number[]): [number, number] {
	if (values.length === 0) return [0, 1];
	let lo = Math.max(0, Math.floor((Math.min(...values) - 0.02) * 20) / 20);
	let hi = Math.min(1, Math.ceil((Math.max(...values) + 0.02) * 20) / 20);
	if (hi - lo < 0.1) {
		lo = Math.max(0, lo - 0.05);
		hi = Math.min(1, hi + 0.05);
	}
	return [lo, hi];
}

function ticks([lo, hi]: [number, number]): number[] {
	const span = hi - lo;
	const step = span > 0.5 ? 0.2 : span > 0.25 ? 0.1 : 0.05;
	const out: number[] = [];
	for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) out.push(Number(v.toFixed(4)));
	return out;
}
