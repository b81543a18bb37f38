/* eslint-disable @n8n/community-nodes/require-node-api-error -- pure domain code with no n8n imports */
/**
 * The labelled needs-a-human corpus (corpus/needs-human.jsonl, written by
 * scripts/triage-corpus/generate.js). Every row is checked: a bad row fails with its line number.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface CorpusRow {
	text: string;
	language: string;
	needs_human: boolean;
	flags: string[];
	tier: 'L1' | 'L2' | 'L3' | 'L4';
	kind: string;
	business?: string;
	split: 'train' | 'dev';
	template?: string;
	dialect?: string;
	register?: string;
}

export const CORPUS_FILE = path.join(__dirname, '..', 'corpus', 'needs-human.jsonl');
const TIERS = new Set(['L1', 'L2', 'L3', 'L4']);

export function parseCorpus(content: string, source = CORPUS_FILE): CorpusRow[] {
	const rows: CorpusRow[] = [];
	const lines = content.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i].trim();
		if (!line) continue;
		const where = `${source} line ${i + 1}`;
		let row: CorpusRow;
		try {
			row = JSON.parse(line) as CorpusRow;
		} catch (error) {
			throw new Error(`${where}: not JSON (${(error as Error).message})`);
		}
		if (typeof row.text !== 'string' || row.text.trim() === '') throw new Error(`${where}: field "text" is missing or empty`);
		if (typeof row.needs_human !== 'boolean') throw new Error(`${where}: field "needs_human" must be true or false`);
		if (!Array.isArray(row.flags)) throw new Error(`${where}: field "flags" must be a list`);
		if (!TIERS.has(row.tier)) throw new Error(`${where}: field "tier" must be one of L1, L2, L3, L4`);
		if (row.split !== 'train' && row.split !== 'dev') throw new Error(`${where}: field "split" must be "train" or "dev"`);
		if (typeof row.language !== 'string') throw new Error(`${where}: field "language" is missing`);
		rows.push(row);
	}
	return rows;
}

export function loadCorpus(file = CORPUS_FILE): { rows: CorpusRow[]; content: string } {
	let content: string;
	try {
		content = fs.readFileSync(file, 'utf8');
	} catch (error) {
		throw new Error(`needs-a-human corpus "${file}" cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
	}
	return { rows: parseCorpus(content, file), content };
}
