/** A draft knowledge entry for a topic: its customers' questions and, where a person answered, that answer. */
import type { SparseVector } from '../intent/features';
import type { KnowledgeEntry } from '../knowledge/types';
import type { TextLanguage } from '../text';
import { centroidOf } from './cluster';
import type { DraftEntry } from './types';
import { dot, fitVectorizer, topicTerms } from './vectors';

const MAX_QUESTION = 300;

const PLACEHOLDER: Record<TextLanguage, string> = {
	es: 'BORRADOR: escribe aquí la respuesta para «{{topic}}».',
	pt: 'RASCUNHO: escreva aqui a resposta para «{{topic}}».',
	en: 'DRAFT: write the answer for "{{topic}}" here.',
};

/**
 * The question in a ticket text: for a multi-paragraph email, the paragraph with the most content
 * words (greetings and sign-offs have none); on one line, capped.
 */
export function asQuestion(text: string, language: TextLanguage = 'en'): string {
	const paragraphs = text.split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean);
	let best = paragraphs[0] ?? '';
	if (paragraphs.length > 1) {
		let most = -1;
		for (const part of paragraphs) {
			const count = topicTerms(part, language).terms.filter((term) => term.startsWith('w ')).length;
			if (count > most) [best, most] = [part, count];
		}
	}
	return best.replace(/\s+/g, ' ').trim().slice(0, MAX_QUESTION);
}

export interface Answered {
	ticketId: string;
	text: string;
}

/**
 * The most representative of the answers people gave: the one nearest the centre of all of them
 * (so a template answer used many times wins over a one-off), then the most repeated, then the shortest.
 */
export function representativeAnswer(answers: readonly Answered[], language: TextLanguage): Answered | undefined {
	if (answers.length <= 1) return answers[0];
	const termLists = answers.map((answer) => topicTerms(answer.text, language).terms);
	const vectorizer = fitVectorizer(termLists);
	const vectors: SparseVector[] = termLists.map((terms) => vectorizer.transformTerms(terms));
	const centre = centroidOf(vectors);
	const repeats = new Map<string, number>();
	for (const answer of answers) repeats.set(answer.text, (repeats.get(answer.text) ?? 0) + 1);
	const scored = answers.map((answer, i) => ({ answer, score: Math.round(dot(vectors[i], centre) * 1e6), repeats: repeats.get(answer.text) ?? 0 }));
	scored.sort(
		(a, b) =>
			b.score - a.score ||
			b.repeats - a.repeats ||
			a.answer.text.length - b.answer.text.length ||
			(a.answer.text < b.answer.text ? -1 : a.answer.text > b.answer.text ? 1 : 0) ||
			(a.answer.ticketId < b.answer.ticketId ? -1 : 1),
	);
	return scored[0].answer;
}

export function draftEntry(options: {
	id: string;
	language: TextLanguage;
	label: string;
	representative: string;
	questions: readonly string[];
	answers: readonly Answered[];
	/** An existing entry that almost covers the topic: the draft adds questions to it, keeping its answer unless a person's is found. */
	extends?: KnowledgeEntry;
}): DraftEntry {
	const chosen = representativeAnswer(options.answers, options.language);
	const questions = [...new Set(options.questions.map((text) => asQuestion(text, options.language)).filter(Boolean))];
	const base = options.extends;
	return {
		id: options.id,
		title: base ? base.title : asQuestion(options.representative, options.language).slice(0, 120),
		questions,
		answer: chosen ? chosen.text.trim() : base ? base.answer : PLACEHOLDER[options.language].replace('{{topic}}', options.label),
		language: options.language,
		tags: ['draft', 'knowledge-gap'],
		needsAnswer: !chosen && !base,
		...(chosen ? { answerFrom: chosen.ticketId } : {}),
		...(base ? { extends: base.id } : {}),
	};
}
