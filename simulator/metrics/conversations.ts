import { extractFacts } from '../../nodes/shared/routing/facts';
import type { TicketOutcome } from '../replay/outcome';
import { NumberList, percentile, ratio, round } from './stats';

/** A conversation idle this long in the history's time is scored and let go (the replay's store forgets it too). */
const FORGET_AFTER_MS = 7 * 86_400_000;
const DAY_MS = 86_400_000;
/** Texts and facts kept per conversation: enough to see a repeat, bounded whatever its length. */
const MAX_KEPT = 50;
const MAX_TEXT = 500;

interface Open {
	turns: number;
	lastMs: number;
	lastAiResolved: boolean;
	escalated: boolean;
	humanAsks: number;
	humanAsksAnswered: number;
	answers: string[];
	facts: string[];
	looped: boolean;
	repeated: boolean;
}

export interface ConversationSummary {
	conversations: number;
	/** Conversations of two turns or more. */
	multiTurn: number;
	turns: number;
	/** Conversations whose last turn the AI resolved: the customer asked for nothing more. */
	resolvedByAi: number;
	/** Customer turns in those conversations. */
	turnsToResolution: { mean: number | null; median: number | null; distribution: Record<'1' | '2' | '3' | '4+', number> };
	/** Conversations with a turn routed to a person. */
	escalated: number;
	/** Conversations in which the AI gave the same answer twice. */
	loops: number;
	/** Conversations in which the customer asked for a person three times or more and no request reached one. */
	deadEnds: number;
	/** Turns that arrived while a person had the conversation (or its state was unknown). */
	takeoverTurns: number;
	/** Of those, turns the bot still answered or greeted: must be 0. */
	aiRepliesDuringTakeover: number;
	/** Conversations in which the customer gave the same fact (order number, email, phone) in two turns. */
	repeatedThemselves: number;
	/** Turns sent to a person by the repeated-failure rule. */
	repeatedFailureEscalations: number;
}

const normalize = (text: string) => text.slice(0, MAX_TEXT).toLowerCase().replace(/\s+/g, ' ').trim();
const escalatedTier = (outcome: TicketOutcome) => outcome.tier === 'L3' || outcome.tier === 'L4';

/**
 * Conversation metrics over outcomes that arrive in order within each conversation (the replay keeps
 * a conversation on one worker, in time order). Memory holds only the conversations still open.
 */
export class ConversationAccumulator {
	private readonly open = new Map<string, Open>();
	private latestMs = -Infinity;
	private sweptAt = -Infinity;
	private conversations = 0;
	private multiTurn = 0;
	private turns = 0;
	private resolvedByAi = 0;
	private readonly resolutionTurns = new NumberList();
	private escalated = 0;
	private loops = 0;
	private deadEnds = 0;
	private takeoverTurns = 0;
	private aiRepliesDuringTakeover = 0;
	private repeatedThemselves = 0;
	private repeatedFailureEscalations = 0;

