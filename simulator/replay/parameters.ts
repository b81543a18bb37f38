import type { INode, INodeProperties } from 'n8n-workflow';
import type { NodeTypeRegistry } from '../engine/node-type-registry';
import type { WorkflowJson } from '../engine';

export class ParameterError extends Error {}

export interface ParameterAssignment {
	node: string;
	path: string[];
	value: unknown;
}

/** Parses "Node name.parameter=value" against the workflow's node names (names may hold dots). */
export function parseAssignment(text: string, workflow: WorkflowJson, flag = '--param'): ParameterAssignment {
	const eq = text.indexOf('=');
	if (eq < 0) throw new ParameterError(`${flag} "${text}": expected "<Node name>.<parameter>=<value>"`);
	const target = text.slice(0, eq);
	const node = [...workflow.nodes]
		.sort((a, b) => b.name.length - a.name.length)
		.find((candidate) => target.startsWith(`${candidate.name}.`));
	if (!node) {
		const name = target.includes('.') ? target.slice(0, target.lastIndexOf('.')) : target;
		throw new ParameterError(`${flag} "${text}": the workflow has no node named "${name}"`);
	}
	const path = target.slice(node.name.length + 1).split('.').filter(Boolean);
	if (path.length === 0) throw new ParameterError(`${flag} "${text}": no parameter named after "${node.name}."`);
	return { node: node.name, path, value: parseValue(text.slice(eq + 1)) };
}

function parseValue(raw: string): unknown {
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

function propertyNames(node: INode, registry?: NodeTypeRegistry): Set<string> {
	const names = new Set(Object.keys(node.parameters ?? {}));
	if (registry?.has(node.type)) {
		const description = registry.getByNameAndVersion(node.type, node.typeVersion).description;
		for (const property of description.properties as INodeProperties[]) names.add(property.name);
	}
	return names;
}

/** Sets a parameter on a copy of the workflow; a parameter the node does not have is an error naming both. */
export function applyAssignment(workflow: WorkflowJson, assignment: ParameterAssignment, registry?: NodeTypeRegistry, flag = '--param'): WorkflowJson {
	const copy = structuredClone(workflow);
	const node = copy.nodes.find((candidate) => candidate.name === assignment.node) as INode;
	const [head, ...rest] = assignment.path;
	if (!propertyNames(node, registry).has(head)) {
		throw new ParameterError(`${flag}: node "${node.name}" (${node.type}) has no parameter "${head}"`);
	}
	let holder = node.parameters as Record<string, unknown>;
	const keys = [head, ...rest];
	for (const key of keys.slice(0, -1)) {
		const next = holder[key];
		if (next === undefined) holder[key] = {};
		else if (typeof next !== 'object' || next === null) {
			throw new ParameterError(`${flag}: "${node.name}.${keys.join('.')}" goes through "${key}", which is not an object`);
		}
		holder = holder[key] as Record<string, unknown>;
	}
	holder[keys[keys.length - 1]] = assignment.value;
	return copy;
}
