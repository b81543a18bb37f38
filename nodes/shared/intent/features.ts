/**
 * TF-IDF features for the intent model: stemmed word 1–2-grams plus character 2–5-grams over the
 * normalised text (typos and unknown inflections still share most character grams). Term counts
 * are sublinear (1 + ln tf), weighted by smoothed idf, and the vector is L2-normalised.
 */
import { normalizeWords, stemWords, type TextLanguage } from '../text';
import { readText } from '../text/reading';
import { AscendingSet } from '../text/ascending-set';
import { feedString, hashOf, startHash, stepA, stepB, stepHash } from '../text/hash64';
import type { FingerprintMap } from '../text/fingerprint-map';
import { buildTermTable } from './term-table';

const START = startHash();
const WORD_PREFIX = hashOf('w ');
const BIGRAM_PREFIX = hashOf('b ');
const SPACE = 32;

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
	/** Built on first use; null when the vocabulary's hashes collide (then terms are looked up as strings). */
	private table?: FingerprintMap | null;
	/** Per-feature counts, reused across messages and zeroed after each (transform is synchronous). */
	private scratch?: Int32Array;
	/** The touched features, handed back ascending (reused like `scratch`). */
	private touched?: AscendingSet;

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
		const counts = (this.scratch ??= new Int32Array(this.size));
		const seen: number[] = [];
		for (const term of terms) {
			const index = this.vocabulary.get(term);
			if (index !== undefined && counts[index]++ === 0) seen.push(index);
		}
		const indices = Int32Array.from(seen).sort();
		const vector = this.weigh(indices, counts);
		for (const index of seen) counts[index] = 0;
		return vector;
	}

	/** Same vector as transformTerms(extractTerms(…)), without building the term strings. */
	transform(text: string, language: TextLanguage): SparseVector {
		if (this.table === undefined) this.table = buildTermTable(this.vocabulary) ?? null;
		const table = this.table;
		if (!table) return this.transformTerms(extractTerms(text, language, this.config));
		// Shared with the needs-a-human features, which read the same message next.
		const { stems, joined } = readText(text, language);
		const counts = (this.scratch ??= new Int32Array(this.size));
		// Counted inline, not through a closure (which would move `counts` and `touched` into a heap context).
		const touched = (this.touched ??= new AscendingSet(this.size));
		const h = startHash();
		for (const stem of stems) {
			h.a = WORD_PREFIX.a;
			h.b = WORD_PREFIX.b;
			feedString(h, stem);
			const index = table.get(h.a, h.b);
			if (index >= 0 && counts[index]++ === 0) touched.add(index);
		}
		if (this.config.wordBigrams) {
			for (let i = 1; i < stems.length; i++) {
				h.a = BIGRAM_PREFIX.a;
				h.b = BIGRAM_PREFIX.b;
				feedString(h, stems[i - 1]);
				stepHash(h, SPACE);
				feedString(h, stems[i]);
				const index = table.get(h.a, h.b);
				if (index >= 0 && counts[index]++ === 0) touched.add(index);
			}
		}
		const { charMin, charMax } = this.config;
		const length = joined.length;
		// The n-grams starting at i share their prefix hashes: each character is hashed charMax times, not per n-gram.
		for (let i = 0; i < length; i++) {
			let a = START.a;
			let b = START.b;
			const end = Math.min(length, i + charMax);
			for (let j = i; j < end; j++) {
				const code = joined.charCodeAt(j);
				a = stepA(a, code);
				b = stepB(b, code);
				if (j - i + 1 >= charMin) {
					const index = table.get(a, b);
					if (index >= 0 && counts[index]++ === 0) touched.add(index);
				}
			}
		}
		const indices = new Int32Array(touched.size);
		touched.drainInto(indices);
		const vector = this.weigh(indices, counts);
		for (let k = 0; k < indices.length; k++) counts[indices[k]] = 0;
		return vector;
	}

	/**
	 * Sublinear tf × idf, L2-normalised; indices ascending so both paths sum in the same order. The
	 * counts are read by feature from the scratch array (a callback per term cost more than the term).
	 */
	private weigh(indices: Int32Array, counts: Int32Array): SparseVector {
		const values = new Float32Array(indices.length);
		let norm = 0;
		for (let k = 0; k < indices.length; k++) {
			const value = (1 + Math.log(counts[indices[k]])) * this.idf[indices[k]];
			values[k] = value;
			norm += value * value;
		}
		if (norm > 0) {
			const scale = 1 / Math.sqrt(norm);
			for (let i = 0; i < values.length; i++) values[i] *= scale;
		}
		return { indices, values };
	}
}
