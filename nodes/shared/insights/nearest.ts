/** The existing knowledge entry a topic is closest to, judged by the same ranking the Knowledge Lookup answers with. */
import { getKnowledgeBase, rankEntries, type KnowledgeBase } from '../knowledge';
import type { KnowledgeEntry } from '../knowledge/types';
import type { TextLanguage } from '../text';
import type { NearestEntry } from './types';
import { topicTerms } from './vectors';

/** Members asked per topic: the most central ones say what the topic is about. */
export const NEAREST_SAMPLE = 8;

export class NearestEntries {
	private readonly kb?: KnowledgeBase;

	constructor(entries: readonly KnowledgeEntry[]) {
		if (entries.length > 0) this.kb = getKnowledgeBase(entries);
	}

	/**
	 * The entry ranked first for most of the sampled texts (higher summed score on a tie); its
	 * similarity is its mean score over all of them, 0 where it was not a candidate, and agreement
	 * the share of texts that ranked it first.
	 */
	nearest(texts: readonly string[], language: string): NearestEntry | null {
		const kb = this.kb;
		if (!kb) return null;
		const sample = texts.slice(0, NEAREST_SAMPLE);
		const votes = new Map<string, { first: number; sum: number }>();
		for (const text of sample) {
			const ranked = rankEntries(kb, text, language);
			ranked.forEach((candidate, rank) => {
				const tally = votes.get(candidate.id) ?? { first: 0, sum: 0 };
				if (rank === 0) tally.first++;
				tally.sum += candidate.score;
				votes.set(candidate.id, tally);
			});
		}
		let bestId: string | undefined;
		let best = { first: -1, sum: -1 };
		for (const [id, tally] of votes) {
			if (tally.first > best.first || (tally.first === best.first && (tally.sum > best.sum || (tally.sum === best.sum && bestId !== undefined && id < bestId)))) {
				bestId = id;
				best = tally;
			}
		}
		if (bestId === undefined || best.first <= 0) return null;
		const entry = kb.byId.get(bestId) as KnowledgeEntry;
		return {
			id: bestId,
			title: entry.title,
			similarity: Math.round((best.sum / sample.length) * 1000) / 1000,
			agreement: Math.round((best.first / sample.length) * 1000) / 1000,
		};
	}

	entry(id: string): KnowledgeEntry | undefined {
		return this.kb?.byId.get(id);
	}

	private readonly stems = new Map<string, Set<string>>();

	/**
	 * Whether the entry's title or questions use any of these stems. A ranking alone is not enough
	 * to call a topic almost covered: with few entries, something always ranks first.
	 */
	sharesStem(id: string, stems: readonly string[], language: TextLanguage): boolean {
		const entry = this.entry(id);
		if (!entry) return false;
		const key = `${language}\u0000${id}`;
		let known = this.stems.get(key);
		if (!known) {
			known = new Set<string>();
			for (const text of [entry.title, ...entry.questions]) for (const term of topicTerms(text, language).terms) if (term.startsWith('w ')) known.add(term.slice(2));
			this.stems.set(key, known);
		}
		return stems.some((stem) => known.has(stem));
	}
}
