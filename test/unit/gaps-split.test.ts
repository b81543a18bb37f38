import { resolutionOf, secondHalf, type SplitOutcome } from '../../simulator/gaps/split';

const o = (id: string, at: string, extra: Partial<SplitOutcome> = {}): SplitOutcome => ({ id, conversation: id, receivedMs: Date.parse(at), aiResolved: false, needsHuman: false, ...extra });

describe('gaps --split', () => {
	it('cuts at the median first turn and keeps a conversation whole', () => {
		const outcomes = [
			o('a', '2026-10-01T10:00:00Z'),
			o('b1', '2026-10-02T10:00:00Z', { conversation: 'b' }),
			// b's second turn comes after the cut but stays with b, in the first half.
			o('b2', '2026-10-09T10:00:00Z', { conversation: 'b' }),
			o('c', '2026-10-05T10:00:00Z'),
			o('d', '2026-10-07T10:00:00Z'),
		];
		const { ids, cutMs } = secondHalf(outcomes);
		expect(new Date(cutMs).toISOString()).toBe('2026-10-05T10:00:00.000Z');
		expect([...ids].sort()).toEqual(['c', 'd']);
	});

	it('counts resolution and wrong answers as the replay report does', () => {
		const figures = resolutionOf([
			o('1', '2026-10-01T10:00:00Z', { aiResolved: true }),
			o('2', '2026-10-01T10:00:00Z', { aiResolved: true, needsHuman: true }),
			o('3', '2026-10-01T10:00:00Z', { needsHuman: true }),
			o('4', '2026-10-01T10:00:00Z'),
		]);
		expect(figures).toEqual({ aiResolved: 2, rate: 0.5, wrongAnswers: 1, wrongAnswerRate: 0.5 });
	});
});
