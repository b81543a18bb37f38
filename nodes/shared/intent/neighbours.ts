/**
 * Nearest training example of a class, by cosine over the TF-IDF vectors. A class centroid blurs
 * paraphrases together; the nearest example keeps "unlike every way this was ever asked" sharp,
 * which is what separates out-of-scope text when a knowledge base has few examples per intent
 * (the kNN out-of-scope score of Sun et al. 2022, "Out-of-Distribution Detection with Deep Nearest
 * Neighbors", here over sparse vectors). Only the predicted class is searched, so a ticket costs
 * that class's examples, not the whole base.
 */
import type { SparseVector } from './features';

export class ExampleIndex {
	/** Per-feature buffer for the query, zeroed after each search (search is synchronous). */
	private query?: Float32Array;

	constructor(
		readonly features: number,
		/** byClass[c] = the L2-normalised training vectors of class c. */
		readonly byClass: readonly SparseVector[][],
	) {}

	static build(xs: readonly SparseVector[], ys: readonly number[], classes: number, features: number): ExampleIndex {
		const byClass: SparseVector[][] = Array.from({ length: classes }, () => []);
		xs.forEach((x, i) => {
			if (x.indices.length > 0) byClass[ys[i]].push(x);
		});
		return new ExampleIndex(features, byClass);
	}

	/** Highest cosine between x and an example of the class, 0–1. */
	nearest(x: SparseVector, cls: number): number {
		const examples = this.byClass[cls];
		if (!examples || examples.length === 0 || x.indices.length === 0) return 0;
		const query = (this.query ??= new Float32Array(this.features));
		for (let k = 0; k < x.indices.length; k++) query[x.indices[k]] = x.values[k];
		let best = 0;
		for (const example of examples) {
			let dot = 0;
			const { indices, values } = example;
			for (let k = 0; k < indices.length; k++) dot += query[indices[k]] * values[k];
			if (dot > best) best = dot;
		}
		for (let k = 0; k < x.indices.length; k++) query[x.indices[k]] = 0;
		return Math.min(1, best);
	}
}
