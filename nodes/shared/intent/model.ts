/** A trained intent model: vectorizer + softmax weights + temperature + the training examples' vectors. */
import { resolveLanguage, type TextLanguage } from '../text';
import { hashOf } from '../text/hash64';
import type { SparseVector, Vectorizer } from './features';
import type { ExampleIndex } from './neighbours';
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
	/** The training examples (text, class, language it was stemmed in): the disk cache rebuilds `neighbours` from them. */
	examples: TrainingExample[];
	neighbours: ExampleIndex;
	/**
	 * Multiplies the nearest-example cosine (capped at 1) in the score. The nearest of a few examples
	 * is farther than the nearest of a hundred, so small bases get 2 and large ones 1 (train.ts).
	 */
	similarityGain: number;
}

export interface TrainingExample {
	text: string;
	cls: number;
	language: TextLanguage;
}

/** How much the similarity to the nearest training example counts in the out-of-scope score. */
const SIMILARITY_WEIGHT = 0.5;
/** Resembling an example is evidence, not certainty: the score stays below 1 (so a stricter threshold can always reject). */
const SIMILARITY_CEILING = 0.98;

/**
 * Support Triage and Knowledge Lookup ask the same model about the same message one node apart;
 * a small cache of recent answers spares the second featurisation. Keyed by a 64-bit hash and the
 * length of the text (never the text itself, which would keep every long message alive), so it is
 * safe across executions and processes.
 */
const RECENT_LIMIT = 4096;
const recent = new Map<string, IntentPrediction>();
/**
 * The last answer, checked before the map: Knowledge Lookup asks right after Support Triage, and
 * comparing the text spares hashing it and building the key. The map still holds it (it drops its oldest).
 */
let last: { hash: string; language: string | undefined; text: string; prediction: IntentPrediction } | undefined;

export class TrainedIntentModel implements IntentModel {
	readonly hash: string;
	readonly intents: readonly string[];
	private scores?: Float64Array;
	constructor(readonly parts: ModelParts) {
		this.hash = parts.hash;
		this.intents = parts.intents;
	}

	vectorize(text: string, language?: string): SparseVector {
		const lang = resolveLanguage(text, language, this.parts.languages);
		return this.parts.vectorizer.transform(text, lang);
	}

	predict(text: string, language?: string): IntentPrediction {
		if (last && last.text === text && last.hash === this.hash && last.language === language) return last.prediction;
		const { a, b } = hashOf(text);
		const key = `${this.hash}\u0000${language ?? ''}\u0000${a}:${b}:${text.length}`;
		let prediction = recent.get(key);
		if (!prediction) {
			prediction = this.predictVector(this.vectorize(text, language));
			if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
			recent.set(key, prediction);
		}
		last = { hash: this.hash, language, text, prediction };
		return prediction;
	}

	predictVector(x: SparseVector): IntentPrediction {
		const { softmax, temperature, neighbours, intents } = this.parts;
		// Classes past the intents (the background class) take probability but are never the answer.
		const classes = Math.max(intents.length, 1);
		// Read only here (the prediction copies what it keeps): one buffer per model, not one per call.
		const p = softmaxInPlace(logits(softmax, x, (this.scores ??= new Float64Array(softmax.classes))), temperature);
		const order = topIndices(p, Math.min(TOP_K, classes), classes);
		const best = order[0];
		const similarity = neighbours.nearest(x, best);
		const confidence = p[best];
		return {
			intent: intents[best],
			confidence,
			top: order.map((c) => ({ id: intents[c], p: p[c] })),
			similarity,
			score: combineScore(confidence, similarity, this.parts.similarityGain),
		};
	}
}

/**
 * Geometric blend: an answer needs both a confident classifier and a text close to one way the
 * intent was asked (bench:quality: on HINT3 and CLINC150 this ranks out-of-scope text below
 * in-scope text better than either alone, or than the class centroid did).
 */
export function combineScore(confidence: number, similarity: number, gain = 1): number {
	return Math.pow(confidence, 1 - SIMILARITY_WEIGHT) * Math.pow(Math.min(SIMILARITY_CEILING, similarity * gain), SIMILARITY_WEIGHT);
}

/**
 * The k most probable classes, most probable first; a class ties after those already in. Each new
 * class is moved up from the end, as the stable sort of the list it replaces did, without the sort's
 * work array and comparator per class.
 */
function topIndices(p: Float64Array, k: number, classes: number): number[] {
	const top: number[] = [];
	for (let c = 0; c < classes; c++) {
		if (top.length < k) top.push(c);
		else if (p[c] > p[top[k - 1]]) top[k - 1] = c;
		else continue;
		let j = top.length - 1;
		while (j > 0 && p[top[j - 1]] < p[c]) {
			top[j] = top[j - 1];
			j--;
		}
		top[j] = c;
	}
	return top;
}
