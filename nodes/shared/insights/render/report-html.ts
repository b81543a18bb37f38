/**
 * The weekly report as an e-mail: tables and inline styles only (mail clients drop <style> blocks,
 * scripts and external files), one column at most 640 px wide, readable in plain-text fallbacks too.
 */
import type { ReportFigures } from '../report';
import { clip, csatColour, esc, minutes, num, pct, when } from './format';

const CELL = 'padding:6px 8px;border-bottom:1px solid #e5e7eb;font-size:14px;';
const HEAD = 'padding:6px 8px;border-bottom:2px solid #d1d5db;font-size:12px;text-transform:uppercase;color:#6b7280;text-align:left;';
const H2 = 'font-size:16px;margin:24px 0 8px;color:#111827;';
const NUMERIC = 'text-align:right;white-space:nowrap;';

function table(head: string[], rows: string[][], numericFrom = 1): string {
	const th = head.map((h, i) => `<th style="${HEAD}${i >= numericFrom ? NUMERIC : ''}">${esc(h)}</th>`).join('');
	const body = rows.map((row) => `<tr>${row.map((cell, i) => `<td style="${CELL}${i >= numericFrom ? NUMERIC : ''}">${cell}</td>`).join('')}</tr>`).join('');
	return `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;">${th ? `<tr>${th}</tr>` : ''}${body}</table>`;
}

function tile(label: string, value: string, note: string, colour = '#111827'): string {
	return `<td style="padding:8px;width:25%;vertical-align:top;"><div style="font-size:12px;color:#6b7280;">${esc(label)}</div><div style="font-size:22px;font-weight:bold;color:${colour};">${esc(value)}</div><div style="font-size:12px;color:#6b7280;">${esc(note)}</div></td>`;
}

/** The people's answers waiting to become knowledge entries, newest first. */
function suggestionsSection(f: ReportFigures): string {
	const s = f.suggestions;
	const heading = `<h2 style="${H2}">Suggested answers from people: ${num(s.total)}, newest first</h2>`;
	if (!s.total) return `${heading}<p style="font-size:14px;color:#6b7280;">No answer from a person to review in this period.</p>`;
	const rows = s.newest.map((x) => [`\u201c${esc(clip(x.question))}\u201d`, esc(clip(x.answer)), esc(x.language ?? '—'), `${esc(x.by)}, ${esc(when(x.at))}`]);
	const more = s.total > s.newest.length ? `<p style="font-size:13px;color:#6b7280;">and ${num(s.total - s.newest.length)} more in the Conversation Store.</p>` : '';
	return `${heading}${table(['Question', 'Answer', 'Lang.', 'By'], rows, 4)}${more}`;
}

export interface ReportHtmlOptions {
	title?: string;
}

/** The subject line for the report's e-mail. */
export function reportSubject(figures: ReportFigures, title = 'Support report'): string {
	return `${title}: ${when(figures.window.from).slice(0, 10)} to ${when(figures.window.to).slice(0, 10)} · AI resolved ${pct(figures.ai.rate)} · CSAT ${figures.csat.mean ?? '—'}`;
}

