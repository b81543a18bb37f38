import { cachedGaps, dropGapCache, type ReportFigures } from '../../nodes/shared/insights';

/** The dashboard's gap topics kept between refreshes, aged on the requests' own "now". */
const MINUTE = 60_000;
const T0 = Date.parse('2026-03-09T15:00:00Z');
const topics = (n: number): ReportFigures['gaps'] => ({ unanswered: n, clustered: 0, topics: [] });

describe('gap topics kept between refreshes', () => {
	beforeEach(() => dropGapCache());

	it('computes once, then serves the kept topics until they are older than the refresh', async () => {
		let computed = 0;
		const compute = async () => topics(++computed);
		expect((await cachedGaps('store', T0, 15 * MINUTE, compute)).gaps).toEqual(topics(1));
		expect((await cachedGaps('store', T0 + 14 * MINUTE, 15 * MINUTE, compute)).gaps).toEqual(topics(1));
		expect(computed).toBe(1);
		// Past the refresh: the kept topics answer at once (one refresh behind) while new ones are computed.
		const stale = await cachedGaps('store', T0 + 16 * MINUTE, 15 * MINUTE, compute);
		expect(stale).toMatchObject({ gaps: topics(1), computedForMs: T0 });
		await stale.refreshing;
		expect(computed).toBe(2);
		expect(await cachedGaps('store', T0 + 17 * MINUTE, 15 * MINUTE, compute)).toEqual({ gaps: topics(2), computedForMs: T0 + 16 * MINUTE });
	});

	it('starts one recomputation however many requests find the topics stale', async () => {
		let computed = 0;
		let release: () => void = () => undefined;
		const slow = () => new Promise<ReportFigures['gaps']>((resolve) => (release = () => resolve(topics(++computed))));
		await cachedGaps('store', T0, MINUTE, async () => topics(0));
		const first = await cachedGaps('store', T0 + 2 * MINUTE, MINUTE, slow);
		const second = await cachedGaps('store', T0 + 3 * MINUTE, MINUTE, slow);
		expect(second.refreshing).toBe(first.refreshing);
		release();
		await first.refreshing;
		expect(computed).toBe(1);
	});

	it('keeps the old topics when a recomputation fails, and tries again on the next request', async () => {
		await cachedGaps('store', T0, MINUTE, async () => topics(1));
		const failed = await cachedGaps('store', T0 + 2 * MINUTE, MINUTE, async () => Promise.reject(new Error('store away')));
		await failed.refreshing;
		const next = await cachedGaps('store', T0 + 3 * MINUTE, MINUTE, async () => topics(3));
		expect(next.gaps).toEqual(topics(1));
		await next.refreshing;
		expect((await cachedGaps('store', T0 + 3 * MINUTE, MINUTE, async () => topics(9))).gaps).toEqual(topics(3));
	});

	it('keeps nothing with a refresh of 0, and keeps each store and setting apart', async () => {
		let computed = 0;
		const compute = async () => topics(++computed);
		await cachedGaps('store', T0, 0, compute);
		await cachedGaps('store', T0, 0, compute);
		expect(computed).toBe(2);
		await cachedGaps('a', T0, MINUTE, async () => topics(10));
		await cachedGaps('b', T0, MINUTE, async () => topics(20));
		expect((await cachedGaps('a', T0, MINUTE, compute)).gaps).toEqual(topics(10));
		expect((await cachedGaps('b', T0, MINUTE, compute)).gaps).toEqual(topics(20));
	});
});
