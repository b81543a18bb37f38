import { attributes, html, type Attributes, type Interpolation, Markup } from './markup';

/*
 * SVG primitives for the report's charts. The charts are hand-written SVG on purpose: the report must be
 * one file that opens offline, and no charting library renders to static SVG on the server without a DOM
 * (Chart.js, ECharts and Plotly all draw in the browser with a script). A few rectangles, lines and labels
 * are all these charts need.
 */

export function svgRoot(options: { width: number; height: number; label: string; className: string }, body: Interpolation): Markup {
	const { width, height, label, className } = options;
	return html`<svg${attributes({
		class: `chart ${className}`,
		viewBox: `0 0 ${width} ${height}`,
		width,
		height,
		role: 'img',
		'aria-label': label,
		preserveAspectRatio: 'xMinYMin meet',
	})}><title>${label}</title>${body}</svg>`;
}

export function rect(attrs: Attributes, tooltip?: string): Markup {
	return tooltip === undefined ? html`<rect${attributes(attrs)}/>` : html`<rect${attributes(attrs)}><title>${tooltip}</title></rect>`;
}

export function circle(attrs: Attributes, tooltip?: string): Markup {
	return tooltip === undefined ? html`<circle${attributes(attrs)}/>` : html`<circle${attributes(attrs)}><title>${tooltip}</title></circle>`;
}

export function line(attrs: Attributes): Markup {
	return html`<line${attributes(attrs)}/>`;
}

export function polyline(points: Array<[number, number]>, attrs: Attributes): Markup {
	return html`<polyline${attributes({ ...attrs, points: points.map(([x, y]) => `${round(x)},${round(y)}`).join(' '), fill: 'none' })}/>`;
}

export function text(x: number, y: number, content: string | number, attrs: Attributes = {}): Markup {
	return html`<text${attributes({ x, y, ...attrs })}>${content}</text>`;
}

export function group(attrs: Attributes, body: Interpolation): Markup {
	return html`<g${attributes(attrs)}>${body}</g>`;
}

/** Evenly spaced "nice" axis ticks (1, 2, 5 × 10ⁿ) from 0 to at least max. */
export function niceTicks(max: number, count = 4): number[] {
	if (!(max > 0)) return [0, 1];
	const raw = max / count;
	const magnitude = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
	const ticks: number[] = [];
	for (let v = 0; v < max + step - 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
	return ticks;
}

function round(value: number): number {
	return Math.round(value * 100) / 100;
}
