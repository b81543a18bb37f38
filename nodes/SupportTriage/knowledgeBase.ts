/**
 * The knowledge base Support Triage classifies against, loaded with the shared knowledge loaders
 * and cached by content (inline JSON text, or file path + size + modification time), so the same
 * entries array reaches the intent model each execution and its training cache hits at once.
 */
import * as fs from 'fs';
import { NodeOperationError, type INode } from 'n8n-workflow';
import { KnowledgeFormatError } from '../shared/knowledge/entries';
import { loadKnowledgeFile, parseKnowledge } from '../shared/knowledge/loaders';
import type { KnowledgeEntry } from '../shared/knowledge/types';

export type KnowledgeSource = 'none' | 'inline' | 'file';

const cache = new Map<string, KnowledgeEntry[]>();
const CACHE_LIMIT = 16;

/** The last inline text and its entries: the same text each execution is recognised by a comparison, without building and hashing its key. */
let lastInline: { text: string; entries: KnowledgeEntry[] } | undefined;

export function loadKnowledgeBase(node: INode, source: KnowledgeSource, inline: unknown, filePath: string): KnowledgeEntry[] | undefined {
	const fail = (parameter: string, message: string) => new NodeOperationError(node, message, { description: `Parameter: ${parameter}` });
	if (source === 'none') return undefined;
	if (source === 'inline') {
		const text = typeof inline === 'string' ? inline : JSON.stringify(inline);
		if (lastInline?.text === text) return lastInline.entries;
		const entries = cached(`inline:${text}`, () => parse(fail, 'knowledgeJson', () => parseKnowledge(text, 'json')));
		lastInline = { text, entries };
		return entries;
	}
	if (!filePath) throw fail('knowledgeFile', 'Parameter "Knowledge Base File" is empty');
	let stat: fs.Stats;
	try {
		stat = fs.statSync(filePath);
	} catch (error) {
		throw fail('knowledgeFile', `Cannot read knowledge file "${filePath}": ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
	return cached(`file:${filePath}:${stat.size}:${stat.mtimeMs}`, () => parse(fail, 'knowledgeFile', () => loadKnowledgeFile(filePath)));
}

type Fail = (parameter: string, message: string) => NodeOperationError;

function parse(fail: Fail, parameter: string, load: () => KnowledgeEntry[]): KnowledgeEntry[] {
	let entries: KnowledgeEntry[];
	try {
		entries = load();
	} catch (error) {
		const message = error instanceof KnowledgeFormatError || error instanceof SyntaxError ? error.message : String(error);
		throw fail(parameter, `Knowledge base (parameter "${parameter}"): ${message}`);
	}
	if (entries.length === 0) throw fail(parameter, `Knowledge base (parameter "${parameter}") has no entries`);
	return entries;
}

function cached(key: string, load: () => KnowledgeEntry[]): KnowledgeEntry[] {
	let entries = cache.get(key);
	if (!entries) {
		entries = load();
		if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
		cache.set(key, entries);
	}
	return entries;
}
