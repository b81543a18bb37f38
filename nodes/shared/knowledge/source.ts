/* eslint-disable @n8n/community-nodes/require-node-api-error -- pure domain code with no n8n imports; the nodes wrap these errors in NodeOperationError */
/**
 * Loads knowledge entries for a node execution from inline JSON, a file or a value taken from an
 * item, cached by content (inline text; file path + size + modification time; item value), so a
 * workflow that runs 10,000 times reads and parses its knowledge base once.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import { KnowledgeFormatError, toKnowledgeEntries } from './entries';
import { describeFileError, formatFromPath, loadKnowledgeFile, parseKnowledge, type KnowledgeFormat } from './loaders';
import type { KnowledgeEntry } from './types';

const cache = new Map<string, KnowledgeEntry[]>();
const CACHE_LIMIT = 32;

function remember(key: string, load: () => KnowledgeEntry[]): KnowledgeEntry[] {
	let entries = cache.get(key);
	if (!entries) {
		entries = load();
		if (entries.length === 0) throw new KnowledgeFormatError('the knowledge base has no entries');
		if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
		cache.set(key, entries);
	}
	return entries;
}

/**
 * The last inline text and its entries: each execution hands the node the same (often 100 KB) text,
 * which a comparison recognises at once, where building and hashing its cache key read it twice.
 */
let lastInline: { text: string; entries: KnowledgeEntry[] } | undefined;

/** Inline JSON: text, an array, or { entries }. */
export function entriesFromInline(value: unknown): KnowledgeEntry[] {
	const text = typeof value === 'string' ? value : JSON.stringify(value ?? []);
	if (lastInline?.text === text) return lastInline.entries;
	const entries = remember('inline:' + text, () => parseKnowledge(text, 'json'));
	lastInline = { text, entries };
	return entries;
}

export function entriesFromFile(filePath: string, format: KnowledgeFormat | 'auto' = 'auto'): KnowledgeEntry[] {
	if (!filePath.trim()) throw new KnowledgeFormatError('the knowledge file path is empty');
	let stat: fs.Stats;
	try {
		stat = fs.statSync(filePath);
	} catch (error) {
		throw new KnowledgeFormatError(`Cannot read knowledge file "${filePath}": ${describeFileError(error)}`);
	}
	const resolved = format === 'auto' ? formatFromPath(filePath) : format;
	return remember(`file:${resolved}:${filePath}:${stat.size}:${stat.mtimeMs}`, () => loadKnowledgeFile(filePath, resolved));
}

/** Entries carried by an item (an array of entry objects, or JSON text of one). */
export function entriesFromValue(value: unknown): KnowledgeEntry[] {
	if (typeof value === 'string') return entriesFromInline(value);
	if (!Array.isArray(value)) throw new KnowledgeFormatError('expected an array of knowledge entries');
	const key = 'value:' + createHash('sha256').update(JSON.stringify(value)).digest('hex');
	return remember(key, () => toKnowledgeEntries(value));
}
