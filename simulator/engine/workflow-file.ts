import { readFileSync } from 'node:fs';
import type { IConnections, IDataObject, INode, IWorkflowSettings } from 'n8n-workflow';

/** The parts of an n8n workflow export that the engine reads. */
export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	staticData?: IDataObject;
	[key: string]: unknown;
}

export class WorkflowFileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WorkflowFileError';
	}
}

export function readWorkflowFile(file: string): WorkflowJson {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new WorkflowFileError(`Cannot read workflow file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new WorkflowFileError(`Workflow file ${file} is not valid JSON: ${(error as Error).message}`);
	}
	return validateWorkflowJson(parsed, file);
}

/** Checks the shape n8n's import needs, naming the first thing that is wrong. */
export function validateWorkflowJson(value: unknown, source = 'workflow'): WorkflowJson {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new WorkflowFileError(`${source}: a workflow must be a JSON object with "nodes" and "connections"`);
	}
	const wf = value as Partial<WorkflowJson>;
	if (!Array.isArray(wf.nodes)) throw new WorkflowFileError(`${source}: "nodes" must be an array`);
	if (typeof wf.connections !== 'object' || wf.connections === null || Array.isArray(wf.connections)) {
		throw new WorkflowFileError(`${source}: "connections" must be an object`);
	}
	const names = new Set<string>();
	wf.nodes.forEach((node, index) => {
		const where = `${source}: nodes[${index}]`;
		if (typeof node !== 'object' || node === null) throw new WorkflowFileError(`${where} must be an object`);
		if (typeof node.name !== 'string' || !node.name) throw new WorkflowFileError(`${where} has no "name"`);
		if (typeof node.type !== 'string' || !node.type) throw new WorkflowFileError(`${where} ("${node.name}") has no "type"`);
		if (typeof node.typeVersion !== 'number') {
			throw new WorkflowFileError(`${where} ("${node.name}") has no numeric "typeVersion"`);
		}
		if (names.has(node.name)) throw new WorkflowFileError(`${source}: two nodes are named "${node.name}"`);
		names.add(node.name);
		node.parameters ??= {};
	});
	for (const [from, byType] of Object.entries(wf.connections)) {
		if (!names.has(from)) throw new WorkflowFileError(`${source}: connections start at unknown node "${from}"`);
		for (const outputs of Object.values(byType ?? {})) {
			for (const targets of outputs ?? []) {
				for (const target of targets ?? []) {
					if (!names.has(target.node)) {
						throw new WorkflowFileError(`${source}: "${from}" connects to unknown node "${target.node}"`);
					}
				}
			}
		}
	}
	return wf as WorkflowJson;
}

/**
 * The types a workflow's nodes name (an engine for it loads only those: `EngineOptions.nodeTypes`);
 * undefined for JSON that is not a workflow yet, which then loads every type and fails validation later.
 */
export function workflowNodeTypes(json: unknown): string[] | undefined {
	const nodes = (json as Partial<WorkflowJson> | undefined)?.nodes;
	if (!Array.isArray(nodes)) return undefined;
	return [...new Set(nodes.map((node) => String((node as Partial<INode> | undefined)?.type)))];
}
