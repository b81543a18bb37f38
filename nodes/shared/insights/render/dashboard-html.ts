/**
 * The live dashboard page n8n serves from a Webhook: one card per window (24 h, 7 d, 30 d), stacked
 * on a phone and side by side on a wide screen, reloading itself. No script and nothing fetched:
 * the page is whole as served, so it paints at once.
 */
import type { ReportFigures, ReportWindowName } from '../report';
import { clip, csatColour, esc, minutes, num, pct, when } from './format';

export interface DashboardHtmlOptions {
	title?: string;
	/** Seconds between reloads; 0 turns it off. Default 60. */
	refreshSeconds?: number;
}

const LABELS: Record<ReportWindowName, string> = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };

function row(label: string, value: string, extra = ''): string {
	return `<div class="row"><span>${esc(label)}</span><b${extra}>${value}</b></div>`;
}

/** The people's answers to review (in the card that lists the gaps): the count, and the newest few. */
function suggestions(f: ReportFigures): string {
	const s = f.suggestions;
	const rows = s.newest
		.slice(0, 3)
		.map((x) => `<tr><td>\u201c${esc(clip(x.question, 80))}\u201d</td><td>${esc(clip(x.answer, 100))}</td><td>${esc(x.language ?? '—')}</td></tr>`)
		.join('');
	return `<h3 data-figure="suggestions" data-count="${s.total}">Suggested answers from people: ${num(s.total)}, newest first</h3>${rows ? `<table class="sugg"><tr><th>Question</th><th>Answer</th><th></th></tr>${rows}</table>` : ''}`;
}

function card(name: ReportWindowName, f: ReportFigures): string {
	const c = f.csat;
	const reasons = f.escalations.byReason.slice(0, 4).map((r) => row(r.label, `${num(r.count)} · ${pct(r.share)}`)).join('');
	return `<section class="card" data-window="${esc(name)}"><h2>${esc(LABELS[name])}</h2>
<div class="big"><div><span class="n" data-figure="cases">${num(f.cases)}</span><span class="l">conversations</span></div><div><span class="n" data-figure="ai-rate">${pct(f.ai.rate)}</span><span class="l">AI resolved</span></div><div><span class="n" data-figure="csat" style="color:${csatColour(c.mean, c.goal, c.excellent)}">${c.mean === null ? '—' : c.mean.toFixed(2)}</span><span class="l">CSAT (${num(c.answered)})</span></div></div>
${row('Escalated to a person', `${num(f.escalations.total)} · ${pct(f.escalations.rate)}`)}
${row('SLA breaches', `${num(f.sla.breached)} of ${num(f.sla.tracked - f.sla.pending)}`, f.sla.breached ? ' class="bad"' : '')}
${row('Waiting for a person', num(f.firstResponse.waiting))}
${row('First answer by a person (median)', minutes(f.firstResponse.medianMinutes))}
${row('Off hours', pct(f.offHours.share))}
${reasons ? `<h3>Escalations by reason</h3>${reasons}` : ''}
${f.gaps && f.gaps.topics.length ? `<h3>Top gaps</h3>${f.gaps.topics.map((t) => row(`${t.label} (${t.language})`, num(t.size))).join('')}` : ''}
${f.gaps ? suggestions(f) : ''}
</section>`;
}

export function renderDashboardHtml(windows: Record<ReportWindowName, ReportFigures>, options: DashboardHtmlOptions = {}): string {
	const title = options.title || 'Support dashboard';
	const refresh = options.refreshSeconds ?? 60;
	const to = windows['24h']?.window.to ?? windows['7d'].window.to;
	const cards = (Object.keys(LABELS) as ReportWindowName[]).filter((name) => windows[name]).map((name) => card(name, windows[name]));
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh > 0 ? `<meta http-equiv="refresh" content="${Math.floor(refresh)}">` : ''}<title>${esc(title)}</title>
<style>
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;background:#f3f4f6;color:#111827}
header{padding:12px 16px;background:#111827;color:#fff}header h1{font-size:18px;margin:0}header p{margin:2px 0 0;font-size:12px;color:#d1d5db}
main{display:flex;flex-wrap:wrap;gap:12px;padding:12px}.card{flex:1 1 300px;background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:15px;margin:0 0 8px}h3{font-size:12px;text-transform:uppercase;color:#6b7280;margin:12px 0 4px}
.big{display:flex;justify-content:space-between;gap:8px;margin-bottom:8px}.big div{display:flex;flex-direction:column}.n{font-size:24px;font-weight:700}.l{font-size:12px;color:#6b7280}
.row{display:flex;justify-content:space-between;gap:8px;padding:4px 0;border-bottom:1px solid #f3f4f6;font-size:14px}.row span{color:#374151}.bad{color:#b91c1c}
.sugg{width:100%;border-collapse:collapse;table-layout:fixed;font-size:13px}.sugg th{text-align:left;font-size:11px;color:#6b7280;font-weight:600}.sugg th:last-child{width:28px}.sugg td{vertical-align:top;padding:4px 4px 4px 0;border-bottom:1px solid #f3f4f6;overflow-wrap:anywhere}
</style></head><body><header><h1>${esc(title)}</h1><p>Up to ${esc(when(to))}${refresh > 0 ? ` · refreshes every ${Math.floor(refresh)} s` : ''}</p></header><main>${cards.join('')}</main></body></html>`;
}
