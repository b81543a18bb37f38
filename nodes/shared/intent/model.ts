/** A trained intent model: vectorizer + softmax weights + temperature + class centroids. */
import { resolveLanguage, type TextLanguage } from '../text';
import { hashOf } from '../text/hash64';
import type { SparseVector, Vectorizer } from './features';
import { logits, softmaxInPlace, type SoftmaxWeights } from './softmax';
import type { IntentModel, IntentPrediction } from './types';

const TOP_K = 5;

export interface ModelParts {
	hash: string;
	intents: string[];
	languages: TextLanguage[];
	vectorizer: Vectorizer;
	softmax: SoftmaxWeights;
	temperature: number;
	/** Feature-major like the weights: centroids[feature * classes + class], each class L2-normalised. */
	centroids: Float32Array;
}

/** How much the similarity to the class centroid counts in the out-of-scope score. */
const SIMILARITY_WEIGHT = 0.5;

/**
 * Support Triage and Knowledge Lookup ask the same model about the same message one node apart;
 * a small cache of recent answers spares the second featurisation. Keyed by a 64-bit hash and the
 * length of the text (never the text itself, which would keep every long message alive), so it is
 * safe across executions and processes.
 */
const RECENT_LIMIT = 4096;
const recent = new Map<string, IntentPrediction>();

export class TrainedIntentModel implements IntentModel {
	readonly hash: string;
	readonly intents: readonly string[];
	constructor(readonly parts: ModelParts) {
		this.hash = parts.hash;
		this.intents = parts.intents;
	}

	vectorize(text: string, language?: string): SparseVector {
		const lang = resolveLanguage(text, language, this.parts.languages);
		return this.parts.vectorizer.transform(text, lang);
	}

	predict(text: string, language?: string): IntentPrediction {
		const { a, b } = hashOf(text);
		const key = `${this.hash}\u0000${language ?? ''}\u0000${a}:${b}:${text.length}`;
		const hit = recent.get(key);
		if (hit) return hit;
		const prediction = this.predictVector(this.vectorize(text, language));
		if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
		recent.set(key, prediction);
		return prediction;
	}

	predictVector(x: SparseVector): IntentPrediction {
		const { softmax, temperature, centroids, intents } = this.parts;
		const classes = softmax.classes;
		const p = softmaxInPlace(logits(softmax, x), temperature);
		const order = topIndices(p, Math.min(TOP_K, classes));
		const best = order[0];
		let similarity = 0;
		for (let k = 0; k < x.indices.length; k++) similarity += x.values[k] * centroids[x.indices[k] * classes + best];
		similarity = Math.max(0, Math.min(1, similarity));
		const confidence = p[best];
		return {
			intent: intents[best],
			confidence,
			top: order.map((c) => ({ id: intents[c], p: p[c] })),
			similarity,
			score: combineScore(confidence, similarity),
		};
	}
}

/** Geometric blend: an answer needs both a confident classifier and a text that resembles the intent. */
export function combineScore(confidence: number, similarity: number): number {
	return Math.pow(confidence, 1 - SIMILARITY_WEIGHT) * Math.pow(Math.min(1, similarity * 2), SIMILARITY_WEIGHT);
}

function topIndices(p: Float64Array, k: number): number[] {
	const top: number[] = [];
	for (let c = 0; c < p.length; c++) {
		if (top.length < k) {
			top.push(c);
			top.sort((a, b) => p[b] - p[a]);
		} else if (p[c] > p[top[k - 1]]) {
			top[k - 1] = c;
			top.sort((a, b) => p[b] - p[a]);
		}
	}
	return top;
}
