/**
 * Nearest training example of a class, by cosine over the TF-IDF vectors. A class centroid blurs
 * paraphrases together; the nearest example keeps "unlike every way this was ever asked" sharp,
 * which is what separates out-of-scope text when a knowledge base has few examples per intent
 * (the kNN out-of-scope score of Sun et al. 2022, "Out-of-Distribution Detection with Deep Nearest
 * Neighbors", here over sparse vectors). Only the predicted class is searched, so a ticket costs
 * that class's examples, not the whole base.
 */
import type { SparseVector } from './features';

/** One class's examples packed end to end: example e is [starts[e], starts[e + 1]) of indices/values. */
export interface PackedExamples {
	starts: Int32Array;
	indices: Int32Array;
	values: Float32Array;
}

export class ExampleIndex {
	/** Per-feature buffer for the query, zeroed after each search (search is synchronous). */
	private query?: Float32Array;
	// Contiguous per class: the search streams through memory instead of hopping between small arrays.
	private readonly packed: PackedExamples[];

	constructor(
		readonly features: number,
		/** packed[c] = the L2-normalised training vectors of class c, end to end. */
		packed: readonly PackedExamples[],
	) {
		this.packed = [...packed];
	}

	static build(xs: readonly SparseVector[], ys: readonly number[], classes: number, features: number): ExampleIndex {
		const byClass: SparseVector[][] = Array.from({ length: classes }, () => []);
		xs.forEach((x, i) => {
			if (x.indices.length > 0) byClass[ys[i]].push(x);
		});
		return new ExampleIndex(features, byClass.map(pack));
	}

	/** Each class's packed examples, as the disk cache stores them. */
	get classes(): readonly PackedExamples[] {
		return this.packed;
	}

	/** Highest cosine between x and an example of the class, 0–1. */
	nearest(x: SparseVector, cls: number): number {
		const examples = this.packed[cls];
		if (!examples || examples.starts.length < 2 || x.indices.length === 0) return 0;
		const query = (this.query ??= new Float32Array(this.features));
		for (let k = 0; k < x.indices.length; k++) query[x.indices[k]] = x.values[k];
		const { starts, indices, values } = examples;
		let best = 0;
		for (let e = 0; e + 1 < starts.length; e++) {
			let dot = 0;
			const end = starts[e + 1];
			for (let k = starts[e]; k < end; k++) dot += query[indices[k]] * values[k];
			if (dot > best) best = dot;
		}
		for (let k = 0; k < x.indices.length; k++) query[x.indices[k]] = 0;
		return Math.min(1, best);
	}
}

function pack(vectors: readonly SparseVector[]): PackedExamples {
	const starts = new Int32Array(vectors.length + 1);
	vectors.forEach((v, e) => (starts[e + 1] = starts[e] + v.indices.length));
	const indices = new Int32Array(starts[vectors.length]);
	const values = new Float32Array(starts[vectors.length]);
	vectors.forEach((v, e) => {
		indices.set(v.indices, starts[e]);
		values.set(v.values, starts[e]);
	});
	return { starts, indices, values };
}
