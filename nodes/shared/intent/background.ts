/**
 * Outlier exposure (Hendrycks et al. 2019, "Deep Anomaly Detection with Outlier Exposure"): the
 * softmax also learns one extra class from texts no support knowledge base answers (background.json:
 * general-assistant questions and chit-chat, with its sources). Probability the background class
 * takes is confidence no intent gets, so off-topic text scores low even when it shares words with
 * an example. Background texts that resemble the base's own intents are left out, so a base that
 * does answer, say, recipes keeps them in scope.
 */
import { resolveLanguage, type TextLanguage } from '../text';
import background from './background.json';
import { extractTerms, type SparseVector, type Vectorizer } from './features';

/** Cosine to a class centroid above which a background text counts as that class's, not background. */
const OVERLAP = 0.3;

export function backgroundVectors(
	vectorizer: Vectorizer,
	languages: readonly TextLanguage[],
	xs: readonly SparseVector[],
	ys: readonly number[],
	classes: number,
): SparseVector[] {
	const centroids = classCentroids(xs, ys, classes, vectorizer.size);
	const kept: SparseVector[] = [];
	for (const { text, language } of background.texts) {
		const x = vectorizer.transformTerms(extractTerms(text, resolveLanguage(text, language, languages), vectorizer.config));
		if (x.indices.length === 0 || maxCosine(x, centroids, classes) >= OVERLAP) continue;
		kept.push(x);
	}
	return kept;
}

function maxCosine(x: SparseVector, centroids: Float32Array, classes: number): number {
	const dots = new Float64Array(classes);
	for (let k = 0; k < x.indices.length; k++) {
		const row = x.indices[k] * classes;
		for (let c = 0; c < classes; c++) dots[c] += x.values[k] * centroids[row + c];
	}
	let best = 0;
	for (let c = 0; c < classes; c++) best = Math.max(best, dots[c]);
	return best;
}

/** Feature-major class centroids, each L2-normalised. */
function classCentroids(xs: readonly SparseVector[], ys: readonly number[], classes: number, features: number): Float32Array {
	const centroids = new Float32Array(features * classes);
	xs.forEach((x, i) => {
		for (let k = 0; k < x.indices.length; k++) centroids[x.indices[k] * classes + ys[i]] += x.values[k];
	});
	const norms = new Float64Array(classes);
	for (let j = 0; j < centroids.length; j++) norms[j % classes] += centroids[j] * centroids[j];
	for (let j = 0; j < centroids.length; j++) {
		const norm = norms[j % classes];
		if (norm > 0) centroids[j] /= Math.sqrt(norm);
	}
	return centroids;
}
