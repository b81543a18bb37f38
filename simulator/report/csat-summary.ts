import type { CsatSummary } from '../metrics/csat';

const score = (value: number | null) => (value === null ? '—' : value.toFixed(2));
const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);

/** Terminal lines for the historical CSAT, beside the forecast; none when the history has no scores. */
export function csatLines(csat: CsatSummary | undefined): string[] {
	if (!csat || csat.answered === 0) return [];
	const groups = (map: CsatSummary['byTier']) =>
		Object.entries(map)
			.map(([key, f]) => `${key} ${score(f.mean)} (${f.answered})`)
			.join(' · ');
	return [
		`  CSAT         ${score(csat.mean)}/5 from ${csat.answered} answers (goal ${csat.goals.target}, excellent ${csat.goals.excellent}); ${pct(csat.satisfied)} 4–5, ${pct(csat.unhappy)} 1–2`,
		`    by tier now   ${groups(csat.byTier)}`,
		`    by resolver   ${groups(csat.byResolver)}`,
		`    by forecast   ${groups(csat.byForecast)}  (ai: the AI would now resolve it; person: still a person)`,
	];
}
