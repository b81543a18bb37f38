import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monthOfConversations } from '../../bench/dashboard/fill';
import { conversationsSince, dropMemoryBackend, memoryBackend, type ConversationRecord } from '../../nodes/shared/conversation';
import { storeReport, type StoreReportSettings } from '../../nodes/SupportInsights/storeReport';
import { fillReportStore, REPORT_NOW } from '../helpers/report-fixture';
import { NODE24_BIN } from './helpers/n8n-install';

/**
 * The dashboard and the report from SQLite's case tables (summed in SQL, no document read) against
 * the document scan, which the memory backend (no caseFigures) still takes: the same figures, the
 * same gaps, the same page, for a store written through the write path and for an old store migrated.
 */
const CHILD = path.join(__dirname, '../helpers/case-figures-child.js');
const KNOWLEDGE = [{ id: 'hours', title: 'Horario', questions: ['¿a qué hora abren?', 'what time do you open?'], answer: 'De 9 a 18.' }];
const SETTINGS = { now: REPORT_NOW, topGaps: 5, title: 'Aurora', refreshSeconds: 0, gapRefreshMinutes: 15, knowledge: KNOWLEDGE };

interface ChildAnswer {
	written: { expired?: number; migratedAfterReading: number };
	dashboard: { dashboard: Record<string, unknown>; html: string };
	report: { report: Record<string, unknown>; html: string; subject: string };
	hasCaseFigures: boolean;
}

function inSqlite(file: string, records: ConversationRecord[], mode: 'transact' | 'legacy'): ChildAnswer {
	const child = spawnSync(NODE24_BIN, [CHILD], { input: JSON.stringify({ file, records, settings: SETTINGS, mode }), maxBuffer: 256 * 2 ** 20 });
	if (child.status !== 0) throw new Error(`case-figures child exited ${child.status}: ${child.stderr}`);
	return JSON.parse(child.stdout.toString('utf8')) as ChildAnswer;
}

/** The scan path: the same records in a memory store, read by the same node code. */
async function scanned(records: ConversationRecord[], name: string) {
	dropMemoryBackend(name);
	const backend = memoryBackend(name);
	for (const record of records) await backend.transact({ ids: [record.id] }, () => ({ save: record, result: null }));
	expect(backend.caseFigures).toBeUndefined();
	const base: Omit<StoreReportSettings, 'operation' | 'window'> = { backend: 'memory', databaseFile: '', memoryName: name, ...SETTINGS };
	const dashboard = await storeReport({ ...base, operation: 'dashboard', window: '30d' });
	const report = await storeReport({ ...base, operation: 'report', window: '7d', refreshSeconds: 0, gapRefreshMinutes: 0 });
	dropMemoryBackend(name);
	return { dashboard: JSON.parse(JSON.stringify(dashboard)), report: JSON.parse(JSON.stringify(report)) };
}

let folder: string;
let fixture: ConversationRecord[];
let month: ConversationRecord[];
beforeAll(async () => {
	folder = mkdtempSync(path.join(tmpdir(), 's247-case-figures-'));
	const backend = memoryBackend('case-figures-fixture');
	await fillReportStore(backend);
	fixture = [];
	for await (const record of conversationsSince(backend, 0)) fixture.push(record);
	dropMemoryBackend('case-figures-fixture');
	// A seeded month beside the hand-worked store: every tier, channel and language, people's answers, CSAT, suggestions.
	month = [...fixture, ...monthOfConversations({ nowMs: Date.parse(REPORT_NOW), turns: 6_000, seed: 5 })];
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('dashboard figures from SQLite\u2019s case tables', () => {
	it('match the hand-worked figures of the report fixture', () => {
		const sql = inSqlite(path.join(folder, 'fixture.sqlite'), fixture, 'transact');
		expect(sql.hasCaseFigures).toBe(true);
		const week = sql.dashboard.dashboard['7d'];
		expect(week).toMatchObject({
			messages: 7,
			cases: 6,
			conversations: 5,
			byChannel: { whatsapp: 3, webchat: 2, email: 1 },
			offHours: { cases: 3, share: 0.5 },
			tiers: { L1: 1, L2: 1, L3: 4, L4: 0 },
			ai: { resolved: 2, rate: 0.3333 },
			escalations: { total: 4, byReason: [{ rule: 'lowConfidence', label: 'low confidence', count: 2 }, { rule: 'angry', count: 1 }, { rule: 'outOfPolicy', count: 1 }] },
			firstResponse: { answered: 2, waiting: 2, medianMinutes: 60, p90Minutes: 2040 },
			sla: { tracked: 4, met: 1, breached: 2, pending: 1, breachRate: 0.6667 },
			csat: { answered: 2, mean: 3.5, counts: [0, 1, 0, 0, 1], byResolver: { agent: { answered: 1, mean: 2 }, ai: { answered: 1, mean: 5 } } },
			suggestions: { total: 2, newest: [{ by: 'luis' }, { by: 'maria' }] },
		});
		expect(sql.dashboard.dashboard['24h']).toMatchObject({ messages: 3, cases: 3, sla: { tracked: 2, met: 0, breached: 1, pending: 1 }, suggestions: { total: 1 } });
		expect(sql.dashboard.dashboard['30d']).toMatchObject({ messages: 8, cases: 7, conversations: 6, ai: { resolved: 3 } });
	});

	it('are the document scan\u2019s, gaps and page included, for a store written through the write path', async () => {
		const scan = await scanned(month, 'case-figures-scan');
		const sql = inSqlite(path.join(folder, 'month.sqlite'), month, 'transact');
		// The conversation written then deleted, and the one expired, left nothing behind.
		expect(sql.written.expired).toBe(1);
		expect(sql.dashboard.dashboard['30d']).toMatchObject({ cases: expect.any(Number) });
		expect((sql.dashboard.dashboard['30d'] as { cases: number }).cases).toBeGreaterThan(1_000);
		expect((sql.dashboard.dashboard['7d'] as { gaps: { topics: unknown[] } }).gaps.topics.length).toBeGreaterThan(0);
		expect(sql.dashboard).toEqual(scan.dashboard);
		expect(sql.report).toEqual(scan.report);
	});

	it('are the document scan\u2019s for a store written before the case tables, migrated on the first read', async () => {
		const scan = await scanned(month, 'case-figures-legacy');
		const sql = inSqlite(path.join(folder, 'legacy.sqlite'), month, 'legacy');
		// Migrated by the dashboard's first figures read, once: opened again, nothing is left to do.
		expect(sql.written).toEqual({ migratedAfterReading: 0 });
		expect(sql.dashboard).toEqual(scan.dashboard);
		expect(sql.report).toEqual(scan.report);
	});
});
