/** A knowledge base entry: an FAQ (with example questions) or an article (title + answer only). */
export type LocalizedText = string | Partial<Record<string, string>>;

export interface KnowledgeEntry {
	id: string;
	title: string;
	questions: string[];
	/** One answer, or one per language: { en, es, pt }. */
	answer: LocalizedText;
	tags?: string[];
	language?: string;
	tier?: 'L1' | 'L2' | 'L3' | 'L4';
}
