/** Stop words (from the `stopword` package), accent-folded, for keyword search: es, pt and en together. */
import { eng, por, spa } from 'stopword';
import { foldAccents } from './normalize';

// One merged set: mixed-language and Spanglish messages are common, and a stop word in one of
// these languages rarely carries the topic in another.
export const STOP_WORDS: ReadonlySet<string> = new Set([...eng, ...spa, ...por].map((word) => foldAccents(word)));

export function isStopWord(word: string): boolean {
	return STOP_WORDS.has(word);
}
