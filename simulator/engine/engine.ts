import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IRunData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { LoggerProxy, Workflow } from 'n8n-workflow';
import { reportEachMessageOnce } from './error-reporting';
import { InMemoryCredentials } from './in-memory-credentials';
import { NodeTypeRegistry } from './node-type-registry';
import { loadPackageNodeTypes } from './package-node-types';
import {
	CANVAS_ONLY_TYPES,
	CAPTURED_TYPES,
	ENTRY_POINT_TYPES,
	PASS_THROUGH_TYPES,
	type CapturedMessage,
	type CaptureSink,
	capturedNodeType,
	entryPointNodeType,
	passThroughNodeType,
} from './stand-ins';
import { replayInMemory } from './replay-stores';
import { ensureUserFolder, quietEngineLog } from './user-folder';
import { validateWorkflowJson, WorkflowFileError, type WorkflowJson } from './workflow-file';

export { REPO_ROOT } from './repo-root';
import { REPO_ROOT } from './repo-root';

export interface EngineOptions {
	/** Folder of the node package whose package.json "n8n" section lists the built nodes. Default: this repository. */
	packageDir?: string;
	/** Set false to run only extraNodeTypes (engine tests). */
	loadPackage?: boolean;
	/**
	 * Load only these package node types (full type names, e.g. a workflow's, see `workflowNodeTypes`):
	 * start-up then skips the libraries of nodes the workflow does not use. Default: every node.
	 */
	nodeTypes?: Iterable<string>;
	/** More node types by full type name, e.g. test-only nodes. */
	extraNodeTypes?: Record<string, INodeType>;
	/** Decrypted credentials by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/**
	 * Keep each Conversation Store's database as the workflow names it instead of a per-run memory store
	 * (replay-stores.ts): for integration tests against a real database. Default: false.
	 */
	storesAsConfigured?: boolean;
}

export interface RunOptions {
	/** Name of the node whose output the items are pinned to. Default: the workflow's first entry point. */
	startNode?: string;
	items: Array<IDataObject | INodeExecutionData>;
}

export interface NodeFailure {
	node?: string;
	message: string;
}

export interface RunResult {
	/** Items on each output of each node that ran, all runs of that node concatenated. */
	outputs: Record<string, INodeExecutionData[][]>;
	runData: IRunData;
	error?: NodeFailure;
	/** Would-be messages of the nodes that ran dry. */
	captured: CapturedMessage[];
	/** Set when a node put the execution to wait (e.g. the SLA Timer's durable wait). */
	waitTill?: Date;
	status: IRun['status'];
}

/** A workflow checked and built once, then run any number of times. */
export interface PreparedWorkflow {
	readonly json: WorkflowJson;
	readonly workflow: Workflow;
	readonly entryPoints: string[];
	/** The in-memory conversation stores its Conversation Store nodes use (see replayInMemory). */
	readonly memoryStores: string[];
}

const URL = 'http://127.0.0.1:5678/';

/**
 * The one way this project runs a workflow: n8n-core's WorkflowExecute, in-process, on workflow JSON
 * as users import it. Node types load once; each prepared workflow builds once; a run costs only the
 * execution itself, so the simulator can run thousands of batches in one process.
 */
export class Engine {
	private readonly sinks = new Map<string, CaptureSink>();
	private runCounter = 0;
	private prepareCounter = 0;

	constructor(
		readonly nodeTypes: NodeTypeRegistry,
		private readonly credentials: InMemoryCredentials,
		private readonly storesAsConfigured = false,
	) {}

	prepare(json: unknown, source = 'workflow'): PreparedWorkflow {
		// n8n's Workflow rewrites node parameters in place (defaults in, unknown ones out): give it a copy.
		const wf = validateWorkflowJson(structuredClone(json), source);
		const memoryStores = this.storesAsConfigured ? [] : replayInMemory(wf.nodes, `support-sim-${process.pid}-${++this.prepareCounter}`);
		const nodes: INode[] = [];
		for (const node of wf.nodes) {
			if ((CANVAS_ONLY_TYPES as readonly string[]).includes(node.type)) continue;
			if (!this.nodeTypes.has(node.type)) {
				throw new WorkflowFileError(
					`${source}: node "${node.name}" has type "${node.type}", which this package does not provide and the engine does not stand in for`,
				);
			}
			this.referenceGivenCredentials(node);
			nodes.push(node);
		}
		const workflow = new Workflow({
			id: wf.id ?? 'in-process',
			name: wf.name ?? source,
			nodes,
			connections: wf.connections,
			active: false,
			nodeTypes: this.nodeTypes,
			settings: { executionOrder: 'v1', ...(wf.settings ?? {}) },
			staticData: wf.staticData ?? {},
		});
		const entryPoints = nodes
			.filter((node) => (ENTRY_POINT_TYPES as readonly string[]).includes(node.type) && !node.disabled)
			.map((node) => node.name);
		return { json: wf, workflow, entryPoints, memoryStores };
	}

	async run(target: PreparedWorkflow | unknown, options: RunOptions): Promise<RunResult> {
		const prepared = isPrepared(target) ? target : this.prepare(target);
		const { workflow } = prepared;
		const startName = options.startNode ?? prepared.entryPoints[0];
		if (!startName) throw new WorkflowFileError(`${workflow.name}: no start node given and the workflow has no trigger`);
		const startNode = workflow.getNode(startName);
		if (!startNode) throw new WorkflowFileError(`${workflow.name}: start node "${startName}" does not exist`);

		const executionId = `sim-${++this.runCounter}`;
		const captured: CapturedMessage[] = [];
		this.sinks.set(executionId, (message) => captured.push(message));
		const items = options.items.map(toExecutionData);

		try {
			const run = await new WorkflowExecute(this.additionalData(executionId, prepared), 'manual').run({
				workflow,
				startNode,
				pinData: { [startName]: items },
			});
			return toResult(run, captured);
		} finally {
			this.sinks.delete(executionId);
		}
	}

