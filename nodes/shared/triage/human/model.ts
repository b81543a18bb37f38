/**
 * The needs-a-human classifier: L2-regularised logistic regression trained by seeded SGD over sparse
 * features, then Platt-scaled (score = sigmoid(a·z + b)) on a dev split so that a score of 0.8 means
 * about 80 % of such tickets need a person. Hand-written: the model is a dot product and a dozen
 * lines of training, smaller and faster than any ML library's general machinery.
 */
import { seededRandom, shuffleInPlace } from '../../intent/random';
import { FEATURE_COUNT, TEXT_BUCKETS, type HumanFeatures } from './features';

export interface TrainingOptions {
	epochs: number;
	learningRate: number;
	l2: number;
	seed: number;
}

// Picked on the corpus dev split with knowledge scores (scripts/triage-corpus/evaluate.js --knowledge), never on a held-out set.
export const DEFAULT_HUMAN_TRAINING: TrainingOptions = { epochs: 15, learningRate: 0.6, l2: 3e-4, seed: 1201 };

export interface LabelledFeatures {
	features: HumanFeatures;
	label: 0 | 1;
}

export interface HumanPrediction {
	/** Calibrated probability that the ticket needs a person, 0–1. */
	score: number;
	/** Raw logit parts before calibration: the words, and the lexicon/knowledge evidence. */
	textLogit: number;
	evidenceLogit: number;
}

export class HumanModel {
	constructor(
		readonly hash: string,
		readonly weights: Float32Array,
		readonly bias: number,
		readonly calibration: { a: number; b: number },
	) {
		if (weights.length !== FEATURE_COUNT) throw new Error(`needs-a-human model: ${weights.length} weights, expected ${FEATURE_COUNT}`);
	}

	/** `count`: how many of the features' entries to read (all by default; less for shared buffers). */
	logit(features: HumanFeatures, count = features.indices.length): { text: number; evidence: number } {
		let text = 0;
		let evidence = 0;
		const { indices, values } = features;
		for (let k = 0; k < count; k++) {
			const part = this.weights[indices[k]] * values[k];
			if (indices[k] < TEXT_BUCKETS) text += part;
			else evidence += part;
		}
		return { text, evidence };
	}

	predict(features: HumanFeatures, count = features.indices.length): HumanPrediction {
		const { text, evidence } = this.logit(features, count);
		const z = text + evidence + this.bias;
		return { score: sigmoid(this.calibration.a * z + this.calibration.b), textLogit: text, evidenceLogit: evidence };
	}

	/** The uncalibrated logit, for calibration. */
	raw(features: HumanFeatures): number {
		const { text, evidence } = this.logit(features);
		return text + evidence + this.bias;
	}
}

export function sigmoid(z: number): number {
	return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** SGD on the log loss with lazy-free L2 (applied to the touched weights only, scaled by the step). */
export function trainLogistic(rows: readonly LabelledFeatures[], options: TrainingOptions = DEFAULT_HUMAN_TRAINING): { weights: Float32Array; bias: number } {
	const weights = new Float32Array(FEATURE_COUNT);
	let bias = 0;
	const order = rows.map((_, i) => i);
	const random = seededRandom(options.seed);
	// Class weights balance positives and negatives, so the bias does not just learn the corpus's mix.
	const positives = rows.filter((row) => row.label === 1).length;
	const weightOf = [rows.length / (2 * Math.max(1, rows.length - positives)), rows.length / (2 * Math.max(1, positives))];
	for (let epoch = 0; epoch < options.epochs; epoch++) {
		shuffleInPlace(order, random);
		const rate = options.learningRate / (1 + epoch * 0.5);
		for (const i of order) {
			const { features, label } = rows[i];
			let z = bias;
			for (let k = 0; k < features.indices.length; k++) z += weights[features.indices[k]] * features.values[k];
			const gradient = (sigmoid(z) - label) * weightOf[label];
			for (let k = 0; k < features.indices.length; k++) {
				const index = features.indices[k];
				weights[index] -= rate * (gradient * features.values[k] + options.l2 * weights[index]);
			}
			bias -= rate * gradient;
		}
	}
	return { weights, bias };
}

/** Platt scaling: a and b minimising the log loss of sigmoid(a·z + b) on held-back logits (Newton steps). */
export function plattScale(logits: readonly number[], labels: readonly (0 | 1)[]): { a: number; b: number } {
	if (logits.length === 0) return { a: 1, b: 0 };
	// Platt's smoothed targets keep a separable dev split from driving a to infinity.
	const positives = labels.filter((label) => label === 1).length;
	const high = (positives + 1) / (positives + 2);
	const low = 1 / (logits.length - positives + 2);
	let a = 1;
	let b = 0;
	for (let iteration = 0; iteration < 50; iteration++) {
		let ga = 0;
		let gb = 0;
		let haa = 1e-9;
		let hab = 0;
		let hbb = 1e-9;
		for (let i = 0; i < logits.length; i++) {
			const p = sigmoid(a * logits[i] + b);
			const t = labels[i] === 1 ? high : low;
			const w = p * (1 - p);
			ga += (p - t) * logits[i];
			gb += p - t;
			haa += w * logits[i] * logits[i];
			hab += w * logits[i];
			hbb += w;
		}
		const det = haa * hbb - hab * hab;
		if (Math.abs(det) < 1e-12) break;
		const da = (hbb * ga - hab * gb) / det;
		const db = (haa * gb - hab * ga) / det;
		a -= da;
		b -= db;
		if (Math.abs(da) + Math.abs(db) < 1e-7) break;
	}
	return { a, b };
}

export interface CalibrationReport {
	count: number;
	brier: number;
	/** Expected calibration error over ten equal-width bins. */
	ece: number;
	logLoss: number;
}

export function calibrationReport(scores: readonly number[], labels: readonly (0 | 1)[]): CalibrationReport {
	const bins = Array.from({ length: 10 }, () => ({ n: 0, p: 0, y: 0 }));
	let brier = 0;
	let logLoss = 0;
	for (let i = 0; i < scores.length; i++) {
		const p = scores[i];
		const y = labels[i];
		brier += (p - y) ** 2;
		logLoss -= y === 1 ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12));
		const bin = bins[Math.min(9, Math.floor(p * 10))];
		bin.n++;
		bin.p += p;
		bin.y += y;
	}
	const n = Math.max(1, scores.length);
	const ece = bins.reduce((sum, bin) => sum + (bin.n ? Math.abs(bin.p / bin.n - bin.y / bin.n) * bin.n : 0), 0) / n;
	return { count: scores.length, brier: brier / n, ece, logLoss: logLoss / n };
}
