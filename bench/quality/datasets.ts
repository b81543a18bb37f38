/** Reads the shared intent datasets (README in the datasets folder) in place. */
import { parse } from 'csv-parse/sync';
import * as fs from 'fs';
import * as path from 'path';
import type { KnowledgeEntry } from '../../nodes/shared/knowledge/types';

export interface LabelledRow {
	id: string;
	text: string;
	/** Empty for out-of-scope rows. */
	intent: string;
	needsHuman: boolean;
	language: string;
}

/** `SUPPORT247_DATASETS`, else `../shared/datasets` beside the repository root. */
export function datasetsDir(repoRoot: string): string {
	return process.env.SUPPORT247_DATASETS ?? path.resolve(repoRoot, '..', 'shared', 'datasets');
}

export function readRows(file: string): LabelledRow[] {
	const records = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
	return records.map((r) => ({
		id: r.id,
		text: r.text ?? '',
		intent: (r.expected_intent ?? '').trim(),
		needsHuman: r.needs_human === 'true',
		language: r.language || 'en',
	}));
}

/** A knowledge base whose entries are the intents of the rows (for splits without a kb.json). */
export function entriesFromRows(rows: readonly LabelledRow[]): KnowledgeEntry[] {
	const byIntent = new Map<string, KnowledgeEntry>();
	for (const row of rows) {
		if (!row.intent) continue;
		let entry = byIntent.get(row.intent);
		if (!entry) {
			entry = { id: row.intent, title: row.intent.replace(/_/g, ' '), questions: [], answer: `Answer for ${row.intent}`, language: row.language };
			byIntent.set(row.intent, entry);
		}
		entry.questions.push(row.text);
	}
	return [...byIntent.values()];
}
