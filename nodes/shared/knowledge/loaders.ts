/* eslint-disable @n8n/community-nodes/require-node-api-error -- pure domain code with no n8n imports; the nodes wrap these errors in NodeOperationError */
/**
 * Reads a knowledge base from text in JSON (array, or { entries: [...] }), JSONL, CSV
 * (id,title,questions,answer,tags,language,tier; questions and tags "|"-separated; optional
 * answer_<lang> columns) or Markdown (`## Title` sections with optional `Q:`, `Tags:`, `Id:`,
 * `Language:`, `Tier:` lines; the rest is the answer).
 */
import { parse } from 'csv-parse/sync';
import * as fs from 'fs';
import * as path from 'path';
import { KnowledgeFormatError, toKnowledgeEntries } from './entries';
import type { KnowledgeEntry } from './types';

export type KnowledgeFormat = 'json' | 'jsonl' | 'csv' | 'markdown';

export function formatFromPath(filePath: string): KnowledgeFormat {
	const extension = path.extname(filePath).toLowerCase();
	if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
	if (extension === '.csv') return 'csv';
	if (extension === '.md' || extension === '.markdown') return 'markdown';
	return 'json';
}

export function parseKnowledge(text: string, format: KnowledgeFormat): KnowledgeEntry[] {
	switch (format) {
		case 'json':
			return parseJson(text);
		case 'jsonl':
			return parseJsonLines(text);
		case 'csv':
			return parseCsv(text);
		case 'markdown':
			return parseMarkdown(text);
	}
}

/** Reads and parses a knowledge file; errors name the file. */
export function loadKnowledgeFile(filePath: string, format: KnowledgeFormat = formatFromPath(filePath)): KnowledgeEntry[] {
	let text: string;
	try {
		text = fs.readFileSync(filePath, 'utf8');
	} catch (error) {
		throw new KnowledgeFormatError(`Cannot read knowledge file "${filePath}": ${describeFileError(error)}`);
	}
	try {
		return parseKnowledge(text, format);
	} catch (error) {
		throw new KnowledgeFormatError(`Knowledge file "${filePath}": ${(error as Error).message}`);
	}
}

const FILE_ERRORS: Record<string, string> = {
	ENOENT: 'no such file',
	EACCES: 'permission denied',
	EISDIR: 'it is a folder',
	ENOTDIR: 'a part of the path is not a folder',
};

/**
 * In words, not codes: n8n replaces a whole error message that mentions "ENOENT" with a generic
 * one, which would hide the path the user has to fix.
 */
export function describeFileError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException)?.code;
	return (code && FILE_ERRORS[code]) ?? (code ? `error ${code.replace(/^E/, '')}` : String((error as Error)?.message ?? error));
}

function parseJson(text: string): KnowledgeEntry[] {
	const data = JSON.parse(text) as unknown;
	if (Array.isArray(data)) return toKnowledgeEntries(data);
	if (data && typeof data === 'object' && Array.isArray((data as { entries?: unknown }).entries)) {
		return toKnowledgeEntries((data as { entries: unknown[] }).entries);
	}
	throw new KnowledgeFormatError('JSON knowledge must be an array of entries or { "entries": [...] }');
}

function parseJsonLines(text: string): KnowledgeEntry[] {
	const raws: unknown[] = [];
	text.split(/\r?\n/).forEach((line, index) => {
		if (!line.trim()) return;
		try {
			raws.push(JSON.parse(line));
		} catch (error) {
			throw new KnowledgeFormatError(`line ${index + 1} is not JSON: ${(error as Error).message}`);
		}
	});
	return toKnowledgeEntries(raws);
}

function parseCsv(text: string): KnowledgeEntry[] {
	const rows = parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, bom: true, trim: true }) as Array<Record<string, string>>;
	return toKnowledgeEntries(
		rows.map((row) => {
			const perLanguage: Record<string, string> = {};
			for (const [column, value] of Object.entries(row)) {
				const match = /^answer[_.-]([a-z]{2})$/.exec(column);
				if (match && value) perLanguage[match[1]] = value;
			}
			const answer = Object.keys(perLanguage).length > 0 ? { ...(row.answer ? { en: row.answer } : {}), ...perLanguage } : row.answer;
			return { ...row, answer, language: row.language || undefined, tier: row.tier || undefined, id: row.id || undefined };
		}),
	);
}

// The value is trimmed after the match: "\s*(.*)" let two quantifiers share the blanks.
const MARKDOWN_FIELD = /^(q|question|tags|id|language|lang|tier)\s*:(.*)$/i;

/** "## Title ##" → "Title"; by hand, since a pattern for the optional closing hashes backtracks over blanks. */
export function markdownHeading(line: string): string | undefined {
	if (!line.startsWith('##') || !/^\s$/.test(line.charAt(2))) return undefined;
	const text = line.slice(2).trim();
	// Only blanks after "##": the old pattern took the second blank as the title; kept as it was.
	if (!text) return line.length >= 4 ? line.charAt(3) : undefined;
	let end = text.length;
	while (end > 0 && text.charCodeAt(end - 1) === 0x23) end--;
	const title = text.slice(0, end).trimEnd();
	return title || text.charAt(0);
}

function parseMarkdown(text: string): KnowledgeEntry[] {
	const raws: Array<Record<string, unknown>> = [];
	let current: { title: string; questions: string[]; body: string[]; fields: Record<string, string> } | undefined;
	const flush = () => {
		if (!current) return;
		const { title, questions, body, fields } = current;
		raws.push({
			id: fields.id,
			title,
			questions,
			answer: body.join('\n').trim(),
			tags: fields.tags ? fields.tags.split(/[|,]/) : undefined,
			language: fields.language ?? fields.lang,
			tier: fields.tier,
		});
	};
	for (const line of text.split(/\r?\n/)) {
		const heading = markdownHeading(line);
		if (heading !== undefined) {
			flush();
			current = { title: heading, questions: [], body: [], fields: {} };
			continue;
		}
		if (!current) continue; // text before the first section (a page title, an intro) is not an entry
		const field = MARKDOWN_FIELD.exec(line.trim());
		if (field) {
			const key = field[1].toLowerCase();
			if (key === 'q' || key === 'question') current.questions.push(field[2].trim());
			else current.fields[key] = field[2].trim();
		} else current.body.push(line);
	}
	flush();
	return toKnowledgeEntries(raws);
}
