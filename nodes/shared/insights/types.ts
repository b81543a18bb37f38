import type { KnowledgeEntry } from '../knowledge/types';

/** Why a ticket is in the gap analysis: the knowledge base had nothing, too little, or a person took it. */
export type GapReason = 'not_found' | 'low_confidence' | 'person';

/** knowledge: a knowledge entry could change the ticket's route; policy: a rule sends it to a person whatever the knowledge base holds. */
export type GapKind = 'knowledge' | 'policy';

/** One ticket the AI did not resolve. */
export interface GapTicket {
	id: string;
	text: string;
	/** es, pt or en; guessed from the text when missing. */
	language?: string;
	/** Its words are left out of the topic features (sign-offs carry the customer's name). */
	customerName?: string;
	reason?: GapReason;
	/** Escalated by a rule no knowledge entry can lift (angry, legal, injection, a request for a person…). */
	policy?: boolean;
	/** Outside business hours; undefined when not known. */
	offHours?: boolean;
	/** What a person answered, from history or the conversation. */
	resolutionText?: string;
}

export interface GapOptions {
	/** Topics with fewer tickets are not reported (a topic is never one ticket). Default 3. */
	minSize?: number;
	/** Cosine similarity a ticket needs to join a topic. Default 0.25. */
	threshold?: number;
	/** Cosine similarity of two topics' centres at which they become one topic. Default 0.4. */
	merge?: number;
	/** Example texts per topic. Default 5. */
	examples?: number;
	/** Example questions in each draft entry. Default 8. */
	draftQuestions?: number;
	/** Existing knowledge base, to show the nearest entry of each topic. */
	knowledge?: readonly KnowledgeEntry[];
	/** A nearest entry at least this similar, ranked first for three texts in four and sharing a topic word, marks the topic "almost covered": its draft then extends that entry. Default 0.35. */
	almostCovered?: number;
}

export interface NearestEntry {
	id: string;
	title: string;
	/** The entry's mean Knowledge Lookup score over the topic's central texts, 0–1 (the lookup answers from 0.5 by default). */
	similarity: number;
	/** Share of those texts that ranked it first. */
	agreement: number;
}

export interface DraftEntry extends KnowledgeEntry {
	language: string;
	/** True when no person's answer was found in history: someone has to write it. */
	needsAnswer: boolean;
	/** The ticket whose person's answer was taken, when one was. */
	answerFrom?: string;
	/** For an almost-covered topic: the existing entry these questions should be added to, instead of a new entry. */
	extends?: string;
}

export interface GapTopic {
	id: string;
	language: string;
	/** Knowledge misses and tickets sent to a person by a rule are grouped apart (see GapKind). */
	kind: GapKind;
	/** Top distinctive terms, most distinctive first. */
	terms: string[];
	label: string;
	/** The member closest to the topic's centre. */
	representative: string;
	size: number;
	/** Of all unanswered tickets given. */
	share: number;
	/** Of the knowledge misses (tickets no rule sends to a person); null for a policy topic. */
	knowledgeShare: number | null;
	/** Of the members whose hours are known; null when none are. */
	offHoursShare: number | null;
	reasons: Record<GapReason, number>;
	/** Share of members escalated by a policy rule (0 or 1: the kinds are grouped apart). */
	policyShare: number;
	examples: string[];
	ticketIds: string[];
	nearest: NearestEntry | null;
	almostCovered: boolean;
	draft: DraftEntry;
}

export interface GapAnalysis {
	unanswered: number;
	/** Unanswered tickets no rule sends to a person: what knowledge entries can change. */
	knowledgeMisses: number;
	byLanguage: Record<string, number>;
	/** Tickets in a reported topic. */
	clustered: number;
	topics: GapTopic[];
	settings: { minSize: number; threshold: number; merge: number };
}
