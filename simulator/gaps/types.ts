import type { GapTopic } from '../../nodes/shared/insights';

export interface ResolutionFigures {
	aiResolved: number;
	rate: number | null;
	wrongAnswers: number;
	wrongAnswerRate: number | null;
}

export interface GapTopicReport extends GapTopic {
	/** Its draft was added in the side-by-side replay. */
	added: boolean;
	/** Of its tickets, how many the AI resolved once the drafts were added (null when its draft was not added). */
	gained: number | null;
}

/** What `support-sim gaps` adds to the replay report, and what the HTML "Knowledge gaps" section shows. */
export interface GapsSection {
	settings: { minSize: number; threshold: number; merge: number; top: number };
	unanswered: number;
	/** Of them, tickets no rule sends to a person (GapKind "knowledge"): what an entry can change. */
	knowledgeMisses: number;
	byLanguage: Record<string, number>;
	clustered: number;
	/** Share of all unanswered tickets in the five largest topics of either kind. */
	topFiveShare: number | null;
	/** The five largest knowledge topics: their share of all unanswered tickets, and of the knowledge misses. */
	topFiveKnowledgeShare: number | null;
	topFiveKnowledgeMissShare: number | null;
	topics: GapTopicReport[];
	sideBySide: {
		draftsAdded: number;
		before: ResolutionFigures;
		after: ResolutionFigures;
		/** Unanswered before, resolved by the AI after. */
		gained: number;
		/** Resolved before, not after (a draft took a question an older entry answered). */
		lost: number;
		/** The drafts' example questions come from these same tickets, so this is an in-sample estimate. */
		note: string;
	};
	/** With --split: drafts from the first half of the history, measured on the second half. */
	split?: {
		/** The first second of the second half (UTC); null when no ticket had a time. */
		cutAt: string | null;
		/** The topics of the first half whose drafts were added. */
		drafts: string[];
		/** Tickets in the second half. */
		tickets: number;
		before: ResolutionFigures;
		after: ResolutionFigures;
		gained: number;
		lost: number;
		note: string;
	};
}
