/**
 * The self-contained HTML report: nothing external, every chart with the right number of marks,
 * values where they belong, every data string escaped, and "—" for metrics that could not be computed.
 */
import { renderHtml } from '../../simulator/report/html';
import { escapeHtml, html } from '../../simulator/report/html/markup';
import { niceTicks } from '../../simulator/report/html/svg';
import { sampleReport, sampleSweep } from '../helpers/sample-report';

const count = (doc: string, pattern: RegExp) => (doc.match(new RegExp(pattern.source, 'g')) ?? []).length;

/** The value shown on the KPI card with this label, tags stripped. */
function kpi(doc: string, label: string): string {
	const match = doc.match(new RegExp(`<div class="kpi-label">${label}</div><div class="kpi-value[^"]*">(.*?)</div>`));
	if (!match) throw new Error(`no KPI card "${label}"`);
	return match[1].replace(/<[^>]+>/g, '');
}

/** The data-count attributes of one kind of chart mark, in document order. */
function marks(doc: string, className: string): number[] {
	return [...doc.matchAll(new RegExp(`class="${className}"[^>]*data-count="(\\d+)"`, 'g'))].map((m) => Number(m[1]));
}

describe('renderHtml', () => {
	const doc = renderHtml(sampleReport());

	it('is one self-contained document: no scripts, nothing fetched', () => {
		expect(doc.startsWith('<!DOCTYPE html>')).toBe(true);
		expect(doc).not.toMatch(/<script/i);
		expect(doc).not.toMatch(/https?:\/\//i);
		expect(doc).not.toMatch(/\b(src|href)\s*=\s*["']?(?!data:)[^"'\s>]/i);
		expect(doc).not.toMatch(/@import|url\(/i);
		expect(doc).toContain('<style>');
		// The browser is told to refuse any fetch, so a slip here could not leak either.
		expect(doc).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
	});

	it('draws the 7 × 24 demand heatmap with the zone in its title', () => {
		expect(count(doc, /class="heat-cell"/)).toBe(168);
		expect(marks(doc, 'heat-cell')).toEqual(sampleReport().heatmap.counts.flat());
		expect(doc).toContain('Demand by weekday and hour (America/Mexico_City)');
		for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']) expect(doc).toContain(`>${day}</text>`);
		expect(doc).toContain('>00</text>');
		expect(doc).toContain('>23</text>');
	});

	it('colours heatmap cells by demand: the busiest cell darkest, empty cells neutral', () => {
		const counts = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
		counts[0][9] = 10;
		counts[4][15] = 5;
		const fills = [...renderHtml(sampleReport((r) => (r.heatmap.counts = counts))).matchAll(/class="heat-cell"[^>]*fill="([^"]+)"/g)].map((m) => m[1]);
		expect(fills[9]).toBe('rgb(23,63,120)');
		expect(fills[4 * 24 + 15]).not.toBe(fills[9]);
		expect(new Set(fills.filter((_, i) => i !== 9 && i !== 4 * 24 + 15))).toEqual(new Set(['#f3f5f7']));
	});

	it('draws the 4 × 4 confusion matrix with counts and row shares', () => {
		const { matrix } = sampleReport().escalation.confusion;
		expect(count(doc, /class="confusion-cell"/)).toBe(16);
		expect(marks(doc, 'confusion-cell')).toEqual(matrix.flat());
		expect(doc).toContain('>1,398</text>');
		expect(doc).toContain('>773</text>');
		// 1398 of the L1 row's 1560 is 90 %.
		expect(doc).toMatch(/>1,398<\/text><text[^>]*class="cell-share"[^>]*>90 %<\/text>/);
		expect(doc).toContain('expected L4, predicted L3: 54 (22.0 % of expected L4)');
	});

	it('draws ten confidence bars', () => {
		expect(count(doc, /class="hist-bar"/)).toBe(10);
		expect(marks(doc, 'hist-bar')).toEqual(sampleReport().confidence.bins.map((b) => b.count));
		expect(doc).toContain('confidence 0.9–1.0: 1,096 tickets');
	});

	it('draws one labelled point per sweep value, skipping values without both rates', () => {
		expect(count(doc, /class="sweep-point"/)).toBe(13);
		for (const point of sampleSweep()) expect(doc).toContain(`data-value="${point.value}"`);
		expect(doc).toMatch(/class="point-label"[^>]*>0\.65<\/text>/);

		const partial = renderHtml(
			sampleReport((r) => {
				r.sweep = sampleSweep().slice(0, 5);
				r.sweep[2].escalationAccuracy = null;
			}),
		);
		expect(count(partial, /class="sweep-point"/)).toBe(4);
		expect(count(partial, /<tr><td class="num">0\.\d+<\/td>/)).toBe(5);
	});

	it('explains how to run a sweep when none was run', () => {
		const noSweep = renderHtml(sampleReport((r) => delete r.sweep));
		expect(count(noSweep, /class="sweep-point"/)).toBe(0);
		expect(noSweep).not.toContain('class="chart sweep"');
		expect(noSweep).toContain('--sweep &quot;Knowledge Lookup.threshold=0.3:0.9:0.05&quot;');
		expect(renderHtml(sampleReport((r) => (r.sweep = [])))).toContain('No threshold sweep in this run');
	});

	it('compares human-only and with-AI cost per month, over the period and in FTE', () => {
		expect(count(doc, /class="cost-bar"/)).toBe(6);
		for (const figure of ['USD 2,258', 'USD 872', 'USD 6,751', 'USD 2,606', '4.5 FTE', '1.76 FTE', 'USD 1,387', 'USD 8,100']) expect(doc).toContain(figure);
		expect(doc).toContain('Over 91 days');
	});

	it('puts the headline metrics on KPI cards', () => {
		expect(kpi(doc, 'Tickets replayed')).toBe('3,420');
		expect(doc).toContain('3,426 read · 6 rejected');
		expect(kpi(doc, 'AI resolution rate')).toBe('60.8 %');
		expect(kpi(doc, 'Escalation accuracy')).toBe('92.9 %');
		expect(kpi(doc, 'Escalation precision')).toBe('89.3 %');
		expect(kpi(doc, 'Escalation recall')).toBe('92.3 %');
		expect(kpi(doc, 'Tier accuracy')).toBe('87.0 %');
		expect(kpi(doc, 'Intent accuracy')).toBe('89.1 %');
		expect(kpi(doc, 'Wrong-answer risk')).toBe('5.5 %');
		expect(kpi(doc, 'Off-hours share')).toBe('51.0 %');
		expect(doc).toContain('AI covers 64.3 % of them');
		expect(kpi(doc, 'First response \\(median\\)')).toBe('3.1 h → 0 min');
		expect(kpi(doc, 'SLA breaches')).toBe('36.0 % → 6.2 %');
	});

	it('renders null metrics as — and never prints NaN', () => {
		const nulls = renderHtml(
			sampleReport((r) => {
				r.resolution.rate = null;
				r.escalation.accuracy = null;
				r.escalation.precision = null;
				r.escalation.recall = null;
				r.escalation.tierAccuracy = null;
				r.intent.accuracy = null;
				r.wrongAnswerRisk.rate = null;
				r.offHours.share = null;
				r.offHours.aiCovered = null;
				r.firstResponse.historical.median = null;
				r.sla.historical.rate = null;
				r.cost.savingsRate = null;
				r.period = { from: null, to: null, days: 1 };
				r.sweep = [{ parameter: 'Knowledge Lookup.threshold', value: 0.5, resolutionRate: null, escalationAccuracy: null, recall: null, wrongAnswerRate: null }];
			}),
		);
		for (const label of ['AI resolution rate', 'Escalation accuracy', 'Escalation precision', 'Escalation recall', 'Tier accuracy', 'Intent accuracy', 'Wrong-answer risk', 'Off-hours share']) {
			expect({ label, value: kpi(nulls, label) }).toEqual({ label, value: '—' });
		}
		expect(kpi(nulls, 'First response \\(median\\)')).toBe('— → 0 min');
		expect(kpi(nulls, 'SLA breaches')).toBe('— → 6.2 %');
		expect(nulls).toContain('— – — (1 days)');
		expect(nulls).toContain('<td class="num">0.5</td><td class="num">—</td><td class="num">—</td>');
		expect(nulls).not.toMatch(/NaN|Infinity|null|undefined/);
	});

	it('survives an empty replay', () => {
		const empty = renderHtml(
			sampleReport((r) => {
				r.heatmap.counts = r.heatmap.counts.map((row) => row.map(() => 0));
				r.escalation.confusion.matrix = r.escalation.confusion.matrix.map((row) => row.map(() => 0));
				r.confidence.bins = r.confidence.bins.map((bin) => ({ ...bin, count: 0 }));
				r.byCategory = {};
				r.cost.perMonth = { humanOnly: 0, withAi: 0, savings: 0 };
			}),
		);
		expect(count(empty, /class="heat-cell"/)).toBe(168);
		expect(count(empty, /class="confusion-cell"/)).toBe(16);
		expect(count(empty, /class="hist-bar"/)).toBe(10);
		expect(empty).toContain('No routed tickets, so no categories.');
		expect(empty).not.toMatch(/NaN|Infinity/);
	});

	it('escapes every string that comes from the data', () => {
		const attack = '<script>alert(1)</script>';
		const hostile = renderHtml(
			sampleReport((r) => {
				r.workflow = `a "quoted" & <b>bold</b> workflow.json`;
				r.source = `tickets/<img src=x onerror=alert(2)>.csv`;
				r.zone = `Zone<&>`;
				r.heatmap.zone = `Zone<&>`;
				r.byCategory = { [attack]: { tickets: 3, share: 1, aiResolved: 1, automatable: 0.3333 } };
				r.rejectedRows = [{ line: 7, reason: `column "text" is '<empty>' & bad` }];
				r.fallbacks = { count: 1, reasons: { '</dd><script>x()</script>': 1 } };
				r.sweep = sampleSweep().map((p) => ({ ...p, parameter: 'Lookup<x>.threshold' }));
				r.parameters = { param: ['Router.note="</footer>"'] };
			}),
		);
		expect(hostile).not.toContain(attack);
		expect(hostile).not.toMatch(/<script/i);
		expect(hostile).not.toContain('<img');
		expect(hostile).not.toContain('<b>');
		expect(hostile).not.toContain('Lookup<x>');
		expect(hostile).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
		expect(hostile).toContain('a &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt; workflow.json');
		expect(hostile).toContain('tickets/&lt;img src=x onerror=alert(2)&gt;.csv');
		expect(hostile).toContain('column &quot;text&quot; is &#39;&lt;empty&gt;&#39; &amp; bad');
		expect(hostile).toContain('Demand by weekday and hour (Zone&lt;&amp;&gt;)');
		expect(hostile).toContain('aria-label="Tickets by weekday and hour of arrival (Zone&lt;&amp;&gt;)"');
		expect(hostile).toContain('Lookup&lt;x&gt;.threshold');
		// Exactly one of each structural tag: nothing in the data closed or opened one.
		expect(count(hostile, /<\/footer>/)).toBe(1);
		expect(count(hostile, /<\/dd>/)).toBe(count(hostile, /<dd>/));
	});

	it('lists rejected rows with line and reason, and leaves the section out when there are none', () => {
		expect(count(doc, /class="rejected-row"/)).toBe(6);
		expect(doc).toContain('<td class="num">977</td><td>channel &quot;fax&quot; is unknown');
		expect(doc).toContain('Rejected rows (6)');
		const clean = renderHtml(
			sampleReport((r) => {
				r.tickets.rejected = 0;
				r.rejectedRows = [];
			}),
		);
		expect(clean).not.toContain('id="rejected"');
		const many = renderHtml(sampleReport((r) => (r.tickets.rejected = 250)));
		expect(many).toContain('244 more rejected rows are not listed here.');
	});

	it('lists categories busiest first with their AI share', () => {
		const names = [...doc.matchAll(/<tr class="category-row"><td>([^<]+)<\/td>/g)].map((m) => m[1]);
		expect(names.slice(0, 3)).toEqual(['order_status', 'shipping_times', 'refund_request']);
		expect(doc).toMatch(/<td>refund_request<\/td><td class="num">455<\/td>.*?35\.6 %/);
	});

	it('ends with a footer naming the workflow, source, period and zone', () => {
		const footer = doc.slice(doc.indexOf('<footer'));
		expect(footer).toContain('<dt>Workflow</dt><dd>support-24-7.json</dd>');
		expect(footer).toContain('<dt>Tickets from</dt><dd>simulator/demo/history.csv</dd>');
		expect(footer).toContain('<dt>Period</dt><dd>5 Jan 2026 00:04 – 5 Apr 2026 23:52 (91 days)</dd>');
		expect(footer).toContain('<dt>Time zone</dt><dd>America/Mexico_City</dd>');
	});

	it('renders the same report to the same bytes', () => {
		expect(renderHtml(sampleReport())).toBe(doc);
	});
});

describe('report markup helpers', () => {
	it('escapes the five HTML-significant characters', () => {
		expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
	});

	it('escapes interpolations but not nested markup', () => {
		const inner = html`<b>${'<i>'}</b>`;
		expect(html`<p>${inner}${'&'}${null}${[1, '<']}</p>`.toString()).toBe('<p><b>&lt;i&gt;</b>&amp;1&lt;</p>');
	});

	it('picks 1-2-5 axis ticks that cover the maximum', () => {
		expect(niceTicks(1096)).toEqual([0, 500, 1000, 1500]);
		expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
		expect(niceTicks(0)).toEqual([0, 1]);
	});
});
