/**
 * The dashboard's 7-day gap topics kept between refreshes: clustering a week's unresolved cases takes
 * seconds on a big store, the page must come in well under one. A request within `maxAgeMs` of the
 * last computation gets the kept topics; a later one gets them too (so the gaps may lag by one
 * refresh) while a new computation runs after it. Ages are counted on the requests' own "now", never
 * on the machine's clock. Kept in this process, a few stores at most.
 */
import type { ReportFigures } from './report';

type Gaps = ReportFigures['gaps'];

interface Entry {
	computedForMs: number;
	gaps: Gaps;
	refreshing?: Promise<void>;
}

export interface CachedGaps {
	gaps: Gaps;
	/** The "now" the topics were computed for. */
	computedForMs: number;
	/** A recomputation this request started (or found running); resolves when it is kept. */
	refreshing?: Promise<void>;
}

const MAX_ENTRIES = 16;
// On the global object: the node may be loaded from two paths (source and build) in one process.
const REGISTRY = Symbol.for('n8n-nodes-support247.insights.gap-cache');
const entries: Map<string, Entry> = ((globalThis as Record<symbol, unknown>)[REGISTRY] as Map<string, Entry> | undefined) ??
	((globalThis as Record<symbol, unknown>)[REGISTRY] = new Map<string, Entry>());

/** The topics for `key` (the store and the analysis settings): kept, or computed now when there are none yet. */
export async function cachedGaps(key: string, nowMs: number, maxAgeMs: number, compute: () => Promise<Gaps>): Promise<CachedGaps> {
	const entry = maxAgeMs > 0 ? entries.get(key) : undefined;
	if (!entry) {
		const gaps = await compute();
		if (maxAgeMs > 0) keep(key, { computedForMs: nowMs, gaps });
		return { gaps, computedForMs: nowMs };
	}
	if (Math.abs(nowMs - entry.computedForMs) >= maxAgeMs && !entry.refreshing) {
		entry.refreshing = (async () => {
			try {
				const gaps = await compute();
				keep(key, { computedForMs: nowMs, gaps });
			} catch {
				// The kept topics stay; the next request past the age tries again.
			} finally {
				entry.refreshing = undefined;
			}
		})();
	}
	return { gaps: entry.gaps, computedForMs: entry.computedForMs, ...(entry.refreshing ? { refreshing: entry.refreshing } : {}) };
}

function keep(key: string, entry: Entry): void {
	entries.delete(key);
	entries.set(key, entry);
	while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
}

/** Forgets every kept topic list (tests, a store replaced under the same name). */
export function dropGapCache(): void {
	entries.clear();
}
