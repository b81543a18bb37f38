export { createEngine, Engine, REPO_ROOT } from './engine';
export type { EngineOptions, NodeFailure, PreparedWorkflow, RunOptions, RunResult } from './engine';
export { CAPTURED_TYPES, CANVAS_ONLY_TYPES, ENTRY_POINT_TYPES, PASS_THROUGH_TYPES } from './stand-ins';
export type { CapturedMessage } from './stand-ins';
export { readWorkflowFile, validateWorkflowJson, WorkflowFileError } from './workflow-file';
export type { WorkflowJson } from './workflow-file';
