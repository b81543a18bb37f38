/**
 * Each replay worker's heap ceiling is a choice of memory against time spent collecting: the pool must
 * give its workers the ceiling asked for, and the young generation that goes with it.
 */
import path from 'node:path';
import { readWorkflowFile, REPO_ROOT } from '../../simulator/engine';
import { DEFAULT_WORKER_HEAP_MB, WorkerPool, youngGenerationMb } from '../../simulator/replay/worker-pool';

const workflow = readWorkflowFile(path.join(REPO_ROOT, 'workflows', 'support-247-tiered.json'));
// Each pool starts a worker that loads n8n: tens of seconds on a loaded 2-core runner.
jest.setTimeout(300_000);

describe('worker heap ceiling', () => {
	it('gives a bigger young generation only to a heap of a gigabyte or more', () => {
		expect(youngGenerationMb(DEFAULT_WORKER_HEAP_MB)).toBe(24);
		expect(youngGenerationMb(1023)).toBe(24);
		expect(youngGenerationMb(1024)).toBe(48);
		expect(youngGenerationMb(4096)).toBe(48);
	});

	it('starts each worker with the heap limit asked for', async () => {
		const limits: number[] = [];
		for (const heapMb of [DEFAULT_WORKER_HEAP_MB, DEFAULT_WORKER_HEAP_MB + 256]) {
			const pool = await WorkerPool.start(1, { workflow, workflowName: 'support-247-tiered.json' }, heapMb);
			try {
				limits.push(pool.heapLimitsMb[0]);
			} finally {
				await pool.close();
			}
		}
		// V8's limit is the old generation plus the young one's reserve, so only the difference is exact.
		expect(limits[0]).toBeGreaterThanOrEqual(DEFAULT_WORKER_HEAP_MB);
		expect(limits[1] - limits[0]).toBe(256);
	});
});
