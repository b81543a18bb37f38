/**
 * Scores the hand-written held-out set (bench/heldout/, see its PROVENANCE.md): each business's file
 * is replayed through its own template on the in-process engine, and the outcomes are scored per
 * business, per language and per category. Report only: nothing here may be used to tune.
 *
 * Run on its own: `node dist/bench/heldout-score.js [--limit N] [--json out.json]`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'csv-parse/sync';
import { createEngine, readWorkflowFile, REPO_ROOT, type Engine } from '../simulator/engine';
import { replay } from '../simulator/replay/replay';
import type { TicketOutcome } from '../simulator/replay/outcome';

export interface HeldoutBusiness {
	business: string;
	tickets: string;
	workflow: string;
}

export const HELDOUT_BUSINESSES: HeldoutBusiness[] = [
	{ business: 'store', tickets: path.join(REPO_ROOT, 'bench', 'heldout', 'store.csv'), workflow: path.join(REPO_ROOT, 'workflows', 'support-247-tiered.json') },
	{ business: 'clinic', tickets: path.join(REPO_ROOT, 'bench', 'heldout', 'clinic.csv'), workflow: path.join(REPO_ROOT, 'workflows', 'dental-clinic-whatsapp.json') },
];

/** Shares are null when their denominator is empty (e.g. a slice with no automatable ticket). */
export interface HeldoutFigures {
	tickets: number;
	needsHuman: number;
	automatable: number;
	escalationAccuracy: number | null;
	needsHumanRecall: number | null;
	/** The AI ended at L1/L2 with an answer on a ticket that needed a person, over needs-human tickets. */
	wrongAnswerRisk: number | null;
	tierAccuracy: number | null;
	/** Automatable tickets the AI ended at L1/L2 with an answer. */
	aiResolution: number | null;
	/** Automatable tickets sent to a person. */
	falseEscalation: number | null;
}

export interface HeldoutCategory {
	business: string;
	category: string;
	needsHuman: boolean;
	tickets: number;
	/** Share escalated to L3/L4: recall for needs-human categories, false escalation for the others. */
	escalated: number;
	tierAccuracy: number | null;
}

export interface HeldoutRow extends HeldoutFigures {
	business: string;
	language: string;
}

export interface HeldoutReport {
	rows: HeldoutRow[];
	categories: HeldoutCategory[];
	rejected: { business: string; line: number; reason: string }[];
	lost: number;
	/** Tickets that failed inside the engine (they are also lost): a figure over them is no figure. */
	failed: number;
	firstError?: string;
}

interface Scored {
	business: string;
	language: string;
	category: string;
	needsHuman: boolean;
	expectedTier?: string;
	tier?: string;
	aiResolved: boolean;
}

const ratio = (count: number, total: number): number | null => (total === 0 ? null : count / total);
const escalatedTier = (tier?: string) => tier === 'L3' || tier === 'L4';

export function figures(items: readonly Scored[]): HeldoutFigures {
	const human = items.filter((s) => s.needsHuman);
	const automatable = items.filter((s) => !s.needsHuman);
	const withTier = items.filter((s) => s.expectedTier);
	return {
		tickets: items.length,
		needsHuman: human.length,
		automatable: automatable.length,
		escalationAccuracy: ratio(items.filter((s) => escalatedTier(s.tier) === s.needsHuman).length, items.length),
		needsHumanRecall: ratio(human.filter((s) => escalatedTier(s.tier)).length, human.length),
		wrongAnswerRisk: ratio(human.filter((s) => s.aiResolved).length, human.length),
		tierAccuracy: ratio(withTier.filter((s) => s.tier === s.expectedTier).length, withTier.length),
		aiResolution: ratio(automatable.filter((s) => s.aiResolved).length, automatable.length),
		falseEscalation: ratio(automatable.filter((s) => escalatedTier(s.tier)).length, automatable.length),
	};
}

