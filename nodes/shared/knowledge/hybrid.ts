/**
 * Hybrid retrieval for the OpenAI-compatible mode: the embedded ranking blended with the cosine
 * similarity between the customer's text and each entry's title and example questions. Entry
 * vectors are computed once per knowledge base hash + embedding model + server and kept in
 * memory (a content-keyed cache); each ticket then costs one embedding of its own text.
 */
import { embed, type ConnectionOptions } from '../providers';
import type { KnowledgeBase } from './base';
import { rankEntries } from './lookup';

export interface HybridOptions {
	connection: ConnectionOptions;
	model: string;
	/** Weight of the cosine similarity in the blend; the rest goes to the embedded score. Default 0.5. */
	weight?: number;
}

export interface HybridCandidate {
	id: string;
	score: number;
}

/** Per entry, the vectors of its title and example questions. */
type EntryVectors = Map<string, number[][]>;

const cache = new Map<string, Promise<EntryVectors>>();
const CACHE_LIMIT = 16;
/** Inputs per embeddings request, well under the APIs' limits. */
const BATCH = 256;

/** Counts real embedding runs over a knowledge base, so tests can prove the cache works. */
export const hybridStats = { baseEmbeddings: 0 };

export function entryVectors(kb: KnowledgeBase, options: HybridOptions): Promise<EntryVectors> {
	const key = `${kb.hash}:${options.model}:${options.connection.baseUrl}`;
	let vectors = cache.get(key);
	if (!vectors) {
		vectors = embedEntries(kb, options);
		// A failed run is not remembered: the next ticket tries again.
		vectors.catch(() => cache.delete(key));
		if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
		cache.set(key, vectors);
	}
	return vectors;
}

async function embedEntries(kb: KnowledgeBase, options: HybridOptions): Promise<EntryVectors> {
	hybridStats.baseEmbeddings++;
	const inputs: Array<{ id: string; text: string }> = [];
	for (const entry of kb.entries) {
		for (const text of [entry.title, ...entry.questions]) if (text.trim()) inputs.push({ id: entry.id, text });
	}
	const byId: EntryVectors = new Map();
	for (let start = 0; start < inputs.length; start += BATCH) {
		const batch = inputs.slice(start, start + BATCH);
		const vectors = await embed({ ...options.connection, model: options.model, input: batch.map((i) => i.text) });
		batch.forEach((input, i) => {
			const list = byId.get(input.id) ?? [];
			list.push(vectors[i]);
			byId.set(input.id, list);
		});
	}
	return byId;
}

export function cosine(a: readonly number[], b: readonly number[]): number {
	let dot = 0;
	let na = 0;
	let nb = 0;
	for (let i = 0; i < Math.min(a.length, b.length); i++) {
		dot += a[i] * b[i];
		na += a[i] * a[i];
		nb += b[i] * b[i];
	}
	return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Every entry scored (1 − w) × embedded score + w × best cosine (negatives count as 0), best first. */
export async function hybridRank(kb: KnowledgeBase, text: string, language: string, options: HybridOptions): Promise<HybridCandidate[]> {
	const weight = options.weight ?? 0.5;
	const [vectors, [query]] = await Promise.all([entryVectors(kb, options), embed({ ...options.connection, model: options.model, input: [text] })]);
	const embedded = new Map(rankEntries(kb, text, language).map((c) => [c.id, c.score]));
	return kb.entries
		.map((entry) => {
			const similarity = Math.max(0, ...(vectors.get(entry.id) ?? []).map((v) => cosine(query, v)));
			return { id: entry.id, score: (1 - weight) * (embedded.get(entry.id) ?? 0) + weight * similarity };
		})
		.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}
