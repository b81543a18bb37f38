export interface BackoffOptions {
	initialMs: number;
	maxMs: number;
	factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 60_000, factor: 2 };

/**
 * Exponential delay before reconnect attempt `attempt` (0-based), capped at maxMs.
 * `random` in [0,1) adds up to 20 % jitter so many sessions do not reconnect in lockstep;
 * pass () => 0 for deterministic tests.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = () => 0): number {
	const base = Math.min(options.maxMs, options.initialMs * Math.pow(options.factor, Math.max(0, attempt)));
	return Math.round(base * (1 + 0.2 * random()));
}