export function renderReportHtml(figures: ReportFigures, options: ReportHtmlOptions = {}): string {
	const title = options.title || 'Support report';
	const f = figures;
	const csat = f.csat;
	const colour = csatColour(csat.mean, csat.goal, csat.excellent);
	const tiles = `<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse;"><tr>${[
		tile('Conversations', num(f.cases), `${num(f.messages)} messages · ${num(f.conversations)} customers`),
		tile('AI resolved', pct(f.ai.rate), `${num(f.ai.resolved)} of ${num(f.cases)}`),
		tile('Escalated', pct(f.escalations.rate), `${num(f.escalations.total)} to a person`),
		tile('CSAT', csat.mean === null ? '—' : csat.mean.toFixed(2), `${num(csat.answered)} answers · goal ${csat.goal}`, colour),
	].join('')}</tr></table>`;

	const reasons = f.escalations.byReason.length
		? table(['Reason', 'Cases', 'Share'], f.escalations.byReason.map((r) => [esc(r.label), num(r.count), pct(r.share)]))
		: '<p style="font-size:14px;color:#6b7280;">No escalations.</p>';
	const tiers = table(['Tier', 'Cases'], (['L1', 'L2', 'L3', 'L4'] as const).map((t) => [t, num(f.tiers[t])]));
	const sla = table(
		['First response', ''],
		[
			['Escalations with a deadline', num(f.sla.tracked)],
			['Met', num(f.sla.met)],
			['Breached', `<span style="color:${f.sla.breached ? '#b91c1c' : '#111827'};font-weight:bold;">${num(f.sla.breached)}</span> (${pct(f.sla.breachRate)})`],
			['Still within the deadline', num(f.sla.pending)],
			['A person\u2019s first answer, median / p90', `${minutes(f.firstResponse.medianMinutes)} / ${minutes(f.firstResponse.p90Minutes)}`],
			['Still waiting for a person', num(f.firstResponse.waiting)],
		],
	);
	const csatRows = [
		...Object.entries(csat.byTier).map(([k, m]) => [`Tier ${esc(k)}`, m.mean === null ? '—' : m.mean.toFixed(2), num(m.answered)]),
		...Object.entries(csat.byResolver).map(([k, m]) => [k === 'ai' ? 'Resolved by the AI' : k === 'agent' ? 'Resolved by a person' : esc(k), m.mean === null ? '—' : m.mean.toFixed(2), num(m.answered)]),
	];
	const csatTable = csat.answered
		? `${table(['Group', 'Average', 'Answers'], csatRows)}<p style="font-size:13px;color:#374151;">4–5: ${pct(csat.satisfied)} · 1–2: ${pct(csat.unhappy)} · scores 1…5: ${csat.counts.map((n) => num(n)).join(' / ')}</p>`
		: '<p style="font-size:14px;color:#6b7280;">No CSAT answers in this period.</p>';
	const channels = table(['Channel', 'Cases'], Object.entries(f.byChannel).map(([k, n]) => [esc(k), num(n)]));

	let gaps = '';
	if (f.gaps) {
		const topics = f.gaps.topics.map((t, i) => {
			const draft = t.policy
				? '<div style="font-size:13px;color:#6b7280;">Goes to a person by rule: no entry would change its route.</div>'
				: `<div style="font-size:13px;margin-top:4px;"><b>Draft entry</b>${t.draft.extends ? ` (add to “${esc(t.draft.extends)}”)` : ''}: ${t.draft.questions.slice(0, 4).map((q) => `“${esc(q)}”`).join(', ')}<br>${t.draft.needsAnswer ? '<i style="color:#b45309;">needs an answer written</i>' : `<span style="color:#374151;">${esc(t.draft.answer)}</span>`}</div>`;
			return `<tr><td style="${CELL}vertical-align:top;">${i + 1}</td><td style="${CELL}"><b>${esc(t.label)}</b> <span style="color:#6b7280;">(${esc(t.language)}, ${num(t.size)} tickets, ${pct(t.share)}${t.nearest ? `, nearest entry ${esc(t.nearest.title)} ${t.nearest.similarity.toFixed(2)}` : ''})</span><div style="font-size:13px;color:#374151;">“${esc(t.representative)}”</div>${draft}</td></tr>`;
		});
		gaps = `<h2 style="${H2}">Top knowledge gaps</h2><p style="font-size:13px;color:#374151;">${num(f.gaps.unanswered)} cases the AI did not resolve; ${num(f.gaps.clustered)} of them fall in topics of three or more.</p>${
			topics.length ? `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;">${topics.join('')}</table>` : '<p style="font-size:14px;color:#6b7280;">No recurring topic.</p>'
		}`;
	}

	const suggestions = suggestionsSection(f);

	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:Arial,Helvetica,sans-serif;color:#111827;">
<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse;background:#f3f4f6;"><tr><td style="padding:16px;">
<table role="presentation" cellpadding="0" cellspacing="0" style="max-width:640px;width:100%;margin:0 auto;background:#ffffff;border-collapse:collapse;"><tr><td style="padding:20px;">
<h1 style="font-size:20px;margin:0 0 4px;">${esc(title)}</h1>
<p style="font-size:13px;color:#6b7280;margin:0 0 12px;">${esc(when(f.window.from))} to ${esc(when(f.window.to))} (last ${esc(f.window.name)})</p>
${tiles}
<h2 style="${H2}">Escalations by reason</h2>${reasons}
<h2 style="${H2}">SLA</h2>${sla}
<h2 style="${H2}">Customer satisfaction</h2>${csatTable}
<h2 style="${H2}">Tiers and channels</h2>${tiers}<div style="height:8px;"></div>${channels}
<p style="font-size:13px;color:#374151;">Off hours: ${num(f.offHours.cases)} cases (${pct(f.offHours.share)}).</p>
${gaps}
${suggestions}
</td></tr></table></td></tr></table></body></html>`;
}
