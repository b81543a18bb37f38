/**
 * Every regular expression in nodes/ and simulator/ passes recheck's ReDoS analysis, or is on
 * the allow-list with its reason (scripts/audit-regex.js does the work; run it alone to see each
 * verdict). A new pattern that recheck finds vulnerable fails here.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { audit, findPatterns } = require('../../scripts/audit-regex.js');

describe('regex audit (recheck)', () => {
	it('finds the patterns in the code, literals and new RegExp alike', () => {
		const patterns = findPatterns() as Array<{ file: string; source?: string; dynamic?: string }>;
		expect(patterns.length).toBeGreaterThan(100);
		expect(patterns.some((p) => p.file === 'nodes/shared/routing/facts.ts' && p.source?.startsWith('(?<![A-Z0-9._%+-])'))).toBe(true);
		expect(patterns.some((p) => p.dynamic === "new RegExp(pattern, 'i')")).toBe(true);
	});

	it('no unsafe pattern outside the allow-list, and no stale entry on it', async () => {
		const { findings, unused } = await audit(findPatterns());
		expect(findings.map((f: { file: string; line: number; source?: string; dynamic?: string; why: string }) => `${f.file}:${f.line} ${f.source ?? f.dynamic}: ${f.why}`)).toEqual([]);
		expect(unused).toEqual([]);
	}, 1_200_000);

	it('would catch an unsafe pattern (the quadratic email pattern this package used to have)', async () => {
		const { findings } = await audit([{ file: 'example.ts', line: 1, source: '[A-Z0-9._%+-]+@[A-Z0-9.-]+\\.[A-Z]{2,}', flags: 'gi' }]);
		expect(findings).toHaveLength(1);
		expect(findings[0].status).toBe('vulnerable');
	}, 120_000);
});
