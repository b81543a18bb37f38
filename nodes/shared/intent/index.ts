/**
 * The embedded intent model shared by Support Triage and Knowledge Lookup. `getIntentModel` trains
 * once per content hash and keeps the result in memory and on disk; calling it for every execution
 * (or item) costs a hash at most.
 */
import { createHash } from 'crypto';
import * as os from 'os';
import * as path from 'path';
import type { KnowledgeEntry } from '../knowledge/types';
import type { TrainedIntentModel } from './model';
import { loadModel, saveModel } from './store';
import { collectExamples, DEFAULT_TRAINING, modelLanguages, trainIntentModel, type TrainingSettings } from './train';
import type { IntentModel, LabelledExample } from './types';

export type { IntentModel, IntentPrediction, LabelledExample } from './types';
export { trainingStats } from './train';
export { combineScore } from './model';

/** Bump when features or training change, so old disk caches are not reused. */
const MODEL_VERSION = 'intent-v6';

export interface IntentModelOptions {
	/** Where trained models are cached on disk; `false` disables the disk cache. */
	cacheDir?: string | false;
	labelled?: LabelledExample[];
	settings?: TrainingSettings;
}

export function defaultCacheDir(): string {
	return process.env.SUPPORT247_MODEL_CACHE ?? path.join(os.tmpdir(), 'n8n-nodes-support247', 'models');
}

// Content-keyed, so it is safe to share between executions and workflows in one process.
const memoryCache = new Map<string, TrainedIntentModel>();
const MEMORY_LIMIT = 16;
// Same array object -> same hash, without re-hashing thousands of questions.
const hashByEntries = new WeakMap<readonly KnowledgeEntry[], string>();

export function intentModelHash(entries: readonly KnowledgeEntry[], labelled: readonly LabelledExample[] = [], settings: TrainingSettings = DEFAULT_TRAINING): string {
	const examples = collectExamples(entries, labelled).map((e) => [e.text, e.intent, e.language ?? '']);
	return createHash('sha256')
		.update(JSON.stringify([MODEL_VERSION, settings, modelLanguages(entries), examples]))
		.digest('hex')
		.slice(0, 32);
}

export function getIntentModel(entries: KnowledgeEntry[], options: IntentModelOptions = {}): IntentModel {
	return getTrainedIntentModel(entries, options);
}

export function getTrainedIntentModel(entries: readonly KnowledgeEntry[], options: IntentModelOptions = {}): TrainedIntentModel {
	const labelled = options.labelled ?? [];
	const settings = options.settings ?? DEFAULT_TRAINING;
	let hash = labelled.length === 0 && !options.settings ? hashByEntries.get(entries) : undefined;
	if (!hash) {
		hash = intentModelHash(entries, labelled, settings);
		if (labelled.length === 0 && !options.settings) hashByEntries.set(entries, hash);
	}
	const cached = memoryCache.get(hash);
	if (cached) return cached;

	const dir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
	let model = dir ? loadModel(dir, hash) : undefined;
	if (!model) {
		model = trainIntentModel(hash, entries, labelled, settings);
		if (dir) {
			try {
				saveModel(dir, model);
			} catch {
				// A read-only disk only costs a retrain in the next process.
			}
		}
	}
	if (memoryCache.size >= MEMORY_LIMIT) memoryCache.delete(memoryCache.keys().next().value as string);
	memoryCache.set(hash, model);
	return model;
}

/** Forgets in-memory models (tests use it to prove the disk cache). */
export function clearIntentModelMemory(): void {
	memoryCache.clear();
}
