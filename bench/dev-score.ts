/**
 * Scores a development set of hand-written tickets (bench/dev2/, see its PROVENANCE.md) the way the
 * held-out set is scored, and writes every miss with its reasons, so the model can be worked on.
 * Unlike bench/heldout/, this set is for tuning: its writer never saw the held-out set or the corpus.
 *
 *   node dist/bench/dev-score.js [--set dev2|…|dev13] [--misses out/<set>-misses.jsonl]
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../simulator/engine';
import type { TicketOutcome } from '../simulator/replay/outcome';
import { assertScored, formatHeldout, scoreHeldout, type HeldoutBusiness } from './heldout-score';

/** A development set's store and clinic files, each with its own template. */
export function devBusinesses(dir: string): HeldoutBusiness[] {
	return [
		{ business: 'store', tickets: path.join(dir, 'store.csv'), workflow: path.join(REPO_ROOT, 'workflows', 'support-247-tiered.json') },
		{ business: 'clinic', tickets: path.join(dir, 'clinic.csv'), workflow: path.join(REPO_ROOT, 'workflows', 'dental-clinic-whatsapp.json') },
	].filter((b) => fs.existsSync(b.tickets));
}

export const DEV_BUSINESSES = devBusinesses(path.join(REPO_ROOT, 'bench', 'dev2'));

const escalated = (tier?: string) => tier === 'L3' || tier === 'L4';

function missKind(outcome: TicketOutcome): string | undefined {
	const needsHuman = outcome.labels.needsHuman === true;
	if (needsHuman && !escalated(outcome.tier)) return outcome.aiResolved ? 'wrong-answer' : 'missed';
	if (!needsHuman && escalated(outcome.tier)) return 'needless';
	return undefined;
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const missesAt = args.indexOf('--misses');
	const setAt = args.indexOf('--set');
	const set = setAt >= 0 ? args[setAt + 1] : 'dev2';
	const businesses = devBusinesses(path.join(REPO_ROOT, 'bench', set));
	if (businesses.length === 0) throw new Error(`bench/${set}/ holds neither store.csv nor clinic.csv`);
	const missesFile = missesAt >= 0 ? args[missesAt + 1] : path.join(REPO_ROOT, 'out', `${set}-misses.jsonl`);
	const misses: string[] = [];
	const report = await scoreHeldout({
		businesses,
		onOutcome: (business, outcome, category) => {
			const kind = missKind(outcome);
			if (!kind) return;
			const { id, text, tier, reasons, triageIntent, confidence, knowledgeScore, labels } = outcome;
			misses.push(JSON.stringify({ kind, business, category, id, tier, expected: labels.expectedTier, triageIntent, confidence, knowledgeScore, reasons, text }));
		},
	});
	console.log(formatHeldout(report));
	fs.mkdirSync(path.dirname(missesFile), { recursive: true });
	fs.writeFileSync(missesFile, misses.join('\n') + (misses.length ? '\n' : ''));
	console.log(`\n${misses.length} misses written to ${path.relative(process.cwd(), missesFile)}`);
	assertScored(report);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