	/**
	 * Templates ship without credential references (a user picks one in n8n). Credentials handed to
	 * the engine by type stand in for that pick; without a reference n8n-core refuses to read them.
	 */
	private referenceGivenCredentials(node: INode): void {
		for (const { name } of this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.credentials ?? []) {
			if (!this.credentials.hasType(name) || node.credentials?.[name]) continue;
			node.credentials = { ...node.credentials, [name]: { id: null, name } };
		}
	}

	sinkFor(executionId: string | undefined): CaptureSink | undefined {
		return executionId ? this.sinks.get(executionId) : undefined;
	}

	private additionalData(executionId: string, prepared: PreparedWorkflow): IWorkflowExecuteAdditionalData {
		const hooks = new ExecutionLifecycleHooks('manual', executionId, {
			id: prepared.workflow.id,
			name: prepared.workflow.name,
			nodes: prepared.json.nodes,
			connections: prepared.json.connections,
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(0),
			updatedAt: new Date(0),
		} as never);
		return {
			hooks,
			executionId,
			variables: {},
			credentialsHelper: this.credentials,
			webhookBaseUrl: URL,
			webhookWaitingBaseUrl: URL,
			webhookTestBaseUrl: URL,
			formBaseUrl: URL,
			formWaitingBaseUrl: URL,
			formTestBaseUrl: URL,
			mcpBaseUrl: URL,
			mcpTestBaseUrl: URL,
			instanceBaseUrl: URL,
			restApiUrl: URL,
			currentNodeExecutionIndex: 0,
		} as unknown as IWorkflowExecuteAdditionalData;
	}
}

function isPrepared(value: unknown): value is PreparedWorkflow {
	return typeof value === 'object' && value !== null && (value as PreparedWorkflow).workflow instanceof Workflow;
}

function toExecutionData(item: IDataObject | INodeExecutionData): INodeExecutionData {
	const maybe = item as INodeExecutionData;
	if (maybe && typeof maybe.json === 'object' && maybe.json !== null && Object.keys(maybe).every((k) => ['json', 'binary', 'pairedItem'].includes(k))) {
		return maybe;
	}
	return { json: item as IDataObject };
}

function toResult(run: IRun, captured: CapturedMessage[]): RunResult {
	const runData = run.data.resultData.runData;
	const outputs: Record<string, INodeExecutionData[][]> = {};
	for (const [name, tasks] of Object.entries(runData)) {
		const perOutput: INodeExecutionData[][] = [];
		for (const task of tasks) {
			(task.data?.main ?? []).forEach((items, index) => {
				perOutput[index] = (perOutput[index] ?? []).concat(items ?? []);
			});
		}
		outputs[name] = Array.from(perOutput, (items) => items ?? []);
	}
	const failure = run.data.resultData.error;
	const error = failure
		? { node: (failure as { node?: INode }).node?.name ?? run.data.resultData.lastNodeExecuted, message: failure.message }
		: undefined;
	return { outputs, runData, error, captured, waitTill: run.waitTill ?? undefined, status: run.status };
}

/** Builds an engine with our package's node types, the stand-ins and any extra types. */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
	const packageDir = options.packageDir ?? REPO_ROOT;
	ensureUserFolder();
	quietEngineLog();
	const registry = new NodeTypeRegistry();
	const engine = new Engine(registry, new InMemoryCredentials(options.credentials), options.storesAsConfigured === true);
	for (const type of ENTRY_POINT_TYPES) registry.register(type, entryPointNodeType(type));
	for (const type of PASS_THROUGH_TYPES) registry.register(type, passThroughNodeType(type));
	if (options.loadPackage !== false) {
		// Types the engine stands in for are never loaded from the package.
		const standIns = new Set<string>([...ENTRY_POINT_TYPES, ...CAPTURED_TYPES]);
		const wanted = options.nodeTypes && [...options.nodeTypes].filter((type) => !standIns.has(type));
		const loaded = await loadPackageNodeTypes(packageDir, wanted);
		for (const [type, implementation] of loaded.nodes) {
			// Our channel triggers stay entry points in-process: tickets come from the replay.
			if ((ENTRY_POINT_TYPES as readonly string[]).includes(type)) continue;
			registry.register(type, implementation);
		}
	}
	// Registered last so that our own send nodes run dry too.
	for (const type of CAPTURED_TYPES) registry.register(type, capturedNodeType(type, (id) => engine.sinkFor(id)));
	for (const [type, implementation] of Object.entries(options.extraNodeTypes ?? {})) registry.register(type, implementation);
	reportEachMessageOnce();
	skipSilencedLogCalls();
	return engine;
}

const noLog = () => {};

/**
 * A silent n8n logger still builds every debug line, and takes a stack trace for its caller
 * (WorkflowExecute logs a few per node run: about 5 % of a replay's time). When the level is silent,
 * n8n-workflow's log proxy, which the engine logs through, gets calls that do nothing instead.
 */
function skipSilencedLogCalls(): void {
	if (process.env.N8N_LOG_LEVEL !== 'silent') return;
	LoggerProxy.init({ error: noLog, warn: noLog, info: noLog, debug: noLog } as never);
}
