import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engine';
import type { ReplayTicket } from '../tickets';
import { BatchRunner } from './batch-runner';

/** One replay worker thread: its own engine, the same workflow JSON, batches in and outcomes out. */
async function main(): Promise<void> {
	const { workflow, startNode, credentials } = workerData as { workflow: unknown; startNode?: string; credentials?: Record<string, never> };
	const engine = await createEngine({ credentials });
	const runner = new BatchRunner(engine, engine.prepare(workflow), { startNode });
	parentPort?.on('message', (message: { id: number; batch: ReplayTicket[] }) => {
		runner.run(message.batch).then(
			(outcomes) => parentPort?.postMessage({ id: message.id, outcomes }),
			(error: Error) => parentPort?.postMessage({ id: message.id, error: error.message }),
		);
	});
	parentPort?.postMessage({ ready: true });
}

main().catch((error: Error) => parentPort?.postMessage({ fatal: error.message }));
