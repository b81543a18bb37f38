import type { Engine, EngineOptions } from './engine';

export { REPO_ROOT } from './repo-root';
export type { Engine, EngineOptions, NodeFailure, PreparedWorkflow, RunOptions, RunResult } from './engine';

/**
 * Loads n8n-core only when an engine is wanted: a replay over worker threads never runs one in the
 * coordinating thread, which then stays ~65 MB lighter.
 */
export async function createEngine(options?: EngineOptions): Promise<Engine> {
	const { createEngine: create } = await import('./engine');
	return create(options);
}
export { CAPTURED_TYPES, CANVAS_ONLY_TYPES, ENTRY_POINT_TYPES, PASS_THROUGH_TYPES } from './stand-ins';
export type { CapturedMessage } from './stand-ins';
export { readWorkflowFile, validateWorkflowJson, workflowNodeTypes, WorkflowFileError } from './workflow-file';
export type { WorkflowJson } from './workflow-file';
