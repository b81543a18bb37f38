import { SeenIds } from '../../simulator/tickets/seen-ids';

describe('ids already read', () => {
	it('remember the first line of every id across many table growths', () => {
		const seen = new SeenIds();
		for (let i = 0; i < 50_000; i++) expect(seen.firstLineOf(`t-${i}`, i + 2)).toBeUndefined();
		for (let i = 0; i < 50_000; i += 997) expect(seen.firstLineOf(`t-${i}`, 90_000)).toBe(i + 2);
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
