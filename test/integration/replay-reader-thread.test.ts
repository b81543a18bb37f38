/**
 * The ticket file is read in a thread of its own and batches travel serialised, to worker threads or
 * to the engine in the coordinating thread. The replay must still count, reject and decide exactly as
 * one that reads in its own thread does.
 */
import path from 'node:path';
import { createEngine, readWorkflowFile, REPO_ROOT, type Engine } from '../../simulator/engine';
import { replay, type ReplayOptions } from '../../simulator/replay/replay';

const workflow = readWorkflowFile(path.join(REPO_ROOT, 'workflows', 'support-247-tiered.json'));
const fixture = (name: string) => path.join(REPO_ROOT, 'test', 'fixtures', 'tickets', name);
// Each threaded replay starts two worker threads that load n8n: minutes on a loaded 2-core runner. The
// single-thread replays share one engine, so that the file loads n8n no more often than it must.
jest.setTimeout(600_000);
let engine: Engine;
beforeAll(async () => {
	engine = await createEngine();
});
const both = async (options: Omit<ReplayOptions, 'workflow' | 'workflowName' | 'zone'>) => {
	const common = { workflow, workflowName: 'support-247-tiered.json', zone: 'America/Mexico_City', batchSize: 3 };
	const ids = [new Map<string, string>(), new Map<string, string>()];
	const single = await replay({ ...common, ...options, workers: 1, engine, readerThread: false, onOutcome: (o) => ids[0].set(o.id, `${o.tier}/${o.answered}`) });
	const threaded = await replay({ ...common, ...options, workers: 2, onOutcome: (o) => ids[1].set(o.id, `${o.tier}/${o.answered}`) });
	return { single, threaded, decisions: ids };
};

describe('replay with a reader thread, over worker threads or not', () => {
	it('rejects the same rows with the same lines and decides every other ticket the same way', async () => {
		const { single, threaded, decisions } = await both({ tickets: fixture('bad-rows.csv') });
		expect(threaded.tickets).toEqual(single.tickets);
		expect(threaded.tickets.rejected).toBeGreaterThan(0);
		expect(threaded.rejectedRows).toEqual(single.rejectedRows);
		expect(single.rejectedRows.length).toBe(single.tickets.rejected);
		expect(decisions[1]).toEqual(decisions[0]);
		// One engine, here, fed by the reader thread.
		const fed = new Map<string, string>();
		const alone = await replay({ workflow, workflowName: 'support-247-tiered.json', zone: 'America/Mexico_City', batchSize: 3, tickets: fixture('bad-rows.csv'), workers: 1, engine, onOutcome: (o) => fed.set(o.id, `${o.tier}/${o.answered}`) });
		expect(alone.tickets).toEqual(single.tickets);
		expect(alone.rejectedRows).toEqual(single.rejectedRows);
		expect(fed).toEqual(decisions[0]);
	});

	it('resumes after an unclosed quote and honours --limit the same way', async () => {
		const unclosed = await both({ tickets: fixture('bom-crlf-unclosed.csv') });
		expect(unclosed.threaded.tickets).toEqual(unclosed.single.tickets);
		expect(unclosed.threaded.rejectedRows).toEqual(unclosed.single.rejectedRows);
		expect(unclosed.single.rejectedRows.map((row) => row.reason)).toContain('a quoted field is never closed');
		const limited = await both({ tickets: fixture('small-history.csv'), limit: 4 });
		expect(limited.threaded.tickets).toMatchObject({ read: 4 });
		expect(limited.threaded.tiers).toEqual(limited.single.tiers);
	});

	it('fails with the same message as the single-thread reader for an unusable file', async () => {
		for (const name of ['header-only.csv', 'empty.csv']) {
			const common = { workflow, workflowName: 'x', zone: 'UTC', tickets: fixture(name) };
			const single = await replay({ ...common, workers: 1, engine, readerThread: false }).then(() => 'no error', (error: Error) => `${error.name}: ${error.message}`);
			const threaded = await replay({ ...common, workers: 2 }).then(() => 'no error', (error: Error) => `${error.name}: ${error.message}`);
			expect(single).toMatch(/^TicketFileError: Tickets file .* (empty|no ticket rows)/);
			expect(threaded).toBe(single);
		}
	});

	it('keeps each conversation on one worker, in order: the same decisions and conversation figures as one thread', async () => {
		// The demo history's conversations, in batches of 3 so their turns cross batches and workers.
		const demo = path.join(REPO_ROOT, 'simulator', 'demo', 'history.csv');
		const { single, threaded, decisions } = await both({ tickets: demo, limit: 400 });
		expect(single.conversations?.multiTurn).toBeGreaterThan(0);
		expect(single.conversations?.takeoverTurns).toBeGreaterThan(0);
		expect(threaded.conversations).toEqual(single.conversations);
		expect(decisions[1]).toEqual(decisions[0]);
	});
});
