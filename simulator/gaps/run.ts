import path from 'node:path';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { findKnowledgeGaps, type GapTicket } from '../../nodes/shared/insights';
import { workflowCalendar } from '../cli';
import { createEngine, readWorkflowFile } from '../engine';
import type { ReplayReport } from '../metrics/accumulator';
import { ratio } from '../metrics/stats';
import { startProgress } from '../progress';
import { applyKnowledgeFile } from '../replay/knowledge';
import { replay, type ReplayOptions } from '../replay/replay';
import { assertZone, readColumnMap } from '../tickets';
import { workflowKnowledge, writeKnowledgeWithDrafts } from './knowledge-base';
import type { GapsSection, GapTopicReport, ResolutionFigures } from './types';
import { resolutionOf, secondHalf, splitOutcome, type SplitOutcome } from './split';
import { unansweredTicket } from './unanswered';

export interface GapsOptions {
	workflow: string;
	tickets: string;
	preset?: string;
	map?: string;
	tz?: string;
	knowledge?: string;
	workers?: number;
	limit?: number;
	minSize?: number;
	threshold?: number;
	merge?: number;
	/** How many of the largest knowledge topics get their draft added in the side-by-side replay. */
	top: number;
	/** Also build drafts from the first half of the history only and measure them on the second half. */
	split?: boolean;
	quiet?: boolean;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

const figures = (report: ReplayReport): ResolutionFigures => ({
	aiResolved: report.resolution.aiResolved,
	rate: report.resolution.rate,
	wrongAnswers: report.wrongAnswerRisk.count,
	wrongAnswerRate: report.wrongAnswerRisk.rate,
});

/**
 * Replays the history, groups what the AI did not resolve into topics, drafts an entry per topic,
 * then replays the same tickets with the largest topics' drafts added to the knowledge base, so the
 * gain is measured by the real workflow rather than guessed.
 */
export async function runGaps(options: GapsOptions): Promise<ReplayReport & { gaps: GapsSection }> {
	let workflow = readWorkflowFile(options.workflow);
	const workflowName = path.basename(options.workflow);
	const knowledge = workflowKnowledge(workflow, options.knowledge);
	if (options.knowledge) workflow = applyKnowledgeFile(workflow, options.knowledge);
	const engine = await createEngine({ credentials: options.credentials });
	engine.prepare(workflow, workflowName);
	const calendar = workflowCalendar(workflow);
	const zone = assertZone(options.tz ?? calendar.zone ?? 'UTC');
	const workers = options.workers ?? 1;
	const common: Omit<ReplayOptions, 'workflow'> = {
		workflowName,
		tickets: options.tickets,
		preset: options.preset ?? 'generic',
		map: options.map ? readColumnMap(options.map) : undefined,
		zone,
		limit: options.limit,
		workers,
		credentials: options.credentials,
		holidayCountry: calendar.country,
		holidayState: calendar.state,
		engine: workers > 1 ? undefined : engine,
	};
	const run = async (variant: typeof workflow, onOutcome: ReplayOptions['onOutcome']) => {
		const progress = await startProgress(options.tickets, Boolean(options.quiet));
		try {
			return await replay({ ...common, workflow: variant, onOutcome, onProgress: progress.update });
		} finally {
			progress.stop();
		}
	};

	const unanswered: GapTicket[] = [];
	const outcomes: SplitOutcome[] = [];
	const before = await run(workflow, (outcome) => {
		const ticket = unansweredTicket(outcome);
		if (ticket) unanswered.push(ticket);
		if (options.split) outcomes.push(splitOutcome(outcome));
	});
	if (before.tickets.replayed === 0) throw new Error(`none of the ${before.tickets.read} rows of ${options.tickets} could be replayed`);
	const analysis = findKnowledgeGaps(unanswered, { minSize: options.minSize, threshold: options.threshold, merge: options.merge, knowledge });
	const knowledgeTopics = analysis.topics.filter((topic) => topic.kind === 'knowledge');
	const chosen = new Set(knowledgeTopics.slice(0, options.top).map((topic) => topic.id));

	const unansweredIds = new Set(unanswered.map((ticket) => ticket.id));
	const resolvedNow = new Set<string>();
	const withDrafts = applyKnowledgeFile(workflow, writeKnowledgeWithDrafts(knowledge, knowledgeTopics.filter((topic) => chosen.has(topic.id)).map((topic) => topic.draft)));
	const after = await run(withDrafts, (outcome) => {
		if (outcome.aiResolved && unansweredIds.has(outcome.id)) resolvedNow.add(outcome.id);
	});

	let split: GapsSection['split'];
	if (options.split) {
		const { ids: later, cutMs } = secondHalf(outcomes);
		const earlier = findKnowledgeGaps(
			unanswered.filter((ticket) => !later.has(ticket.id)),
			{ minSize: options.minSize, threshold: options.threshold, merge: options.merge, knowledge },
		);
		const drafts = earlier.topics.filter((topic) => topic.kind === 'knowledge').slice(0, options.top);
		const measured: SplitOutcome[] = [];
		await run(applyKnowledgeFile(workflow, writeKnowledgeWithDrafts(knowledge, drafts.map((topic) => topic.draft))), (outcome) => {
			if (later.has(outcome.id)) measured.push(splitOutcome(outcome));
		});
		const was = outcomes.filter((o) => later.has(o.id));
		const resolvedBefore = new Set(was.filter((o) => o.aiResolved).map((o) => o.id));
		const gainedLater = measured.filter((o) => o.aiResolved && !resolvedBefore.has(o.id)).length;
		const after = resolutionOf(measured);
		split = {
			cutAt: Number.isFinite(cutMs) ? new Date(cutMs).toISOString() : null,
			drafts: drafts.map((topic) => topic.id),
			tickets: was.length,
			before: resolutionOf(was),
			after,
			gained: gainedLater,
			lost: resolvedBefore.size + gainedLater - after.aiResolved,
			note: "out of sample: the drafts come from the first half's unanswered tickets; resolution is counted on the second half",
		};
	}

	const topics: GapTopicReport[] = analysis.topics.map((topic) => ({
		...topic,
		added: chosen.has(topic.id),
		gained: chosen.has(topic.id) ? topic.ticketIds.filter((id) => resolvedNow.has(id)).length : null,
	}));
	const topFive = (list: readonly { size: number }[], of: number) => ratio(list.slice(0, 5).reduce((sum, topic) => sum + topic.size, 0), of);
	const gained = resolvedNow.size;
	const gaps: GapsSection = {
		settings: { ...analysis.settings, top: options.top },
		unanswered: analysis.unanswered,
		knowledgeMisses: analysis.knowledgeMisses,
		byLanguage: analysis.byLanguage,
		clustered: analysis.clustered,
		topFiveShare: topFive(analysis.topics, analysis.unanswered),
		topFiveKnowledgeShare: topFive(knowledgeTopics, analysis.unanswered),
		topFiveKnowledgeMissShare: topFive(knowledgeTopics, analysis.knowledgeMisses),
		topics,
		sideBySide: {
			draftsAdded: chosen.size,
			before: figures(before),
			after: figures(after),
			gained,
			lost: before.resolution.aiResolved + gained - after.resolution.aiResolved,
			note: "in-sample: the drafts' example questions are taken from the same tickets that are replayed",
		},
		...(split ? { split } : {}),
	};
	return { ...before, gaps };
}

/** The drafts of the knowledge topics, ready to review and load with --knowledge. */
export function draftsFile(gaps: GapsSection): string {
	const drafts = gaps.topics.filter((topic) => topic.kind === 'knowledge').map((topic) => ({ ...topic.draft, topic: topic.id, tickets: topic.size }));
	return `${JSON.stringify(drafts, null, 2)}\n`;
}
