/**
 * Topic features of a ticket: its content words, stemmed with the project's normaliser and
 * Snowball stemmers, as word 1–2-grams weighed by TF-IDF with the intent model's Vectorizer.
 * Unlike intent features, stop words, greetings, sign-offs, numbers and the customer's own name
 * are dropped: they say who wrote and how, not what about.
 */
import { Vectorizer, type FeatureConfig, type SparseVector } from '../intent/features';
import { normalizeWords, STOP_WORDS, stemWord, type TextLanguage } from '../text';

/** Texts are capped where they enter: a topic is told in its first lines. */
export const MAX_TEXT = 2_000;

// Politeness and email framing in es/pt/en that the stop-word lists do not have.
const FRAMING = new Set(
	(
		'hola buenas buenos buen dia dias tardes noches oye saludos gracias porfa favor estimados estimado quedo atento atenta atte cordial ' +
		'oi ola bom boa tarde obrigado obrigada abracos prezados prezado att pf vcs ' +
		'hi hey hello thanks thank thx cheers regards dear best morning afternoon evening pls please team ' +
		// how a request is framed, not what it is about
		'quiero quisiera queria tienen tiene tengo hay ustedes usted puedo pueden puede podrian necesito saber ayuda ' +
		'quero tem tenho voces posso podem pode preciso ajuda ' +
		'want wanted need can could would know help like'
	).split(' '),
);

// The stop-word lists spell "it's" and "don't"; normalised words have lost the apostrophe.
const STOP = new Set([...STOP_WORDS, ...[...STOP_WORDS].map((word) => word.replace(/['’]/g, '')), ...'son todo toda ahora dice mis tus sus pra vc voce you its im dont cant ive youre whats wheres isnt doesnt didnt wont'.split(' ')]);

export const GAP_FEATURES: FeatureConfig = { charMin: 1, charMax: 0, wordBigrams: true, minDf: 2 };

export interface TermList {
	terms: string[];
	/** stem -> the word it came from, first seen (for readable labels). */
	surfaces: Map<string, string>;
}

/**
 * An email's greeting and sign-off ("Hi,", "Thanks,\nSarah Jones") are short paragraphs of their
 * own: when a text has several paragraphs, those of three words or fewer are left out.
 */
function withoutFraming(text: string): string {
	if (!text.includes('\n')) return text;
	const paragraphs = text.split(/\n[ \t]*\n/);
	if (paragraphs.length < 2) return text;
	const long = paragraphs.filter((part) => part.trim().split(/\s+/).length > 3);
	return long.length ? long.join('\n') : text;
}

/** Content terms of one text: "w <stem>" and "b <stem> <stem>", as the intent features name them. */
export function topicTerms(text: string, language: TextLanguage, customerName?: string): TermList {
	const skip = new Set(customerName ? normalizeWords(customerName) : []);
	const stems: string[] = [];
	const surfaces = new Map<string, string>();
	for (const word of normalizeWords(withoutFraming(text.slice(0, MAX_TEXT)), language)) {
		if (word.length < 2 || /\d/.test(word) || STOP.has(word) || FRAMING.has(word) || skip.has(word)) continue;
		const stem = stemWord(word, language);
		if (!surfaces.has(stem)) surfaces.set(stem, word);
		stems.push(stem);
	}
	const terms = stems.map((stem) => `w ${stem}`);
	for (let i = 1; i < stems.length; i++) terms.push(`b ${stems[i - 1]} ${stems[i]}`);
	return { terms, surfaces };
}

/**
 * Pseudo-documents that hold none of the terms, added to the idf's document count. In a small
 * group the words its tickets share are also its most frequent, and plain idf would weigh them
 * least; with the background they weigh about as much as the rest, and in large groups it fades out.
 */
const BACKGROUND_DOCUMENTS = 50;

/** The intent model's Vectorizer over topic terms, with the background-smoothed idf above. */
export function fitVectorizer(termLists: readonly string[][]): Vectorizer {
	const df = new Map<string, number>();
	for (const terms of termLists) for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
	const kept = [...df.entries()].filter(([term, count]) => count >= GAP_FEATURES.minDf || term.startsWith('w '));
	kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
	const vocabulary = new Map<string, number>();
	const idf = new Float32Array(kept.length);
	const documents = termLists.length + BACKGROUND_DOCUMENTS;
	kept.forEach(([term, count], index) => {
		vocabulary.set(term, index);
		idf[index] = Math.log((1 + documents) / (1 + count)) + 1;
	});
	return new Vectorizer(GAP_FEATURES, vocabulary, idf);
}

export function dot(a: SparseVector, b: SparseVector): number {
	let i = 0;
	let j = 0;
	let sum = 0;
	while (i < a.indices.length && j < b.indices.length) {
		const x = a.indices[i];
		const y = b.indices[j];
		if (x === y) sum += a.values[i++] * b.values[j++];
		else if (x < y) i++;
		else j++;
	}
	return sum;
}
