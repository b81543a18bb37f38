import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { SlaTimer } from '../../nodes/SlaTimer/SlaTimer.node';

/** A minimal IExecuteFunctions: just what the SLA Timer reads, and a spy on putExecutionToWait. */
function fakeContext(parameters: Record<string, unknown>, items: INodeExecutionData[]) {
	const putExecutionToWait = jest.fn(async (_date: Date) => undefined);
	const ctx = {
		getInputData: () => items,
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getTimezone: () => 'UTC',
		getNode: () => ({ name: 'SLA', type: 'n8n-nodes-support247.slaTimer', typeVersion: 1, parameters: {} }),
		continueOnFail: () => false,
		putExecutionToWait,
	} as unknown as IExecuteFunctions;
	return { ctx, putExecutionToWait };
}

const base = { mode: 'wait', timeZone: 'America/Sao_Paulo', hours_monday: '09:00-18:00', hours_tuesday: '09:00-18:00', hours_wednesday: '09:00-18:00', hours_thursday: '09:00-18:00', hours_friday: '09:00-18:00' };
const item = (id: string, receivedAt: string, urgency = 'normal'): INodeExecutionData => ({
	json: { ticketId: id, channel: 'email', customer: {}, message: { text: 'x', receivedAt }, triage: { urgency } },
});

describe('SLA Timer wait mode puts the execution to wait (never an in-process timer)', () => {
	beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] }));
	afterEach(() => jest.useRealTimers());

	it('waits until the first-response deadline in business hours', async () => {
		const { ctx, putExecutionToWait } = fakeContext(base, [item('a', '2026-03-06T17:00:00-03:00')]);
		const out = await new SlaTimer().execute.call(ctx);
		expect(putExecutionToWait).toHaveBeenCalledTimes(1);
		// Friday 17:00 + 4 business hours = Monday 12:00 in São Paulo
		expect(putExecutionToWait.mock.calls[0][0].toISOString()).toBe('2026-03-09T15:00:00.000Z');
		expect(jest.getTimerCount()).toBe(0);
		// At the deadline the first response is due: the item goes on as at risk (100 % used, not yet past).
		// Always by the first output: a real n8n resumes by passing the node's saved input items on through it.
		expect(out[0][0].json.sla).toMatchObject({ state: 'at_risk', waitTill: '2026-03-09T12:00:00.000-03:00' });
		expect(out[1]).toEqual([]);
	});

	it('puts the annotated items in place of its input items, which n8n saves with the waiting execution and passes on at resume', async () => {
		const input = [item('a', '2026-03-06T17:00:00-03:00')];
		const original = input[0];
		const { ctx } = fakeContext(base, input);
		const out = await new SlaTimer().execute.call(ctx);
		expect(input).toEqual(out[0]);
		expect(input[0].json.sla).toMatchObject({ state: 'at_risk' });
		// The original item object is replaced, not changed.
		expect(original.json.sla).toBeUndefined();
	});

	it('waits for the resolution deadline, or for the at-risk point, when asked', async () => {
		const resolution = fakeContext({ ...base, target: 'resolution' }, [item('a', '2026-03-06T17:00:00-03:00')]);
		await new SlaTimer().execute.call(resolution.ctx);
		// 27 business hours: 1 + 9 + 9 + 8 → Wednesday 17:00
		expect(resolution.putExecutionToWait.mock.calls[0][0].toISOString()).toBe('2026-03-11T20:00:00.000Z');

		const atRisk = fakeContext({ ...base, wakeAt: 'atRisk', atRiskPercent: 50 }, [item('a', '2026-03-06T17:00:00-03:00')]);
		const out = await new SlaTimer().execute.call(atRisk.ctx);
		expect(atRisk.putExecutionToWait.mock.calls[0][0].toISOString()).toBe('2026-03-09T13:00:00.000Z'); // Monday 10:00
		expect(out[0][0].json.sla).toMatchObject({ state: 'at_risk' });
	});

	it('waits until the earliest deadline among the items, so none is late', async () => {
		const { ctx, putExecutionToWait } = fakeContext(base, [item('normal', '2026-03-09T09:00:00-03:00'), item('high', '2026-03-09T10:00:00-03:00', 'high')]);
		const out = await new SlaTimer().execute.call(ctx);
		expect(putExecutionToWait.mock.calls[0][0].toISOString()).toBe('2026-03-09T14:00:00.000Z'); // high: 10:00 + 1 h
		expect(out[0].map((i) => [i.json.ticketId, (i.json.sla as { state: string }).state])).toEqual([
			['normal', 'ok'],
			['high', 'at_risk'],
		]);
	});

	it('does not wait in annotate or check mode', async () => {
		for (const mode of ['annotate', 'check']) {
			const { ctx, putExecutionToWait } = fakeContext({ ...base, mode }, [item('a', '2026-03-06T17:00:00-03:00')]);
			await new SlaTimer().execute.call(ctx);
			expect(putExecutionToWait).not.toHaveBeenCalled();
		}
	});
});
