/** Turns knowledge entries (+ optional labelled history) into a trained, calibrated intent model. */
import { isTextLanguage, resolveLanguage, type TextLanguage } from '../text';
import type { KnowledgeEntry } from '../knowledge/types';
import { fitTemperature } from './calibration';
import { DEFAULT_FEATURES, extractTerms, Vectorizer, type FeatureConfig, type SparseVector } from './features';
import { TrainedIntentModel } from './model';
import { DEFAULT_SOFTMAX, logits, trainSoftmax, type SoftmaxConfig } from './softmax';
import type { LabelledExample } from './types';

export interface TrainingSettings {
	features: FeatureConfig;
	softmax: SoftmaxConfig;
	/** Every n-th example of a class (with at least 2n examples) is held out to fit the temperature. */
	holdOutEvery: number;
}

export const DEFAULT_TRAINING: TrainingSettings = { features: DEFAULT_FEATURES, softmax: DEFAULT_SOFTMAX, holdOutEvery: 8 };

/** Counts real trainings, so tests can prove the caches work. */
export const trainingStats = { trainings: 0 };

interface Example {
	text: string;
	intent: string;
	language?: string;
}

export function collectExamples(entries: readonly KnowledgeEntry[], labelled: readonly LabelledExample[] = []): Example[] {
	const examples: Example[] = [];
	for (const entry of entries) {
		if (!entry.questions || entry.questions.length === 0) continue;
		const language = entry.language;
		if (entry.title) examples.push({ text: entry.title, intent: entry.id, language });
		for (const question of entry.questions) {
			if (question && question.trim()) examples.push({ text: question, intent: entry.id, language });
		}
	}
	for (const example of labelled) {
		if (example.text && example.intent) examples.push({ text: example.text, intent: example.intent, language: example.language });
	}
	return examples;
}

/** Languages the model stems in: those the entries declare, else all three. */
export function modelLanguages(entries: readonly KnowledgeEntry[]): TextLanguage[] {
	const declared = new Set<TextLanguage>();
	for (const entry of entries) {
		const language = entry.language?.toLowerCase().slice(0, 2);
		if (isTextLanguage(language)) declared.add(language);
	}
	return declared.size > 0 ? [...declared].sort() : ['en', 'es', 'pt'];
}

export function trainIntentModel(
	hash: string,
	entries: readonly KnowledgeEntry[],
	labelled: readonly LabelledExample[] = [],
	settings: TrainingSettings = DEFAULT_TRAINING,
): TrainedIntentModel {
	trainingStats.trainings++;
	const examples = collectExamples(entries, labelled);
	const languages = modelLanguages(entries);
	const intents = [...new Set(examples.map((e) => e.intent))];
	const classOf = new Map(intents.map((intent, index) => [intent, index]));
	const termLists = examples.map((e) => extractTerms(e.text, resolveLanguage(e.text, e.language, languages), settings.features));
	const vectorizer = Vectorizer.fit(termLists, settings.features);
	const xs = termLists.map((terms) => vectorizer.transformTerms(terms));
	const ys = examples.map((e) => classOf.get(e.intent) as number);
	const classes = Math.max(intents.length, 1);

	const temperature = calibrate(xs, ys, classes, vectorizer.size, settings);
	const softmax = trainSoftmax(xs, ys, classes, vectorizer.size, settings.softmax);
	const centroids = classCentroids(xs, ys, classes, vectorizer.size);
	return new TrainedIntentModel({ hash, intents, languages, vectorizer, softmax, temperature, centroids });
}

function calibrate(xs: SparseVector[], ys: number[], classes: number, features: number, settings: TrainingSettings): number {
	const every = settings.holdOutEvery;
	const perClass = new Array<number>(classes).fill(0);
	for (const y of ys) perClass[y]++;
	const seen = new Array<number>(classes).fill(0);
	const trainIdx: number[] = [];
	const heldIdx: number[] = [];
	ys.forEach((y, i) => {
		const k = seen[y]++;
		if (perClass[y] >= 2 * every && k % every === every - 1) heldIdx.push(i);
		else trainIdx.push(i);
	});
	if (heldIdx.length < 10 || classes < 2) return 1;
	const partial = trainSoftmax(
		trainIdx.map((i) => xs[i]),
		trainIdx.map((i) => ys[i]),
		classes,
		features,
		settings.softmax,
	);
	return fitTemperature(
		heldIdx.map((i) => logits(partial, xs[i])),
		heldIdx.map((i) => ys[i]),
	);
}

function classCentroids(xs: SparseVector[], ys: number[], classes: number, features: number): Float32Array {
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
