import type { ReplayReport } from '../../metrics/accumulator';
import { PALETTE } from './colors';
import { integer, percent } from './format';
import type { Markup } from './markup';
import { line, niceTicks, rect, svgRoot, text } from './svg';

const WIDTH = 460;
const HEIGHT = 260;
const LEFT = 48;
const RIGHT = 12;
const TOP = 16;
const BOTTOM = 44;

/** Triage confidence of routed tickets in ten bins from 0 to 1, as Rasa's `rasa test` shows it. */
export function histogramChart(confidence: ReplayReport['confidence']): Markup {
	const bins = confidence.bins;
	const total = bins.reduce((a, b) => a + b.count, 0);
	const ticks = niceTicks(Math.max(0, ...bins.map((b) => b.count)));
	const top = ticks[ticks.length - 1];
	const plotW = WIDTH - LEFT - RIGHT;
	const plotH = HEIGHT - TOP - BOTTOM;
	const y = (value: number) => TOP + plotH - (value / top) * plotH;
	const slot = plotW / Math.max(1, bins.length);
	const parts: Markup[] = [];

	for (const tick of ticks) {
		parts.push(line({ x1: LEFT, x2: WIDTH - RIGHT, y1: y(tick), y2: y(tick), stroke: PALETTE.grid }));
		parts.push(text(LEFT - 6, y(tick) + 4, integer(tick), { class: 'axis', 'text-anchor': 'end' }));
	}
	bins.forEach((bin, i) => {
		const x = LEFT + i * slot;
		const h = (bin.count / top) * plotH;
		parts.push(
			rect(
				// A zero bin keeps a hairline so every bin is visibly there.
				{ class: 'hist-bar', x: x + 3, y: y(bin.count) - (h > 0 ? 0 : 1), width: slot - 6, height: Math.max(h, 1), rx: 2, fill: PALETTE.accent, 'data-count': bin.count },
				`confidence ${bin.from.toFixed(1)}–${bin.to.toFixed(1)}: ${integer(bin.count)} tickets (${percent(total > 0 ? bin.count / total : null)})`,
			),
		);
		if (bin.count > 0) parts.push(text(x + slot / 2, y(bin.count) - 5, integer(bin.count), { class: 'bar-value', 'text-anchor': 'middle' }));
	});
	for (let i = 0; i <= bins.length; i++) {
		const value = bins[i]?.from ?? bins[bins.length - 1]?.to ?? 1;
		parts.push(text(LEFT + i * slot, TOP + plotH + 16, value.toFixed(1), { class: 'axis', 'text-anchor': 'middle' }));
	}
	parts.push(line({ x1: LEFT, x2: WIDTH - RIGHT, y1: TOP + plotH, y2: TOP + plotH, stroke: PALETTE.muted }));
	parts.push(text(LEFT + plotW / 2, HEIGHT - 6, 'triage confidence', { class: 'axis-title', 'text-anchor': 'middle' }));
	return svgRoot({ width: WIDTH, height: HEIGHT, label: 'Triage confidence histogram, ten bins from 0 to 1', className: 'histogram' }, parts);
}
