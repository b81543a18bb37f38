import { CsatAccumulator } from '../../simulator/metrics/csat';
import type { TicketOutcome } from '../../simulator/replay/outcome';

const outcome = (tier: TicketOutcome['tier'], aiResolved: boolean, csat: number | undefined, resolvedBy?: 'ai' | 'agent'): TicketOutcome =>
	({ id: 'x', line: 1, text: 't', channel: 'webchat', receivedAt: '', tier, reasons: [], answered: aiResolved, aiResolved, captured: 0, labels: { csat, resolvedBy }, warnings: [] }) as TicketOutcome;

describe('CsatAccumulator', () => {
	it('averages the historical scores overall, by tier now, by resolver and by forecast, as counted by hand', () => {
		const csat = new CsatAccumulator();
		for (const o of [
			outcome('L1', true, 5, 'agent'),
			outcome('L1', true, 4, 'ai'),
			outcome('L3', false, 1, 'agent'),
			outcome('L3', false, 2, 'agent'),
			outcome('L2', false, 3),
			outcome('L1', true, undefined, 'agent'),
			outcome('L4', false, 7, 'agent'),
		])
			csat.add(o);
		const s = csat.summary();
		expect(s).toMatchObject({ answered: 5, mean: 3, satisfied: 0.4, unhappy: 0.4, counts: [1, 1, 1, 1, 1], invalid: 1 });
		expect(s.byTier).toEqual({
			L1: { answered: 2, mean: 4.5, satisfied: 1, unhappy: 0, counts: [0, 0, 0, 1, 1] },
			L2: { answered: 1, mean: 3, satisfied: 0, unhappy: 0, counts: [0, 0, 1, 0, 0] },
			L3: { answered: 2, mean: 1.5, satisfied: 0, unhappy: 1, counts: [1, 1, 0, 0, 0] },
		});
		expect(s.byResolver.agent).toMatchObject({ answered: 3, mean: 2.67 });
		expect(s.byResolver.ai).toMatchObject({ answered: 1, mean: 4 });
		expect(s.byResolver.unknown).toMatchObject({ answered: 1, mean: 3 });
		expect(s.byForecast.ai).toMatchObject({ answered: 2, mean: 4.5 });
		expect(s.byForecast.person).toMatchObject({ answered: 3, mean: 2 });
	});

	it('has no mean when no ticket has a score', () => {
		expect(new CsatAccumulator().summary()).toMatchObject({ answered: 0, mean: null, satisfied: null });
	});
});
