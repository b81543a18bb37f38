/**
 * Linear-time clustering of sparse, L2-normalised vectors: one leader pass (a text joins the most
 * similar cluster found through an inverted index, or starts its own), then k-means steps against
 * the clusters' centroids found the same way.
 *
 * Hand-written because npm's well-kept clustering libraries (ml-kmeans, skmeans, density-clustering,
 * ml-hclust) work on dense vectors, need the number of clusters up front or compare every pair;
 * none groups 100,000 short texts in seconds.
 */
import type { SparseVector } from '../intent/features';

export interface ClusterSettings {
	/** Cosine similarity needed to join a cluster in the leader pass. */
	threshold: number;
	/** k-means steps after the leader pass (default 1: a second one moved few texts on the demo and datasets). */
	refinements?: number;
	/** A term indexes at most this many clusters, so a very common term cannot make the pass quadratic. */
	maxPostings?: number;
	/** Terms kept per centroid. */
	centroidTerms?: number;
	/**
	 * After the k-means steps, two clusters whose centroids are at least this similar become one
	 * (each cluster joins its most similar other cluster; the links are then joined transitively).
	 * Leader clustering splits one subject over several clusters when its first members were told
	 * differently; their centroids, averaged over all members, still meet. Off when undefined.
	 */
	merge?: number;
}

/** term -> the clusters whose vector has it, with its weight there. */
class InvertedIndex {
	private readonly postings = new Map<number, { ids: number[]; weights: number[] }>();
	private scores = new Float64Array(1024);
	private readonly touched: number[] = [];

	constructor(private readonly maxPostings: number) {}

	add(id: number, vector: SparseVector): void {
		if (id >= this.scores.length) {
			const grown = new Float64Array(this.scores.length * 2);
			grown.set(this.scores);
			this.scores = grown;
		}
		for (let k = 0; k < vector.indices.length; k++) {
			let posting = this.postings.get(vector.indices[k]);
			if (!posting) this.postings.set(vector.indices[k], (posting = { ids: [], weights: [] }));
			if (posting.ids.length >= this.maxPostings) continue;
			posting.ids.push(id);
			posting.weights.push(vector.values[k]);
		}
	}

	/** The cluster with the highest dot product (lowest id on a tie), or -1 when none shares a term; `exclude` is never returned. */
	best(vector: SparseVector, exclude = -1): { id: number; score: number } {
		const { scores, touched } = this;
		for (let k = 0; k < vector.indices.length; k++) {
			const posting = this.postings.get(vector.indices[k]);
			if (!posting) continue;
			const weight = vector.values[k];
			const { ids, weights } = posting;
			for (let p = 0; p < ids.length; p++) {
				const id = ids[p];
				if (scores[id] === 0) touched.push(id);
				scores[id] += weight * weights[p];
			}
		}
		let bestId = -1;
		let bestScore = 0;
		for (const id of touched) {
			const score = id === exclude ? 0 : scores[id];
			if (score > bestScore || (score === bestScore && id < bestId)) {
				bestId = id;
				bestScore = score;
			}
			scores[id] = 0;
		}
		touched.length = 0;
		return { id: bestId, score: bestScore };
	}
}

/** Mean of the members, truncated to its heaviest terms and L2-normalised. */
export function centroidOf(members: readonly SparseVector[], keep = Infinity): SparseVector {
	const sums = new Map<number, number>();
	for (const vector of members) {
		for (let k = 0; k < vector.indices.length; k++) sums.set(vector.indices[k], (sums.get(vector.indices[k]) ?? 0) + vector.values[k]);
	}
	let entries = [...sums.entries()];
	if (entries.length > keep) entries = entries.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, keep);
	entries.sort((a, b) => a[0] - b[0]);
	const values = Float32Array.from(entries, ([, value]) => value);
	let norm = 0;
	for (const value of values) norm += value * value;
	const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
	for (let i = 0; i < values.length; i++) values[i] *= scale;
	return { indices: Int32Array.from(entries, ([index]) => index), values };
}

/**
 * Cluster number per vector (-1 for an empty vector), visiting vectors in `order`. Clusters are
 * numbered by their first member in that order, so the same order always gives the same numbers.
 */
export function clusterVectors(vectors: readonly SparseVector[], order: readonly number[], settings: ClusterSettings): Int32Array {
	const maxPostings = settings.maxPostings ?? 2_000;
	const keep = settings.centroidTerms ?? 32;
	let assignment: Int32Array = new Int32Array(vectors.length).fill(-1);
	const leaders = new InvertedIndex(maxPostings);
	let clusters = 0;
	for (const i of order) {
		const vector = vectors[i];
		if (vector.indices.length === 0) continue;
		const found = leaders.best(vector);
		if (found.id >= 0 && found.score >= settings.threshold) assignment[i] = found.id;
		else {
			leaders.add(clusters, vector);
			assignment[i] = clusters++;
		}
	}
	for (let step = 0; step < (settings.refinements ?? 1); step++) {
		const members: SparseVector[][] = Array.from({ length: clusters }, () => []);
		for (const i of order) if (assignment[i] >= 0) members[assignment[i]].push(vectors[i]);
		const centroids = new InvertedIndex(maxPostings);
		members.forEach((list, id) => list.length && centroids.add(id, centroidOf(list, keep)));
		const next = new Int32Array(vectors.length).fill(-1);
		for (const i of order) {
			if (assignment[i] < 0) continue;
			const found = centroids.best(vectors[i]);
			next[i] = found.id >= 0 ? found.id : assignment[i];
		}
		assignment = renumber(next, order);
		clusters = 0;
		for (const id of assignment) clusters = Math.max(clusters, id + 1);
	}
	if (settings.merge !== undefined) assignment = mergeClusters(vectors, order, assignment, clusters, settings.merge, maxPostings, keep);
	return assignment;
}

/** One query per cluster against the others' centroids, then union-find over the links found: linear in the clusters. */
function mergeClusters(vectors: readonly SparseVector[], order: readonly number[], assignment: Int32Array, clusters: number, threshold: number, maxPostings: number, keep: number): Int32Array {
	const members: SparseVector[][] = Array.from({ length: clusters }, () => []);
	for (const i of order) if (assignment[i] >= 0) members[assignment[i]].push(vectors[i]);
	const centroids = members.map((list) => centroidOf(list, keep));
	const index = new InvertedIndex(maxPostings);
	centroids.forEach((centroid, id) => index.add(id, centroid));
	const parent = Int32Array.from({ length: clusters }, (_, id) => id);
	const root = (id: number): number => {
		while (parent[id] !== id) id = parent[id] = parent[parent[id]];
		return id;
	};
	for (let id = 0; id < clusters; id++) {
		const found = index.best(centroids[id], id);
		if (found.id < 0 || found.score < threshold) continue;
		const [a, b] = [root(id), root(found.id)];
		// The lower number stays the root, so the result does not depend on which link came first.
		if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
	}
	const merged = new Int32Array(assignment.length).fill(-1);
	for (let i = 0; i < assignment.length; i++) if (assignment[i] >= 0) merged[i] = root(assignment[i]);
	return renumber(merged, order);
}

function renumber(assignment: Int32Array, order: readonly number[]): Int32Array {
	const numbers = new Map<number, number>();
	const out = new Int32Array(assignment.length).fill(-1);
	for (const i of order) {
		const id = assignment[i];
		if (id < 0) continue;
		let number = numbers.get(id);
		if (number === undefined) numbers.set(id, (number = numbers.size));
		out[i] = number;
	}
	return out;
}