/** id -> language and category, read from the file itself: the replay's labels do not carry them. */
function readExtras(file: string): Map<string, { language: string; category: string }> {
	const records = parse(fs.readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
	return new Map(records.map((r) => [r.id, { language: r.language || '?', category: r.category || 'uncategorised' }]));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
	return groups;
}

export interface ScoreOptions {
	businesses?: HeldoutBusiness[];
	/** Replay only the first N rows of each file (tests). */
	limit?: number;
	engine?: Engine;
	/** Every outcome with its file's category, for a development set's miss list (never for the held-out set). */
	onOutcome?: (business: string, outcome: TicketOutcome, category: string) => void;
}

export async function scoreHeldout(options: ScoreOptions = {}): Promise<HeldoutReport> {
	const engine = options.engine ?? (await createEngine());
	const scored: Scored[] = [];
	const rejected: HeldoutReport['rejected'] = [];
	let lost = 0;
	let failed = 0;
	let firstError: string | undefined;
	for (const { business, tickets, workflow } of options.businesses ?? HELDOUT_BUSINESSES) {
		const extras = readExtras(tickets);
		const outcomes: TicketOutcome[] = [];
		const report = await replay({
			workflow: readWorkflowFile(workflow),
			workflowName: path.basename(workflow),
			tickets,
			zone: 'America/Mexico_City',
			holidayCountry: 'MX',
			limit: options.limit,
			engine,
			onOutcome: (outcome) => outcomes.push(outcome),
		});
		for (const r of report.rejectedRows ?? []) rejected.push({ business, line: r.line, reason: r.reason });
		for (const outcome of outcomes) {
			if (!outcome.tier) lost++;
			if (outcome.error) {
				failed++;
				firstError ??= `${business} ${outcome.id}: ${outcome.error}`;
			}
			const extra = extras.get(outcome.id);
			options.onOutcome?.(business, outcome, extra?.category ?? 'uncategorised');
			scored.push({
				business,
				language: extra?.language ?? outcome.language ?? '?',
				category: extra?.category ?? 'uncategorised',
				needsHuman: outcome.labels.needsHuman === true,
				expectedTier: outcome.labels.expectedTier,
				tier: outcome.tier,
				aiResolved: outcome.aiResolved,
			});
		}
	}
	const rows: HeldoutRow[] = [];
	for (const [business, items] of groupBy(scored, (s) => s.business)) {
		rows.push({ business, language: 'all', ...figures(items) });
		for (const [language, byLanguage] of [...groupBy(items, (s) => s.language)].sort(([a], [b]) => a.localeCompare(b))) {
			rows.push({ business, language, ...figures(byLanguage) });
		}
	}
	for (const [language, items] of [...groupBy(scored, (s) => s.language)].sort(([a], [b]) => a.localeCompare(b))) {
		rows.push({ business: 'both', language, ...figures(items) });
	}
	rows.push({ business: 'both', language: 'all', ...figures(scored) });
	const categories: HeldoutCategory[] = [];
	for (const [key, items] of [...groupBy(scored, (s) => `${s.business}\t${s.category}`)].sort(([a], [b]) => a.localeCompare(b))) {
		const [business, category] = key.split('\t');
		categories.push({
			business,
			category,
			needsHuman: items[0].needsHuman,
			tickets: items.length,
			escalated: items.filter((s) => escalatedTier(s.tier)).length / items.length,
			tierAccuracy: figures(items).tierAccuracy,
		});
	}
	return { rows, categories, rejected, lost, failed, ...(firstError ? { firstError } : {}) };
}

const pct = (x: number | null) => (x === null ? '–' : (x * 100).toFixed(1) + ' %');

/** Markdown tables: figures per business and language, then recall / false escalation per category. */
export function formatHeldout(report: HeldoutReport): string {
	const lines = [
		'| business | language | tickets | needs human | escalation acc. | needs-human recall | wrong-answer risk | tier acc. | AI resolution (automatable) | false escalation |',
		'|---|---|---|---|---|---|---|---|---|---|',
		...report.rows.map(
			(r) =>
				`| ${r.business} | ${r.language} | ${r.tickets} | ${r.needsHuman} | ${pct(r.escalationAccuracy)} | ${pct(r.needsHumanRecall)} | ${pct(r.wrongAnswerRisk)} | ${pct(r.tierAccuracy)} | ${pct(r.aiResolution)} | ${pct(r.falseEscalation)} |`,
		),
		'',
		'| business | category | needs human | tickets | recall (needs human) / false escalation (automatable) | tier acc. |',
		'|---|---|---|---|---|---|',
		...report.categories.map((c) => `| ${c.business} | ${c.category} | ${c.needsHuman ? 'yes' : 'no'} | ${c.tickets} | ${pct(c.escalated)} ${c.needsHuman ? 'recall' : 'false esc.'} | ${pct(c.tierAccuracy)} |`),
	];
	if (report.rejected.length) lines.push('', `Rejected rows: ${report.rejected.map((r) => `${r.business} line ${r.line}: ${r.reason}`).join('; ')}`);
	if (report.lost) lines.push('', `Tickets that never left a router: ${report.lost}`);
	if (report.failed) lines.push('', `Tickets that failed inside the engine: ${report.failed} (the first: ${report.firstError})`);
	return lines.join('\n');
}

/** What bench:quality calls: prints the "Held-out set" tables and keeps the figures in bench/results/heldout.json. */
export async function printHeldoutSection(): Promise<void> {
	process.stderr.write('held-out set…\n');
	const report = await scoreHeldout();
	console.log(`\n## Held-out set\n\nHand-written store and clinic tickets, each replayed through its own template (bench/heldout/PROVENANCE.md; report only, never tuned on).\n\n${formatHeldout(report)}`);
	const out = path.join(REPO_ROOT, 'bench', 'results', 'heldout.json');
	fs.mkdirSync(path.dirname(out), { recursive: true });
	fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
	console.log(`\nWrote ${path.relative(process.cwd(), out)}`);
	assertScored(report);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const limitAt = args.indexOf('--limit');
	const jsonAt = args.indexOf('--json');
	const report = await scoreHeldout({ limit: limitAt >= 0 ? Number(args[limitAt + 1]) : undefined });
	console.log(formatHeldout(report));
	if (jsonAt >= 0) fs.writeFileSync(args[jsonAt + 1], JSON.stringify(report, null, 2) + '\n');
	assertScored(report);
}

/** Figures over tickets the engine failed would read as a (bad) model: say so and exit non-zero. */
export function assertScored(report: HeldoutReport): void {
	if (report.failed) throw new Error(`${report.failed} tickets failed inside the engine, so these figures are not the model's; the first: ${report.firstError}`);
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${(error as Error).message}\n`);
		process.exit(1);
	});
}
