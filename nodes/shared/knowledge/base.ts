/**
 * A ready knowledge base: the entries, the intent model over their example questions and a
 * keyword index over article-style entries. Built once per content hash and kept in memory; the
 * intent model is also cached on disk (see ../intent).
 */
import { createHash } from 'crypto';
import { getTrainedIntentModel, type IntentModelOptions } from '../intent';
import type { TrainedIntentModel } from '../intent/model';
import { modelLanguages } from '../intent/train';
import type { TextLanguage } from '../text';
import { KeywordIndex } from './keywords';
import type { KnowledgeEntry } from './types';

/** Entries with fewer example questions than this are also searched by keywords. */
export const ARTICLE_MAX_QUESTIONS = 3;

export interface KnowledgeBase {
	readonly hash: string;
	readonly entries: readonly KnowledgeEntry[];
	readonly byId: ReadonlyMap<string, KnowledgeEntry>;
	readonly languages: readonly TextLanguage[];
	/** Undefined when no entry has example questions. */
	readonly model?: TrainedIntentModel;
	/** Undefined when every entry has enough example questions for the model. */
	readonly keywords?: KeywordIndex;
}

const bases = new Map<string, KnowledgeBase>();
const BASE_LIMIT = 16;
const hashByEntries = new WeakMap<readonly KnowledgeEntry[], string>();

/** Counts real builds, so tests can prove the cache works. */
export const knowledgeBaseStats = { builds: 0 };

export function knowledgeHash(entries: readonly KnowledgeEntry[]): string {
	let hash = hashByEntries.get(entries);
	if (!hash) {
		hash = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 32);
		hashByEntries.set(entries, hash);
	}
	return hash;
}

export function getKnowledgeBase(entries: readonly KnowledgeEntry[], options: Pick<IntentModelOptions, 'cacheDir'> = {}): KnowledgeBase {
	const hash = knowledgeHash(entries);
	const cached = bases.get(hash);
	if (cached) return cached;
	knowledgeBaseStats.builds++;
	const withQuestions = entries.filter((entry) => entry.questions.length > 0);
	// A softmax over a single intent is always sure of itself; it would answer everything.
	// With fewer than two entries that have questions, keyword search alone decides.
	const modelled = withQuestions.length >= 2 ? withQuestions : [];
	const articles = entries.filter((entry) => entry.questions.length < ARTICLE_MAX_QUESTIONS || modelled.length === 0);
	const languages = modelLanguages(entries);
	const base: KnowledgeBase = {
		hash,
		entries,
		byId: new Map(entries.map((entry) => [entry.id, entry])),
		languages,
		model: modelled.length > 0 ? getTrainedIntentModel(modelled, { cacheDir: options.cacheDir }) : undefined,
		keywords: articles.length > 0 ? new KeywordIndex(articles, languages) : undefined,
	};
	if (bases.size >= BASE_LIMIT) bases.delete(bases.keys().next().value as string);
	bases.set(hash, base);
	return base;
}

export function clearKnowledgeBaseMemory(): void {
	bases.clear();
}
