/**
 * bench:quality: how well the embedded intent model (used by Support Triage and Knowledge Lookup)
 * does on public intent datasets, read in place from ../shared/datasets (or SUPPORT247_DATASETS).
 * Models are trained on train splits only and scored on validation (HINT3: 5-fold
 * cross-validation on train, since its test set is held back). Prints Markdown and writes
 * bench/results/quality.json.
 *
 * Datasets: BANKING77 (CC BY 4.0), CLINC150 (CC BY 3.0), Bitext customer support (CDLA-Sharing-1.0),
 * HINT3 (ODbL 1.0 + DbCL); see the datasets README for sources.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { DEFAULT_THRESHOLD } from '../nodes/shared/knowledge';
import { trainIntentModel } from '../nodes/shared/intent/train';
import { datasetsDir, entriesFromRows, readRows, type LabelledRow } from './quality/datasets';
import { printHeldoutSection } from './heldout-score';
import { accuracy, atThreshold, calibrationError, predictAll, stratifiedFolds, type ThresholdPoint } from './quality/evaluate';
import { evaluateHint3, hint3Table, type Hint3Result } from './quality/hint3';

const REPO_ROOT = path.resolve(__dirname, '..', ...(path.basename(path.resolve(__dirname, '..')) === 'dist' ? ['..'] : []));
const THRESHOLDS = [0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7];

interface DatasetResult {
	dataset: string;
	intents: number;
	trainRows: number;
	evalRows: number;
	accuracy: number;
	calibrationError?: number;
	msPerTicket: number;
	trainSeconds: number;
	/** CPU time of training: on a shared machine wall time says more about the neighbours. */
	trainCpuSeconds: number;
	atDefaultThreshold?: ThresholdPoint;
	thresholds?: ThresholdPoint[];
	folds?: number[];
}

function train(rows: readonly LabelledRow[]) {
	const started = performance.now();
	const cpu = process.cpuUsage();
	const model = trainIntentModel('bench', entriesFromRows(rows));
	return { model, seconds: (performance.now() - started) / 1000, cpuSeconds: process.cpuUsage(cpu).user / 1e6 };
}

function trainAndValidate(name: string, dir: string, withOos: boolean): DatasetResult {
	const trainRows = readRows(path.join(dir, 'train.csv')).filter((r) => r.intent);
	const validation = readRows(path.join(dir, 'validation.csv'));
	const { model, seconds, cpuSeconds } = train(trainRows);
	const { scored, msPerTicket } = predictAll(model, validation);
	const result: DatasetResult = {
		dataset: name,
		intents: model.intents.length,
		trainRows: trainRows.length,
		evalRows: validation.length,
		accuracy: accuracy(scored),
		calibrationError: calibrationError(scored),
		msPerTicket,
		trainSeconds: seconds,
		trainCpuSeconds: cpuSeconds,
	};
	if (withOos) {
		result.atDefaultThreshold = atThreshold(scored, DEFAULT_THRESHOLD);
		result.thresholds = THRESHOLDS.map((t) => atThreshold(scored, t));
	}
	return result;
}

function crossValidate(name: string, file: string, k = 5): DatasetResult {
	const rows = readRows(file).filter((r) => r.intent);
	const folds = stratifiedFolds(rows, k);
	const foldAccuracy: number[] = [];
	let correct = 0;
	let ms = 0;
	let seconds = 0;
	let cpuSeconds = 0;
	for (let fold = 0; fold < k; fold++) {
		const trained = train(rows.filter((_, i) => folds[i] !== fold));
		const held = rows.filter((_, i) => folds[i] === fold);
		const { scored, msPerTicket } = predictAll(trained.model, held);
		const acc = accuracy(scored);
		foldAccuracy.push(acc);
		correct += acc * held.length;
		ms += msPerTicket / k;
		seconds += trained.seconds / k;
		cpuSeconds += trained.cpuSeconds / k;
	}
	return {
		dataset: name,
		intents: new Set(rows.map((r) => r.intent)).size,
		trainRows: rows.length,
		evalRows: rows.length,
		accuracy: correct / rows.length,
		msPerTicket: ms,
		trainSeconds: seconds,
		trainCpuSeconds: cpuSeconds,
		folds: foldAccuracy,
	};
}