	/** Outcomes without a conversation (the file has no conversation column) are not scored here. */
	add(outcome: TicketOutcome): void {
		if (outcome.conversation === undefined) return;
		const ms = Date.parse(outcome.receivedAt);
		let state = this.open.get(outcome.conversation);
		if (state && Number.isFinite(ms) && ms - state.lastMs > FORGET_AFTER_MS) {
			this.close(state);
			state = undefined;
		}
		if (!state) {
			state = { turns: 0, lastMs: ms, lastAiResolved: false, escalated: false, humanAsks: 0, humanAsksAnswered: 0, answers: [], facts: [], looped: false, repeated: false };
			this.open.set(outcome.conversation, state);
		}
		this.turns++;
		state.turns++;
		if (Number.isFinite(ms)) state.lastMs = Math.max(state.lastMs, ms);
		state.lastAiResolved = outcome.aiResolved;
		const toPerson = escalatedTier(outcome);
		if (toPerson) state.escalated = true;
		if (outcome.humanRequested) {
			state.humanAsks++;
			if (toPerson) state.humanAsksAnswered++;
		}
		if (outcome.takenOver) {
			this.takeoverTurns++;
			if (outcome.replyText || outcome.greeted) this.aiRepliesDuringTakeover++;
		}
		if (toPerson && outcome.rules?.includes('repeatedFailure')) this.repeatedFailureEscalations++;
		if (!toPerson && outcome.replyText && !outcome.replyPending) {
			const answer = outcome.answerEntry ? `entry:${outcome.answerEntry}` : normalize(outcome.replyText);
			if (state.answers.includes(answer)) state.looped = true;
			else if (state.answers.length < MAX_KEPT) state.answers.push(answer);
		}
		const facts = extractFacts([outcome.text.slice(0, 4000)]);
		const seenHere = new Set<string>();
		for (const fact of [...facts.orderNumbers.map((f) => `order:${f.toUpperCase()}`), ...facts.emails.map((f) => `email:${f}`), ...facts.phones.map((f) => `phone:${f.replace(/\D/g, '')}`)]) {
			if (seenHere.has(fact)) continue;
			seenHere.add(fact);
			if (state.facts.includes(fact)) state.repeated = true;
			else if (state.facts.length < MAX_KEPT) state.facts.push(fact);
		}
		if (Number.isFinite(ms) && ms > this.latestMs) this.latestMs = ms;
		if (this.latestMs - this.sweptAt >= DAY_MS) this.sweep();
		// A turn from before the last sweep's cutoff (a file out of time order) is let go at once, as that
		// sweep would have, and as the replay's store forgets it: otherwise it would stay open for good.
		if (this.open.get(outcome.conversation) === state && state.lastMs < this.sweptAt - FORGET_AFTER_MS) {
			this.close(state);
			this.open.delete(outcome.conversation);
		}
	}

	private sweep(): void {
		this.sweptAt = this.latestMs;
		for (const [key, state] of this.open) {
			if (this.latestMs - state.lastMs <= FORGET_AFTER_MS) continue;
			this.close(state);
			this.open.delete(key);
		}
	}

	private close(state: Open): void {
		this.conversations++;
		if (state.turns > 1) this.multiTurn++;
		if (state.escalated) this.escalated++;
		if (state.lastAiResolved) {
			this.resolvedByAi++;
			this.resolutionTurns.push(state.turns);
		}
		if (state.looped) this.loops++;
		if (state.humanAsks >= 3 && state.humanAsksAnswered === 0) this.deadEnds++;
		if (state.repeated) this.repeatedThemselves++;
	}

	/** Undefined when no outcome had a conversation. */
	summary(): ConversationSummary | undefined {
		for (const state of this.open.values()) this.close(state);
		this.open.clear();
		if (this.conversations === 0) return undefined;
		const distribution = { '1': 0, '2': 0, '3': 0, '4+': 0 };
		let sum = 0;
		for (const turns of this.resolutionTurns.values()) {
			sum += turns;
			distribution[turns >= 4 ? '4+' : (String(turns) as '1' | '2' | '3')]++;
		}
		return {
			conversations: this.conversations,
			multiTurn: this.multiTurn,
			turns: this.turns,
			resolvedByAi: this.resolvedByAi,
			turnsToResolution: {
				mean: this.resolutionTurns.length ? round(sum / this.resolutionTurns.length, 2) : null,
				median: percentile(this.resolutionTurns.values(), 50),
				distribution,
			},
			escalated: this.escalated,
			loops: this.loops,
			deadEnds: this.deadEnds,
			takeoverTurns: this.takeoverTurns,
			aiRepliesDuringTakeover: this.aiRepliesDuringTakeover,
			repeatedThemselves: this.repeatedThemselves,
			repeatedFailureEscalations: this.repeatedFailureEscalations,
		};
	}
}

/** The share of conversations the AI resolved, for the report. */
export function aiConversationRate(summary: ConversationSummary): number | null {
	return ratio(summary.resolvedByAi, summary.conversations);
}
