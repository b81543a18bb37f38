import type { TicketOutcome } from '../replay/outcome';
import { ratio, round } from './stats';

/** The guide's CSAT targets on a 1–5 scale. */
export const CSAT_GOALS = { target: 4.0, excellent: 4.5 };

interface Tally {
	answered: number;
	sum: number;
	satisfied: number;
	unhappy: number;
	counts: number[];
}

const tally = (): Tally => ({ answered: 0, sum: 0, satisfied: 0, unhappy: 0, counts: [0, 0, 0, 0, 0] });

export interface CsatFigures {
	answered: number;
	mean: number | null;
	/** Share of 4s and 5s. */
	satisfied: number | null;
	/** Share of 1s and 2s: the scores that reopen a conversation to a person. */
	unhappy: number | null;
	/** How many 1s … 5s. */
	counts: number[];
}

function figures(t: Tally): CsatFigures {
	return { answered: t.answered, mean: t.answered ? round(t.sum / t.answered, 2) : null, satisfied: ratio(t.satisfied, t.answered), unhappy: ratio(t.unhappy, t.answered), counts: [...t.counts] };
}

/**
 * Historical CSAT (the `csat` column, 1–5) beside the forecast: overall, by the tier the workflow
 * now routes each ticket to, and by who resolved it then (`resolved_by`). Scores outside 1–5 are
 * counted as invalid, not averaged.
 */
export class CsatAccumulator {
	private readonly all = tally();
	private readonly byTier = new Map<string, Tally>();
	private readonly byResolver = new Map<string, Tally>();
	private readonly byForecast = new Map<string, Tally>();
	private invalid = 0;

	add(outcome: TicketOutcome): void {
		const score = outcome.labels.csat;
		if (score === undefined) return;
		if (!Number.isInteger(score) || score < 1 || score > 5) {
			this.invalid++;
			return;
		}
		const groups = [
			this.all,
			this.group(this.byTier, outcome.tier ?? 'unrouted'),
			this.group(this.byResolver, outcome.labels.resolvedBy ?? 'unknown'),
			this.group(this.byForecast, outcome.aiResolved ? 'ai' : 'person'),
		];
		for (const t of groups) {
			t.answered++;
			t.sum += score;
			t.counts[score - 1]++;
			if (score >= 4) t.satisfied++;
			if (score <= 2) t.unhappy++;
		}
	}

	private group(map: Map<string, Tally>, key: string): Tally {
		let t = map.get(key);
		if (!t) map.set(key, (t = tally()));
		return t;
	}

	summary() {
		const sorted = (map: Map<string, Tally>) => Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, t]) => [key, figures(t)]));
		return {
			...figures(this.all),
			invalid: this.invalid,
			goals: CSAT_GOALS,
			byTier: sorted(this.byTier),
			byResolver: sorted(this.byResolver),
			/** Historical scores of the tickets the AI would now resolve, against those still going to people. */
			byForecast: sorted(this.byForecast),
		};
	}
}

export type CsatSummary = ReturnType<CsatAccumulator['summary']>;
