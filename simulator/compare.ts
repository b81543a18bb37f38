import { readFileSync } from 'node:fs';
import type { ReplayReport } from './metrics/accumulator';

type Getter = (report: ReplayReport) => number | null | undefined;

const ROWS: Array<[string, Getter, 'pct' | 'count' | 'minutes' | 'money']> = [
	['tickets replayed', (r) => r.tickets.replayed, 'count'],
	['AI resolution rate', (r) => r.resolution.rate, 'pct'],
	['escalation accuracy', (r) => r.escalation.accuracy, 'pct'],
	['escalation precision', (r) => r.escalation.precision, 'pct'],
	['escalation recall', (r) => r.escalation.recall, 'pct'],
	['tier accuracy', (r) => r.escalation.tierAccuracy, 'pct'],
	['intent accuracy', (r) => r.intent.accuracy, 'pct'],
	['wrong-answer risk', (r) => r.wrongAnswerRisk.rate, 'pct'],
	['off-hours AI coverage', (r) => r.offHours.aiCovered, 'pct'],
	['first response median', (r) => r.firstResponse.simulated.median, 'minutes'],
	['SLA breach rate (forecast)', (r) => r.sla.forecast.rate, 'pct'],
	['cost with AI', (r) => r.cost.withAi, 'money'],
	['savings / month', (r) => r.cost.perMonth.savings, 'money'],
];

function format(value: number | null | undefined, kind: string): string {
	if (value === null || value === undefined) return '—';
	if (kind === 'pct') return `${(value * 100).toFixed(1)} %`;
	if (kind === 'minutes') return `${value} min`;
	if (kind === 'money') return value.toFixed(0);
	return String(value);
}

function delta(a: number | null | undefined, b: number | null | undefined, kind: string): string {
	if (a === null || a === undefined || b === null || b === undefined) return '';
	const d = b - a;
	if (kind === 'pct') return `${d >= 0 ? '+' : ''}${(d * 100).toFixed(1)} pt`;
	return `${d >= 0 ? '+' : ''}${Number(d.toFixed(2))}`;
}

export function readReport(file: string): ReplayReport {
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new Error(`Cannot read replay report ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
	const report = parsed as ReplayReport;
	if (!report?.tickets || !report.resolution || !report.escalation) throw new Error(`${file} is not a support-sim --json report`);
	return report;
}

/** Two replays side by side, with the change from the first to the second. */
export function compareReports(a: ReplayReport, b: ReplayReport, names: [string, string]): { text: string; rows: Array<Record<string, unknown>> } {
	const rows = ROWS.map(([label, get, kind]) => ({ metric: label, a: get(a) ?? null, b: get(b) ?? null, change: delta(get(a), get(b), kind), kind }));
	const width = Math.max(...ROWS.map(([label]) => label.length)) + 2;
	const text = [
		`${'metric'.padEnd(width)}${names[0].slice(-22).padStart(24)}${names[1].slice(-22).padStart(24)}${'change'.padStart(14)}`,
		...rows.map((row) => `${row.metric.padEnd(width)}${format(row.a, row.kind).padStart(24)}${format(row.b, row.kind).padStart(24)}${row.change.padStart(14)}`),
	].join('\n');
	return { text, rows };
}
