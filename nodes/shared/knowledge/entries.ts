/**
 * Validates and normalises raw knowledge entries from any source (inline JSON, files, items):
 * ids and titles are filled in, `questions` may be an array or a "|"-separated string, and
 * `answer` may be a string or a per-language map.
 */
import type { KnowledgeEntry, LocalizedText } from './types';

export class KnowledgeFormatError extends Error {}

const TIERS = new Set(['L1', 'L2', 'L3', 'L4']);

function asStringList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v ?? '').trim()).filter((v) => v !== '');
	if (typeof value === 'string') return value.split('|').map((v) => v.trim()).filter((v) => v !== '');
	return [];
}

function asAnswer(value: unknown, where: string): LocalizedText {
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		const map: Record<string, string> = {};
		for (const [language, text] of Object.entries(value as Record<string, unknown>)) {
			if (typeof text === 'string' && text.trim()) map[language.toLowerCase()] = text;
		}
		if (Object.keys(map).length > 0) return map;
	}
	throw new KnowledgeFormatError(`${where}: "answer" must be a text or a map of language to text`);
}

export function slugify(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);
}

/** One raw object to an entry; `position` (0-based) names it in errors and default ids. */
export function toKnowledgeEntry(raw: unknown, position: number): KnowledgeEntry {
	const where = `Knowledge entry ${position + 1}`;
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new KnowledgeFormatError(`${where} must be an object`);
	const record = raw as Record<string, unknown>;
	const questions = asStringList(record.questions ?? record.question);
	const title = String(record.title ?? record.name ?? questions[0] ?? '').trim();
	const id = String(record.id ?? (title ? slugify(title) : `kb-${position + 1}`)).trim();
	if (!title && questions.length === 0) throw new KnowledgeFormatError(`${where} ("${id}") needs a "title" or "questions"`);
	const entry: KnowledgeEntry = { id, title: title || id, questions, answer: asAnswer(record.answer, `${where} ("${id}")`) };
	const tags = asStringList(record.tags);
	if (tags.length > 0) entry.tags = tags;
	if (typeof record.language === 'string' && record.language.trim()) entry.language = record.language.trim().toLowerCase();
	if (typeof record.tier === 'string' && TIERS.has(record.tier.toUpperCase())) entry.tier = record.tier.toUpperCase() as KnowledgeEntry['tier'];
	return entry;
}

export function toKnowledgeEntries(raws: readonly unknown[]): KnowledgeEntry[] {
	const entries = raws.map((raw, position) => toKnowledgeEntry(raw, position));
	const seen = new Set<string>();
	for (const entry of entries) {
		if (seen.has(entry.id)) throw new KnowledgeFormatError(`Knowledge entry id "${entry.id}" appears more than once`);
		seen.add(entry.id);
	}
	return entries;
}
