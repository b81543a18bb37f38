import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { entriesFromFile, entriesFromInline, type KnowledgeEntry } from '../../nodes/shared/knowledge';
import type { DraftEntry } from '../../nodes/shared/insights';
import type { WorkflowJson } from '../engine';

const LOOKUP_TYPE = 'n8n-nodes-support247.knowledgeLookup';

/** The knowledge base the workflow's first Knowledge Lookup reads (inline or a file), or the --knowledge file. */
export function workflowKnowledge(workflow: WorkflowJson, knowledgeFile?: string): KnowledgeEntry[] {
	if (knowledgeFile) return entriesFromFile(knowledgeFile);
	const node = workflow.nodes.find((n) => n.type === LOOKUP_TYPE);
	if (!node) throw new Error('gaps: the workflow has no Knowledge Lookup node, so drafts cannot be added to a knowledge base');
	const p = (node.parameters ?? {}) as Record<string, unknown>;
	const source = p.knowledgeSource ?? 'inline';
	if (source === 'inline') return entriesFromInline(p.knowledgeJson ?? '[]');
	if (source === 'file' && typeof p.knowledgeFile === 'string' && !p.knowledgeFile.startsWith('=')) return entriesFromFile(p.knowledgeFile);
	throw new Error(`gaps: "${node.name}" reads its knowledge base from "${String(source)}"; pass the same entries with --knowledge <file>`);
}

/**
 * The existing entries with the drafts applied: a draft that extends an entry adds its questions
 * to it (the answer stays), any other draft is a new entry.
 */
export function withDrafts(existing: readonly KnowledgeEntry[], drafts: readonly DraftEntry[]): KnowledgeEntry[] {
	const entries = existing.map((entry) => ({ ...entry, questions: [...entry.questions] }));
	const byId = new Map(entries.map((entry) => [entry.id, entry]));
	for (const draft of drafts) {
		const base = draft.extends ? byId.get(draft.extends) : undefined;
		if (base) {
			const known = new Set(base.questions);
			base.questions.push(...draft.questions.filter((question) => !known.has(question)));
		} else if (!byId.has(draft.id)) {
			const { id, title, questions, answer, language, tags } = draft;
			const entry = { id, title, questions: [...questions], answer, language, tags };
			entries.push(entry);
			byId.set(id, entry);
		}
	}
	return entries;
}

/** withDrafts(…) as a knowledge file for --knowledge, in a temporary folder. */
export function writeKnowledgeWithDrafts(existing: readonly KnowledgeEntry[], drafts: readonly DraftEntry[]): string {
	const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'support-sim-gaps-')), 'knowledge-with-drafts.json');
	writeFileSync(file, `${JSON.stringify(withDrafts(existing, drafts), null, 1)}\n`);
	return file;
}
