/** Scoring helpers for bench:quality: accuracy, out-of-scope recall and timing of the intent model. */
import type { IntentPrediction } from '../../nodes/shared/intent';
import type { TrainedIntentModel } from '../../nodes/shared/intent/model';
import type { LabelledRow } from './datasets';

export interface Scored {
	row: LabelledRow;
	prediction: IntentPrediction;
}

export function predictAll(model: TrainedIntentModel, rows: readonly LabelledRow[]): { scored: Scored[]; msPerTicket: number } {
	// One warm-up pass so the timing measures steady state, as in a long-running n8n.
	for (const row of rows.slice(0, 50)) model.predict(row.text, row.language);
	// CPU time of this process: on a shared machine wall time mostly measures the neighbours.
	const cpu = process.cpuUsage();
	const scored = rows.map((row) => ({ row, prediction: model.predict(row.text, row.language) }));
	const used = process.cpuUsage(cpu);
	return { scored, msPerTicket: (used.user + used.system) / 1000 / Math.max(rows.length, 1) };
}

/** Share of in-scope rows whose top intent is right (no threshold). */
export function accuracy(scored: readonly Scored[]): number {
	const inScope = scored.filter((s) => s.row.intent);
	return inScope.filter((s) => s.prediction.intent === s.row.intent).length / Math.max(inScope.length, 1);
}

export interface ThresholdPoint {
	threshold: number;
	/** In-scope rows answered with the right intent (a rejected in-scope row counts as wrong). */
	inScopeAccuracy: number;
	/** Out-of-scope rows not answered. */
	oosRecall: number;
	/** Share of all rows answered. */
	answered: number;
}

export function atThreshold(scored: readonly Scored[], threshold: number): ThresholdPoint {
	const inScope = scored.filter((s) => s.row.intent);
	const oos = scored.filter((s) => !s.row.intent);
	return {
		threshold,
		inScopeAccuracy: inScope.filter((s) => s.prediction.score >= threshold && s.prediction.intent === s.row.intent).length / Math.max(inScope.length, 1),
		oosRecall: oos.filter((s) => s.prediction.score < threshold).length / Math.max(oos.length, 1),
		answered: scored.filter((s) => s.prediction.score >= threshold).length / Math.max(scored.length, 1),
	};
}

/** Expected calibration error of the confidence over 10 bins (in-scope rows). */
export function calibrationError(scored: readonly Scored[]): number {
	const inScope = scored.filter((s) => s.row.intent);
	const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, correct: 0 }));
	for (const s of inScope) {
		const bin = bins[Math.min(9, Math.floor(s.prediction.confidence * 10))];
		bin.n++;
		bin.confidence += s.prediction.confidence;
		bin.correct += s.prediction.intent === s.row.intent ? 1 : 0;
	}
	return bins.reduce((sum, bin) => sum + (bin.n ? (bin.n / inScope.length) * Math.abs(bin.confidence / bin.n - bin.correct / bin.n) : 0), 0);
}

/** Deterministic k-fold split: row i goes to fold i mod k within its intent, so folds are stratified. */
export function stratifiedFolds(rows: readonly LabelledRow[], k: number): number[] {
	const seen = new Map<string, number>();
	return rows.map((row) => {
		const n = seen.get(row.intent) ?? 0;
		seen.set(row.intent, n + 1);
		return n % k;
	});
}
