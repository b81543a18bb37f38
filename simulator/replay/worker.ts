import { deserialize, getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine, workflowNodeTypes } from '../engine';
import type { ReplayTicket } from '../tickets';
import { BatchRunner } from './batch-runner';

/** One replay worker thread: its own engine, the same workflow JSON, batches in and outcomes out. */
async function main(): Promise<void> {
	const { workflow, workflowName, startNode, credentials } = workerData as { workflow: unknown; workflowName?: string; startNode?: string; credentials?: Record<string, never> };
	// Only the node types this workflow uses: each worker loads its own.
	const engine = await createEngine({ credentials, nodeTypes: workflowNodeTypes(workflow) });
	const runner = new BatchRunner(engine, engine.prepare(workflow, workflowName), { startNode });
	parentPort?.on('message', (message: { id: number; batch: ReplayTicket[] | Uint8Array }) => {
		// Batches from the reader thread arrive still serialised.
		const batch = message.batch instanceof Uint8Array ? (deserialize(message.batch) as ReplayTicket[]) : message.batch;
		runner.run(batch).then(
			(outcomes) => parentPort?.postMessage({ id: message.id, outcomes }),
			(error: Error) => parentPort?.postMessage({ id: message.id, error: error.message }),
		);
	});
	parentPort?.postMessage({ ready: true, heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1_048_576) });
}

main().catch((error: Error) => parentPort?.postMessage({ fatal: error.message }));
