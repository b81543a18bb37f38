/**
 * Keyword (BM25) search over article-style entries, through minisearch. Texts are reduced to
 * accent-folded, stemmed, stop-word-free terms before indexing, so "devoluciones" finds
 * "devolución". Minisearch's score is unbounded, so the 0–1 score is the share of the query's
 * content words that the best entry contains.
 */
import MiniSearch from 'minisearch';
import { isStopWord, normalizeWords, resolveLanguage, stemWords, type TextLanguage } from '../text';
import type { KnowledgeEntry } from './types';

export interface KeywordHit {
	id: string;
	/** 0–1: share of the query's content terms found in the entry. */
	score: number;
	raw: number;
}

interface IndexedEntry {
	id: string;
	title: string;
	body: string;
}

export function contentTerms(text: string, language: TextLanguage): string[] {
	const words = normalizeWords(text, language).filter((word) => word.length > 1 && !isStopWord(word));
	return stemWords(words, language);
}

function answerTexts(entry: KnowledgeEntry): Array<[string, string | undefined]> {
	if (typeof entry.answer === 'string') return [[entry.answer, entry.language]];
	return Object.entries(entry.answer).map(([language, text]) => [text ?? '', language]);
}

/** minisearch's own default edit allowance, set explicitly because the length bound above relies on it. */
const MAX_FUZZY = 6;

export class KeywordIndex {
	private readonly search: MiniSearch<IndexedEntry>;
	private readonly termsById = new Map<string, Set<string>>();
	private longestTerm = 0;

	constructor(entries: readonly KnowledgeEntry[], private readonly languages: readonly TextLanguage[]) {
		this.search = new MiniSearch<IndexedEntry>({
			fields: ['title', 'body'],
			// Texts arrive already normalised and stemmed; splitting on spaces is all that is left.
			tokenize: (text) => text.split(' ').filter((t) => t !== ''),
			searchOptions: { boost: { title: 2 } },
		});
		const documents = entries.map((entry) => {
			const title = this.terms(entry.title, entry.language);
			const bodyParts = [...entry.questions.map((q) => this.terms(q, entry.language)), ...(entry.tags ?? []).map((t) => this.terms(t, entry.language))];
			for (const [text, language] of answerTexts(entry)) bodyParts.push(this.terms(text, language));
			const body = bodyParts.flat();
			this.termsById.set(entry.id, new Set([...title, ...body]));
			for (const term of [...title, ...body]) this.longestTerm = Math.max(this.longestTerm, term.length);
			return { id: entry.id, title: title.join(' '), body: body.join(' ') };
		});
		this.search.addAll(documents);
	}

	get size(): number {
		return this.termsById.size;
	}

	private terms(text: string, language: string | undefined): string[] {
		return contentTerms(text, resolveLanguage(text, language, this.languages));
	}

	query(text: string, language: TextLanguage, limit = 3): KeywordHit[] {
		const terms = [...new Set(contentTerms(text, language))];
		if (terms.length === 0 || this.termsById.size === 0) return [];
		// minisearch's fuzzy match allocates a table of the term's length squared; a term longer than
		// every indexed one by more than its edit allowance cannot match fuzzily, so it is looked up exactly.
		const fuzzyUpTo = this.longestTerm + MAX_FUZZY;
		const results = this.search.search(terms.join(' '), { combineWith: 'OR', maxFuzzy: MAX_FUZZY, fuzzy: (term) => (term.length >= 5 && term.length <= fuzzyUpTo ? 0.2 : false) });
		return results.slice(0, limit).map((result) => {
			const known = this.termsById.get(String(result.id)) ?? new Set<string>();
			// Fuzzy matches count too: minisearch reports which query terms matched.
			const matched = new Set(result.queryTerms.filter((t) => terms.includes(t)));
			for (const term of terms) if (known.has(term)) matched.add(term);
			return { id: String(result.id), score: matched.size / terms.length, raw: result.score };
		});
	}
}