const pct = (x: number | undefined) => (x === undefined ? '–' : (x * 100).toFixed(1) + ' %');

function main(): void {
	const root = datasetsDir(REPO_ROOT);
	if (!fs.existsSync(root)) {
		console.error(`Datasets not found at ${root}; set SUPPORT247_DATASETS`);
		process.exitCode = 1;
		return;
	}
	const only = process.argv[2];
	const results: DatasetResult[] = [];
	const run = (name: string, job: () => DatasetResult) => {
		if (only && !name.startsWith(only)) return;
		process.stderr.write(`${name}…\n`);
		results.push(job());
	};
	run('banking77', () => trainAndValidate('banking77', path.join(root, 'banking77'), false));
	run('clinc150', () => trainAndValidate('clinc150', path.join(root, 'clinc150'), true));
	run('bitext', () => trainAndValidate('bitext', path.join(root, 'bitext'), false));
	const hint3: Hint3Result[] = [];
	for (const business of ['sofmattress', 'curekart', 'powerplay11']) {
		run(`hint3-${business}`, () => crossValidate(`hint3-${business}`, path.join(root, 'hint3', `${business}-train.csv`)));
		if (!only || `hint3-${business}`.startsWith(only)) hint3.push(evaluateHint3(root, business, DEFAULT_THRESHOLD));
	}

	console.log('| dataset | intents | train | eval | intent accuracy | ECE | OOS recall @ ' + DEFAULT_THRESHOLD + ' | in-scope acc @ ' + DEFAULT_THRESHOLD + ' | ms/ticket (CPU) | train s (CPU) |');
	console.log('|---|---|---|---|---|---|---|---|---|---|');
	for (const r of results) {
		const evalNote = r.folds ? `${r.evalRows} (5-fold CV)` : String(r.evalRows);
		console.log(
			`| ${r.dataset} | ${r.intents} | ${r.trainRows} | ${evalNote} | ${pct(r.accuracy)} | ${r.calibrationError === undefined ? '–' : r.calibrationError.toFixed(3)} | ${pct(r.atDefaultThreshold?.oosRecall)} | ${pct(r.atDefaultThreshold?.inScopeAccuracy)} | ${r.msPerTicket.toFixed(3)} | ${r.trainSeconds.toFixed(1)} (${r.trainCpuSeconds.toFixed(1)}) |`,
		);
	}
	for (const r of results.filter((x) => x.thresholds)) {
		console.log(`\n${r.dataset}: threshold on the out-of-scope aware score\n\n| threshold | in-scope accuracy | OOS recall | answered |\n|---|---|---|---|`);
		for (const t of r.thresholds ?? []) console.log(`| ${t.threshold} | ${pct(t.inScopeAccuracy)} | ${pct(t.oosRecall)} | ${pct(t.answered)} |`);
	}
	if (hint3.length > 0) console.log('\n' + hint3Table(hint3));
	const out = path.join(REPO_ROOT, 'bench', 'results', 'quality.json');
	fs.mkdirSync(path.dirname(out), { recursive: true });
	fs.writeFileSync(out, JSON.stringify({ threshold: DEFAULT_THRESHOLD, results, hint3 }, null, 2) + '\n');
	console.log(`\nWrote ${path.relative(process.cwd(), out)}`);
}

main();
// The hand-written held-out set runs with the full bench only (a dataset filter skips it).
if (!process.argv[2]) {
	printHeldoutSection().catch((error) => {
		console.error(`Held-out set: ${(error as Error).message}`);
		process.exitCode = 1;
	});
}
