import { collectBursts, joinParts, MemoryBackend, recordBurstPart, settleBurstPart, type BurstTicket } from '../../nodes/shared/conversation';

const QUIET = { quietMs: 4000 };
const T0 = Date.parse('2026-03-04T11:00:00-06:00');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const part = (id: string, ms: number, text = id, key = 'webchat:s1'): [BurstTicket, number] => [{ key, id, text, receivedAt: at(ms) }, T0 + ms];
const noWait = async () => undefined;
/** One execution holding one message: record, wait, settle. */
const collectOne = async (backend: MemoryBackend, ticket: BurstTicket, ms: number, options: typeof QUIET, wait: (ms: number) => Promise<void>) =>
	(await collectBursts(backend, [{ ticket, receivedMs: ms, options }], wait))[0];

describe('collectBurst', () => {
	let backend: MemoryBackend;
	beforeEach(() => {
		backend = new MemoryBackend();
	});

	it('lets only the execution of the last part go on, with every part in the order written', async () => {
		const parts = [part('m1', 0, 'hola'), part('m2', 1500, '¿hacen envíos?'), part('m3', 3000, '¿y cuánto tardan?')];
		const recorded = [];
		for (const [ticket, ms] of parts) recorded.push(await recordBurstPart(backend, ticket, ms, QUIET));
		const settled = [];
		for (let i = 0; i < parts.length; i++) settled.push(await settleBurstPart(backend, recorded[i], parts[i][0], parts[i][1]));
		expect(settled.map((s) => s.role)).toEqual(['joined', 'joined', 'last']);
		expect(settled[0]).toMatchObject({ role: 'joined', into: 'm3' });
		const last = settled[2];
		if (last.role !== 'last') throw new Error('not last');
		expect(last.parts.map((p) => p.id)).toEqual(['m1', 'm2', 'm3']);
		expect(joinParts(last.parts, 1000)).toBe('hola\n¿hacen envíos?\n¿y cuánto tardan?');
	});

	it('orders by the time written, when a slower part is recorded after a later one', async () => {
		const late = part('m2', 2000, 'segundo');
		const early = part('m1', 500, 'primero');
		const a = await recordBurstPart(backend, ...late, QUIET);
		const b = await recordBurstPart(backend, ...early, QUIET);
		expect(await settleBurstPart(backend, a, ...late)).toMatchObject({ role: 'joined', into: 'm1' });
		const settled = await settleBurstPart(backend, b, ...early);
		expect(settled.role === 'last' && settled.parts.map((p) => p.text)).toEqual(['primero', 'segundo']);
	});

	it('starts a new burst for a part after the quiet time', async () => {
		// Both recorded before either settles: only the time written tells them apart.
		const one = part('m1', 0);
		const two = part('m2', 4001);
		const a = await recordBurstPart(backend, ...one, QUIET);
		const b = await recordBurstPart(backend, ...two, QUIET);
		expect(a.burstId).not.toBe(b.burstId);
		const first = await settleBurstPart(backend, a, ...one);
		const second = await settleBurstPart(backend, b, ...two);
		expect(first.role === 'last' && first.parts.map((p) => p.id)).toEqual(['m1']);
		expect(second.role === 'last' && second.parts.map((p) => p.id)).toEqual(['m2']);
	});

	it('joins a part at exactly the quiet time', async () => {
		const a = await recordBurstPart(backend, ...part('m1', 0), QUIET);
		const b = await recordBurstPart(backend, ...part('m2', 4000), QUIET);
		expect(b.burstId).toBe(a.burstId);
	});

	it('starts a new burst once the last part went on, even within the quiet time', async () => {
		await collectOne(backend, ...part('m1', 0), QUIET, noWait);
		const again = await collectOne(backend, ...part('m2', 1000), QUIET, noWait);
		expect(again.role === 'last' && again.parts.map((p) => p.id)).toEqual(['m2']);
	});

	it('keeps customers apart', async () => {
		const a = part('a1', 0, 'a', 'webchat:A');
		const b = part('b1', 100, 'b', 'webchat:B');
		const ra = await recordBurstPart(backend, ...a, QUIET);
		const rb = await recordBurstPart(backend, ...b, QUIET);
		expect((await settleBurstPart(backend, ra, ...a)).role).toBe('last');
		expect((await settleBurstPart(backend, rb, ...b)).role).toBe('last');
	});

	it('loses no part when many executions record and settle at once', async () => {
		const parts = Array.from({ length: 12 }, (_, i) => part(`m${i}`, i * 100, `parte ${i}`));
		const backendSlow = new MemoryBackend();
		backendSlow.setDelay(1);
		const results = await Promise.all(parts.map(([ticket, ms]) => collectOne(backendSlow, ticket, ms, QUIET, () => new Promise((r) => setTimeout(r, 20)))));
		const lasts = results.filter((r) => r.role === 'last');
		expect(lasts).toHaveLength(1);
		expect(lasts[0].role === 'last' && lasts[0].parts.map((p) => p.id).sort()).toEqual(parts.map(([t]) => t.id).sort());
		expect(results.filter((r) => r.role === 'joined')).toHaveLength(11);
	});

	it('records a redelivered part once and tells its second execution so', async () => {
		const [ticket, ms] = part('m1', 0);
		const first = await recordBurstPart(backend, ticket, ms, QUIET);
		const again = await collectOne(backend, ticket, ms, QUIET, noWait);
		expect(again).toEqual({ role: 'duplicate', burstId: first.burstId });
		const settled = await settleBurstPart(backend, first, ticket, ms);
		expect(settled.role === 'last' && settled.parts).toHaveLength(1);
	});

	it('caps a burst at 20 parts: the 21st starts the next burst', async () => {
		const recorded = [];
		for (let i = 0; i < 21; i++) recorded.push(await recordBurstPart(backend, ...part(`m${i}`, i * 10), QUIET));
		expect(new Set(recorded.slice(0, 20).map((r) => r.burstId)).size).toBe(1);
		expect(recorded[20].burstId).not.toBe(recorded[0].burstId);
	});

	it('lets a part whose burst was forgotten go on alone rather than vanish', async () => {
		const [ticket, ms] = part('m1', 0);
		const recorded = await recordBurstPart(backend, ticket, ms, QUIET);
		const settled = await settleBurstPart(new MemoryBackend(), recorded, ticket, ms);
		expect(settled.role === 'last' && settled.parts.map((p) => p.id)).toEqual(['m1']);
	});

	it('leaves nothing stored once every part settled', async () => {
		const parts = [part('m1', 0), part('m2', 100)];
		const recorded = await Promise.all(parts.map((p) => recordBurstPart(backend, ...p, QUIET)));
		await settleBurstPart(backend, recorded[1], ...parts[1]);
		await settleBurstPart(backend, recorded[0], ...parts[0]);
		expect(await backend.transactBurst('webchat:s1', (current) => ({ save: current ?? null, result: current }))).toBeUndefined();
	});

	it('gathers the messages of one batch with a single wait, the longest quiet time', async () => {
		const waits: number[] = [];
		const requests = [part('m1', 0, 'hola'), part('m2', 500, 'otra'), part('x1', 100, 'de otro', 'webchat:s2')].map(([ticket, ms], i) => ({
			ticket,
			receivedMs: ms,
			options: { quietMs: 1000 * (i + 1) },
		}));
		const outcomes = await collectBursts(backend, requests, async (ms) => {
			waits.push(ms);
		});
		expect(waits).toEqual([3000]);
		expect(outcomes.map((o) => o.role)).toEqual(['joined', 'last', 'last']);
		expect(outcomes[1].role === 'last' && outcomes[1].parts.map((p) => p.id)).toEqual(['m1', 'm2']);
		expect(outcomes[2].role === 'last' && outcomes[2].parts.map((p) => p.id)).toEqual(['x1']);
	});

	it('reports a store failure on the message it hit, and still gathers the others', async () => {
		const failing = {
			transactBurst: (key: string, mutate: Parameters<MemoryBackend['transactBurst']>[1]) =>
				key === 'webchat:broken' ? Promise.reject(new Error('disk full')) : backend.transactBurst(key, mutate),
		};
		const requests = [part('b1', 0, 'roto', 'webchat:broken'), part('m1', 0), part('m2', 100)].map(([ticket, ms]) => ({ ticket, receivedMs: ms, options: QUIET }));
		const outcomes = await collectBursts(failing, requests, noWait);
		expect(outcomes[0]).toEqual({ role: 'failed', error: new Error('disk full') });
		expect(outcomes.slice(1).map((o) => o.role)).toEqual(['joined', 'last']);
	});

	it('waits for nothing when no message has anything to wait for', async () => {
		const [ticket, ms] = part('m1', 0);
		await recordBurstPart(backend, ticket, ms, QUIET);
		const wait = jest.fn(noWait);
		expect(await collectBursts(backend, [{ ticket, receivedMs: ms, options: QUIET }], wait)).toEqual([{ role: 'duplicate', burstId: expect.any(String) }]);
		expect(wait).not.toHaveBeenCalled();
	});
});
