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

/**
 * The same examples by feature (an inverted index): a query visits only the examples' entries it
 * shares, where the packed scan reads every entry of every example of the class.
 */
interface InvertedExamples {
	/** The class's distinct features, ascending; feature features[f] has postings [starts[f], starts[f + 1]). */
	features: Int32Array;
	starts: Int32Array;
	examples: Int32Array;
	values: Float32Array;
	/** Per-example dot products, reused and zeroed after each search. */
	dots: Float64Array;
	/** By feature of the vocabulary: its place in `features`, or -1 (so a query visits only its own features). */
	slotOf: Int32Array;
}

export class ExampleIndex {
	/** Per-feature buffer for the query, zeroed after each search (search is synchronous). */
	private query?: Float32Array;
	// Contiguous per class: the search streams through memory instead of hopping between small arrays.
	private readonly packed: PackedExamples[];
	/** Built per class on its first search; null when an example's features are not strictly ascending. */
	private readonly inverted: Array<InvertedExamples | null | undefined>;

	constructor(
		readonly features: number,
		/** packed[c] = the L2-normalised training vectors of class c, end to end. */
		packed: readonly PackedExamples[],
	) {
		this.packed = [...packed];
		this.inverted = new Array(this.packed.length);
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
		let inverted = this.inverted[cls];
		if (inverted === undefined) inverted = this.inverted[cls] = invert(examples, this.features);
		if (inverted && strictlyAscending(x.indices)) return nearestInverted(x, inverted);
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

/**
 * Each example's dot product gets the same non-zero terms in the same (ascending feature) order as
 * the packed scan, which also added only zeros besides, so the cosine is bit for bit the same. The
 * query's features are ascending too, so walking them (not the class's thousands) keeps that order.
 */
function nearestInverted(x: SparseVector, inverted: InvertedExamples): number {
	const { starts, examples, values, dots, slotOf } = inverted;
	const { indices } = x;
	for (let k = 0; k < indices.length; k++) {
		const f = slotOf[indices[k]];
		const value = x.values[k];
		// Not `f < 0`: a feature past the vocabulary reads undefined, and is in no example either.
		if (!(f >= 0) || value === 0) continue;
		const end = starts[f + 1];
		for (let j = starts[f]; j < end; j++) dots[examples[j]] += value * values[j];
	}
	let best = 0;
	for (let e = 0; e < dots.length; e++) {
		if (dots[e] > best) best = dots[e];
		dots[e] = 0;
	}
	return Math.min(1, best);
}

function strictlyAscending(indices: Int32Array): boolean {
	for (let k = 1; k < indices.length; k++) if (indices[k] <= indices[k - 1]) return false;
	return true;
}

function invert(packed: PackedExamples, features: number): InvertedExamples | null {
	const { starts, indices, values } = packed;
	const count = starts.length - 1;
	for (let e = 0; e < count; e++) {
		for (let k = starts[e] + 1; k < starts[e + 1]; k++) if (indices[k] <= indices[k - 1]) return null;
	}
	const distinct = Int32Array.from(new Set(indices)).sort();
	const slot = new Map<number, number>();
	distinct.forEach((feature, f) => slot.set(feature, f));
	const postingStarts = new Int32Array(distinct.length + 1);
	for (let k = 0; k < indices.length; k++) postingStarts[(slot.get(indices[k]) as number) + 1]++;
	for (let f = 0; f < distinct.length; f++) postingStarts[f + 1] += postingStarts[f];
	const fill = postingStarts.slice(0, distinct.length);
	const postingExamples = new Int32Array(indices.length);
	const postingValues = new Float32Array(indices.length);
	for (let e = 0; e < count; e++) {
		for (let k = starts[e]; k < starts[e + 1]; k++) {
			const at = fill[slot.get(indices[k]) as number]++;
			postingExamples[at] = e;
			postingValues[at] = values[k];
		}
	}
	const slotOf = new Int32Array(features).fill(-1);
	for (let f = 0; f < distinct.length; f++) slotOf[distinct[f]] = f;
	return { features: distinct, starts: postingStarts, examples: postingExamples, values: postingValues, dots: new Float64Array(count), slotOf };
}
