/**
 * Answers one ticket from a knowledge base: the intent model scores entries with example
 * questions, keyword search scores article-style entries, and the best calibrated score wins.
 * Below the threshold the answer is "not found": it never invents.
 */
import type { KnowledgeSection, ReplySection, Ticket } from '../ticket';
import { resolveLanguage } from '../text';
import { answerReply, pickAnswer } from './answer';
import type { KnowledgeBase } from './base';
import type { KnowledgeEntry } from './types';

export interface LookupOptions {
	/** 0–1; below it the ticket goes to "not found". */
	threshold: number;
	/** Override for the text to match; defaults to message.text. */
	text?: string;
	/** Add `reply` when answered. */
	reply?: boolean;
	/** How many sources to list. */
	maxSources?: number;
	/** A lower threshold for routine tickets; off when absent. */
	routine?: RoutineOptions;
}

/**
 * Whether the needs-a-human model is sure a ticket is routine: then an entry scoring below the
 * threshold, though not below `threshold` here, is still the answer. A plain question told inside a
 * story ("my son's birthday is on the 20th, will it arrive?") scores low against example questions
 * and would otherwise go to a person who only has to send the same article.
 */
export interface RoutineOptions {
	threshold: number;
	/** triage.humanScore must be below this (the ticket must have been triaged). */
	maxHumanScore: number;
}

export const DEFAULT_THRESHOLD = 0.5;
/** With a routine threshold of 0.35 (the templates'): chosen on the hand-written development sets bench/dev8–dev11, never on bench/heldout. */
export const DEFAULT_ROUTINE_MAX_HUMAN_SCORE = 0.2;

export interface LookupResult {
	knowledge: KnowledgeSection;
	reply?: ReplySection;
	/** The language the customer is answered in. */
	language: string;
}

interface Candidate {
	id: string;
	score: number;
	method: 'model' | 'bm25';
}

/** The customer's language: triage's verdict, then the customer profile, then a guess from the text. */
export function customerLanguage(ticket: Partial<Ticket>, text: string, kb: KnowledgeBase): string {
	const hint = ticket.triage?.language ?? ticket.customer?.language;
	return resolveLanguage(text, hint, hint ? undefined : kb.languages.length > 0 ? kb.languages : undefined);
}

export function rankEntries(kb: KnowledgeBase, text: string, language: string): Candidate[] {
	const candidates: Candidate[] = [];
	if (kb.model) {
		const prediction = kb.model.predict(text, language);
		candidates.push({ id: prediction.intent, score: prediction.score, method: 'model' });
		for (const other of prediction.top.slice(1, 3)) candidates.push({ id: other.id, score: other.p * prediction.score / Math.max(prediction.confidence, 1e-9), method: 'model' });
	}
	if (kb.keywords) {
		const lang = resolveLanguage(text, language, kb.languages);
		for (const hit of kb.keywords.query(text, lang)) candidates.push({ id: hit.id, score: hit.score * KEYWORD_CEILING, method: 'bm25' });
	}
	// One line per entry, keeping its best score.
	const best = new Map<string, Candidate>();
	for (const candidate of candidates) {
		const seen = best.get(candidate.id);
		if (!seen || candidate.score > seen.score) best.set(candidate.id, candidate);
	}
	return [...best.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

/** Keyword coverage is not a probability; full coverage is strong evidence but not certainty. */
const KEYWORD_CEILING = 0.9;

export function lookupKnowledge(ticket: Partial<Ticket>, kb: KnowledgeBase, options: LookupOptions): LookupResult {
	const text = options.text ?? ticket.message?.text ?? '';
	const language = customerLanguage(ticket, text, kb);
	const ranked = text.trim() ? rankEntries(kb, text, language) : [];
	const best = ranked[0];
	const entry: KnowledgeEntry | undefined = best ? kb.byId.get(best.id) : undefined;
	const score = best ? round(best.score) : 0;
	const maxSources = options.maxSources ?? 1;
	const threshold = thresholdFor(ticket, options);
	if (!best || !entry || best.score < threshold) {
		return { knowledge: { answered: false, score, sources: [], bestId: best?.id, method: best?.method }, language };
	}
	const answer = pickAnswer(entry.answer, language, entry.language);
	// Other entries are listed only when they would have been answers on their own.
	const sources = ranked
		.filter((c, index) => index === 0 || c.score >= options.threshold)
		.slice(0, maxSources)
		.map((c) => kb.byId.get(c.id))
		.filter((e): e is KnowledgeEntry => Boolean(e))
		.map((e) => ({ id: e.id, title: e.title }));
	const knowledge: KnowledgeSection = { answered: true, answer: answer.text, score, sources, bestId: best.id, method: best.method };
	if (best.score < options.threshold) knowledge.routine = true;
	const result: LookupResult = { knowledge, language: answer.language };
	if (options.reply !== false) {
		result.reply = { text: answerReply(ticket, answer.text, answer.language), language: answer.language };
	}
	return result;
}

function thresholdFor(ticket: Partial<Ticket>, options: LookupOptions): number {
	const humanScore = ticket.triage?.humanScore;
	const routine = options.routine;
	return routine && typeof humanScore === 'number' && humanScore < routine.maxHumanScore ? Math.min(options.threshold, routine.threshold) : options.threshold;
}

function round(value: number): number {
	return Math.round(value * 1000) / 1000;
}
