/**
 * TF-IDF features for the intent model: stemmed word 1–2-grams plus character 2–5-grams over the
 * normalised text (typos and unknown inflections still share most character grams). Term counts
 * are sublinear (1 + ln tf), weighted by smoothed idf, and the vector is L2-normalised.
 */
import { normalizeWords, stemWords, type TextLanguage } from '../text';

export interface SparseVector {
	indices: Int32Array;
	values: Float32Array;
}

export interface FeatureConfig {
	charMin: number;
	charMax: number;
	wordBigrams: boolean;
	/** Terms seen in fewer training texts are dropped (keeps the weight matrix small). */
	minDf: number;
}

export const DEFAULT_FEATURES: FeatureConfig = { charMin: 2, charMax: 5, wordBigrams: true, minDf: 2 };

/** The raw terms of a text, with repeats. Prefixes keep word and character terms apart. */
export function extractTerms(text: string, language: TextLanguage, config: FeatureConfig): string[] {
	const words = normalizeWords(text, language);
	const stems = stemWords(words, language);
	const terms: string[] = [];
	for (const stem of stems) terms.push('w ' + stem);
	if (config.wordBigrams) {
		for (let i = 1; i < stems.length; i++) terms.push('b ' + stems[i - 1] + ' ' + stems[i]);
	}
	const joined = ' ' + words.join(' ') + ' ';
	for (let n = config.charMin; n <= config.charMax; n++) {
		for (let i = 0; i + n <= joined.length; i++) terms.push(joined.slice(i, i + n));
	}
	return terms;
}

export class Vectorizer {
	constructor(
		readonly config: FeatureConfig,
		readonly vocabulary: ReadonlyMap<string, number>,
		readonly idf: Float32Array,
	) {}

	get size(): number {
		return this.idf.length;
	}

	/** Learns the vocabulary and idf from the training texts' terms. */
	static fit(termLists: readonly string[][], config: FeatureConfig): Vectorizer {
		const df = new Map<string, number>();
		for (const terms of termLists) {
			for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
		}
		const kept = [...df.entries()].filter(([term, count]) => count >= config.minDf || term.startsWith('w '));
		// Sorted so the feature order (and so training) does not depend on map insertion order.
		kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
		const vocabulary = new Map<string, number>();
		const idf = new Float32Array(kept.length);
		const documents = termLists.length;
		kept.forEach(([term, count], index) => {
			vocabulary.set(term, index);
			idf[index] = Math.log((1 + documents) / (1 + count)) + 1;
		});
		return new Vectorizer(config, vocabulary, idf);
	}

	transformTerms(terms: readonly string[]): SparseVector {
		const counts = new Map<number, number>();
		for (const term of terms) {
			const index = this.vocabulary.get(term);
			if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
		}
		const indices = new Int32Array(counts.size);
		const values = new Float32Array(counts.size);
		let k = 0;
		let norm = 0;
		for (const [index, count] of counts) {
			const value = (1 + Math.log(count)) * this.idf[index];
			indices[k] = index;
			values[k] = value;
			norm += value * value;
			k++;
		}
		if (norm > 0) {
			const scale = 1 / Math.sqrt(norm);
			for (let i = 0; i < values.length; i++) values[i] *= scale;
		}
		return { indices, values };
	}

	transform(text: string, language: TextLanguage): SparseVector {
		return this.transformTerms(extractTerms(text, language, this.config));
	}
}
