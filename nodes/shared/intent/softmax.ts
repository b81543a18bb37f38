/**
 * Multinomial logistic regression trained by plain SGD over sparse TF-IDF vectors. Hand-written
 * because no maintained npm package trains sparse softmax regression fast enough (tens of
 * thousands of features × 150 classes in seconds) without native code.
 *
 * Weights are stored feature-major (w[feature * classes + class]) so a sparse input touches a few
 * contiguous rows. L2 decay uses the scale trick (Bottou 2012): the true weights are
 * `scale * stored`, so decaying every weight costs one multiplication per step.
 */
import { seededRandom, shuffleInPlace } from './random';
import type { SparseVector } from './features';

export interface SoftmaxConfig {
	epochs: number;
	learningRate: number;
	l2: number;
	seed: number;
	/** Weight each example by 1 / its class's share, so small intents are not drowned out. */
	balanced: boolean;
}

// Tuned on Banking77 train/validation (bench:quality): a high rate with light decay fits best.
export const DEFAULT_SOFTMAX: SoftmaxConfig = { epochs: 10, learningRate: 3, l2: 1e-7, seed: 77, balanced: true };

export interface SoftmaxWeights {
	classes: number;
	features: number;
	weights: Float32Array;
	bias: Float32Array;
}

export function logits(model: SoftmaxWeights, x: SparseVector, out: Float64Array = new Float64Array(model.classes)): Float64Array {
	const { classes, weights, bias } = model;
	const { indices, values } = x;
	// Feature by feature, reading each weight row contiguously: each class still adds its terms in
	// input order, so the logits are bit for bit the class-by-class sums.
	for (let c = 0; c < classes; c++) out[c] = bias[c];
	for (let k = 0; k < indices.length; k++) {
		const value = values[k];
		const row = indices[k] * classes;
		for (let c = 0; c < classes; c++) out[c] += value * weights[row + c];
	}
	return out;
}

/** Softmax in place, with a temperature; returns the same array. */
export function softmaxInPlace(scores: Float64Array, temperature = 1): Float64Array {
	let max = -Infinity;
	for (let c = 0; c < scores.length; c++) if (scores[c] > max) max = scores[c];
	let sum = 0;
	for (let c = 0; c < scores.length; c++) {
		scores[c] = Math.exp((scores[c] - max) / temperature);
		sum += scores[c];
	}
	for (let c = 0; c < scores.length; c++) scores[c] /= sum;
	return scores;
}

/** A 32-bit mix of an example's key and the epoch (murmur3's finaliser): the example's place in that epoch's order. */
function epochRank(key: number, epoch: number): number {
	let h = (key ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0;
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
	return (h ^ (h >>> 16)) >>> 0;
}

/**
 * With `keys` (one per example, from its content), each epoch visits the examples in the order of
 * their keys mixed with the epoch, instead of a seeded shuffle of their positions. Adding or
 * removing one example then leaves every other example's order as it was, so retraining a
 * knowledge base with one new entry changes the other entries' scores by what the entry takes,
 * not by a new random order: with a positional shuffle, adding one duplicate question moved 41 of
 * the demo's 1,644 tickets across the answer threshold, with keys none. The keys replace the seed.
 */
export function trainSoftmax(xs: readonly SparseVector[], ys: readonly number[], classes: number, features: number, config: SoftmaxConfig, keys?: ArrayLike<number>): SoftmaxWeights {
	if (keys && keys.length !== xs.length) throw new Error(`trainSoftmax: ${keys.length} keys for ${xs.length} examples`);
	// Float64 while training: V8 does float64 arithmetic natively; float32 only for storage.
	const weights = new Float64Array(features * classes);
	const bias = new Float64Array(classes);
	const counts = new Float64Array(classes);
	for (const y of ys) counts[y]++;
	const exampleWeight = (y: number) => (config.balanced ? xs.length / (classes * counts[y]) : 1);

	const random = seededRandom(config.seed);
	const order = xs.map((_, i) => i);
	const totalSteps = config.epochs * xs.length;
	const scores = new Float64Array(classes);
	let scale = 1;
	let step = 0;
	for (let epoch = 0; epoch < config.epochs; epoch++) {
		if (keys) {
			const rank = Float64Array.from({ length: xs.length }, (_, i) => epochRank(keys[i], epoch));
			// Equal keys are equal examples (same text and class), so their order between them cannot matter.
			order.sort((a, b) => rank[a] - rank[b] || a - b);
		} else shuffleInPlace(order, random);
		for (const i of order) {
			// Linear decay to a tenth of the starting rate: fast early progress, stable end.
			const rate = config.learningRate * (1 - (0.9 * step) / totalSteps);
			step++;
			const x = xs[i];
			const y = ys[i];
			for (let c = 0; c < classes; c++) scores[c] = bias[c];
			for (let k = 0; k < x.indices.length; k++) {
				const row = x.indices[k] * classes;
				const value = x.values[k] * scale;
				for (let c = 0; c < classes; c++) scores[c] += value * weights[row + c];
			}
			softmaxInPlace(scores);
			const w = exampleWeight(y);
			scores[y] -= 1;
			for (let c = 0; c < classes; c++) scores[c] *= w;
			scale *= 1 - rate * config.l2;
			const stepOverScale = rate / scale;
			for (let k = 0; k < x.indices.length; k++) {
				const row = x.indices[k] * classes;
				const value = x.values[k] * stepOverScale;
				for (let c = 0; c < classes; c++) weights[row + c] -= value * scores[c];
			}
			for (let c = 0; c < classes; c++) bias[c] -= rate * scores[c];
			if (scale < 1e-6) {
				for (let j = 0; j < weights.length; j++) weights[j] *= scale;
				scale = 1;
			}
		}
	}
	if (scale !== 1) for (let j = 0; j < weights.length; j++) weights[j] *= scale;
	return { classes, features, weights: Float32Array.from(weights), bias: Float32Array.from(bias) };
}
