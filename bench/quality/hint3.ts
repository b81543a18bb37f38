/**
 * HINT3 rows of bench:quality. HINT3's train files have no out-of-scope rows (its real ones are in
 * the held-back test sets), so out-of-scope recall is measured two honest ways, on train only:
 * - held-out intents: 5 folds, each hides a fifth of the intents from training and asks the model
 *   about their rows (in-domain questions the base cannot answer: the hard case);
 * - foreign texts: BANKING77 validation rows and CLINC150 validation out-of-scope rows, asked of
 *   each 5-fold CV model (the background class is built from CLINC150 train, never validation, so
 *   BANKING77 is the cleaner of the two).
 * In-scope accuracy is answered-and-right over in-scope rows, from the ordinary 5-fold CV.
 */
import * as path from 'path';
import { trainIntentModel } from '../../nodes/shared/intent/train';
import type { TrainedIntentModel } from '../../nodes/shared/intent/model';
import { entriesFromRows, readRows, type LabelledRow } from './datasets';
import { stratifiedFolds } from './evaluate';

/** The HINT3 paper's best platform per business at its best threshold (Arora et al. 2020): in-scope accuracy / OOS recall. */
export const HINT3_PAPER: Record<string, { platform: string; inScope: number; oosRecall: number }> = {
	sofmattress: { platform: 'Dialogflow', inScope: 0.719, oosRecall: 0.645 },
	curekart: { platform: 'Haptik', inScope: 0.604, oosRecall: 0.868 },
	powerplay11: { platform: 'Haptik', inScope: 0.615, oosRecall: 0.617 },
};

export interface Hint3Result {
	business: string;
	intents: number;
	rows: number;
	threshold: number;
	/** 5-fold CV, top intent right (no threshold). */
	accuracy: number;
	/** 5-fold CV, answered at the threshold with the right intent. */
	inScopeAccuracy: number;
	oosRecallHeldOutIntents: number;
	oosRecallBanking77: number;
	oosRecallClinc150: number;
}

const FOLDS = 5;

export function evaluateHint3(root: string, business: string, threshold: number): Hint3Result {
	const rows = readRows(path.join(root, 'hint3', `${business}-train.csv`)).filter((r) => r.intent);
	const banking = readRows(path.join(root, 'banking77', 'validation.csv')).map((r) => r.text);
	const clincOos = readRows(path.join(root, 'clinc150', 'validation.csv'))
		.filter((r) => !r.intent)
		.map((r) => r.text);
	const folds = stratifiedFolds(rows, FOLDS);
	const answered = (model: TrainedIntentModel, text: string) => model.predict(text, 'en').score >= threshold;

	let right = 0;
	let rightAnswered = 0;
	let bankingRejected = 0;
	let clincRejected = 0;
	for (let fold = 0; fold < FOLDS; fold++) {
		const model = train(`${business}-cv-${fold}`, rows.filter((_, i) => folds[i] !== fold));
		rows.forEach((row, i) => {
			if (folds[i] !== fold) return;
			const prediction = model.predict(row.text, row.language);
			if (prediction.intent !== row.intent) return;
			right++;
			if (prediction.score >= threshold) rightAnswered++;
		});
		bankingRejected += banking.filter((text) => !answered(model, text)).length;
		clincRejected += clincOos.filter((text) => !answered(model, text)).length;
	}

	// Intents sorted by name, every fifth hidden per fold: no choice of which intents are hard.
	const intents = [...new Set(rows.map((r) => r.intent))].sort();
	const hiddenIn = new Map(intents.map((intent, index) => [intent, index % FOLDS]));
	let hiddenRows = 0;
	let hiddenRejected = 0;
	for (let fold = 0; fold < FOLDS; fold++) {
		const model = train(`${business}-lio-${fold}`, rows.filter((r) => hiddenIn.get(r.intent) !== fold));
		for (const row of rows.filter((r) => hiddenIn.get(r.intent) === fold)) {
			hiddenRows++;
			if (!answered(model, row.text)) hiddenRejected++;
		}
	}
	return {
		business,
		intents: intents.length,
		rows: rows.length,
		threshold,
		accuracy: right / rows.length,
		inScopeAccuracy: rightAnswered / rows.length,
		oosRecallHeldOutIntents: hiddenRejected / Math.max(hiddenRows, 1),
		oosRecallBanking77: bankingRejected / (FOLDS * Math.max(banking.length, 1)),
		oosRecallClinc150: clincRejected / (FOLDS * Math.max(clincOos.length, 1)),
	};
}

// A distinct hash per model: predictions are cached by model hash and text.
function train(name: string, rows: readonly LabelledRow[]): TrainedIntentModel {
	return trainIntentModel(`hint3-${name}`, entriesFromRows(rows));
}

export function hint3Table(results: readonly Hint3Result[]): string {
	const pct = (x: number) => (x * 100).toFixed(1) + ' %';
	const lines = [
		`HINT3 (train rows only; threshold ${results[0]?.threshold ?? '–'} on the out-of-scope aware score). Out-of-scope recall measured on hidden intents (5 folds, a fifth of the intents hidden each) and on foreign texts; the paper's figures are on its held-back test set.`,
		'',
		'| business | intents | rows | accuracy (5-fold CV) | in-scope acc | OOS recall: hidden intents | OOS recall: BANKING77 val | OOS recall: CLINC150 val OOS | paper best platform (in-scope / OOS recall) |',
		'|---|---|---|---|---|---|---|---|---|',
	];
	for (const r of results) {
		const paper = HINT3_PAPER[r.business];
		lines.push(
			`| ${r.business} | ${r.intents} | ${r.rows} | ${pct(r.accuracy)} | ${pct(r.inScopeAccuracy)} | ${pct(r.oosRecallHeldOutIntents)} | ${pct(r.oosRecallBanking77)} | ${pct(r.oosRecallClinc150)} | ${paper ? `${pct(paper.inScope)} / ${pct(paper.oosRecall)} (${paper.platform})` : '–'} |`,
		);
	}
	return lines.join('\n');
}
