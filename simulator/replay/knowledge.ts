import { existsSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowJson } from '../engine';

export const KNOWLEDGE_NODE_TYPES = ['n8n-nodes-support247.knowledgeLookup', 'n8n-nodes-support247.supportTriage'];

/** --knowledge: every node that reads a knowledge base reads this file instead. */
export function applyKnowledgeFile(workflow: WorkflowJson, file: string): WorkflowJson {
	if (!existsSync(file)) throw new Error(`Knowledge base file not found: ${file}`);
	const copy = structuredClone(workflow);
	let replaced = 0;
	for (const node of copy.nodes) {
		if (!KNOWLEDGE_NODE_TYPES.includes(node.type)) continue;
		node.parameters = { ...node.parameters, knowledgeSource: 'file', knowledgeFile: path.resolve(file) };
		replaced++;
	}
	if (replaced === 0) throw new Error('--knowledge: the workflow has no Knowledge Lookup or Support Triage node');
	return copy;
}
