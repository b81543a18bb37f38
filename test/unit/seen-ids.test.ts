import { SeenIds } from '../../simulator/tickets/seen-ids';

describe('ids already read', () => {
	it('remember the first line of every id across many table growths', () => {
		const seen = new SeenIds();
		// One expect over all answers: 50,000 expect() calls cost a minute on a loaded runner, the table itself milliseconds.
		const repeats: string[] = [];
		for (let i = 0; i < 50_000; i++) if (seen.firstLineOf(`t-${i}`, i + 2) !== undefined) repeats.push(`t-${i}`);
		expect(repeats).toEqual([]);
		const wrongLines: string[] = [];
		for (let i = 0; i < 50_000; i += 997) if (seen.firstLineOf(`t-${i}`, 90_000) !== i + 2) wrongLines.push(`t-${i}`);
		expect(wrongLines).toEqual([]);
		// A repeat does not replace the first line.
		expect(seen.firstLineOf('t-0', 99_999)).toBe(2);
	});

	it('tell apart ids that differ only in case, spacing or one character', () => {
		const seen = new SeenIds();
		const ids = ['A1', 'a1', 'A1 ', 'A2', 'ä1', '', '0', '00'];
		ids.forEach((id, i) => expect(seen.firstLineOf(id, i + 1)).toBeUndefined());
		ids.forEach((id, i) => expect(seen.firstLineOf(id, 100)).toBe(i + 1));
	});
});
