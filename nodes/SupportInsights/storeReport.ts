import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { openBackend, postgresCredentialOfNode } from '../common/conversationBackend';
import { toMillis } from '../shared/calendar';
import { conversationsSince, unopened, type ConversationBackend, type ConversationRecord } from '../shared/conversation';
import {
	buildDashboard,
	buildReport,
	cachedGaps,
	gapsOfRecords,
	renderDashboardHtml,
	renderReportHtml,
	reportFromCaseFigures,
	reportSubject,
	reportWindow,
	REPORT_WINDOWS,
	type ReportFigures,
	type ReportOptions,
	type ReportWindowName,
} from '../shared/insights';
import type { KnowledgeEntry } from '../shared/knowledge';

export interface StoreReportSettings {
	operation: 'report' | 'dashboard';
	backend: string;
	databaseFile: string;
	memoryName: string;
	/** The node's Postgres credential, when the Database is PostgreSQL. */
	postgres?: ICredentialDataDecryptedObject;
	window: ReportWindowName;
	now: string;
	topGaps: number;
	title: string;
	refreshSeconds: number;
	/** How long the dashboard keeps its 7-day gap topics before recomputing them (0: every request). */
	gapRefreshMinutes: number;
	knowledge: KnowledgeEntry[];
}

/** The dashboard's gap topics are kept this long unless the node says otherwise. */
export const DEFAULT_GAP_REFRESH_MINUTES = 15;

export async function storeReportSettings(ctx: IExecuteFunctions, operation: 'report' | 'dashboard', knowledge: KnowledgeEntry[]): Promise<StoreReportSettings> {
	const raw = String(ctx.getNodeParameter('now', 0, '') ?? '').trim();
	// Only the node reads the clock, and only when the workflow gives no time.
	const now = raw || new Date().toISOString();
	toMillis(now, 'Up To');
	const backend = ctx.getNodeParameter('backend', 0, 'sqlite') as string;
	return {
		operation,
		backend,
		postgres: await postgresCredentialOfNode(ctx, backend),
		databaseFile: ctx.getNodeParameter('databaseFile', 0, '') as string,
		memoryName: ctx.getNodeParameter('memoryName', 0, 'default') as string,
		window: operation === 'report' ? (ctx.getNodeParameter('window', 0, '7d') as ReportWindowName) : '30d',
		now,
		topGaps: Number(ctx.getNodeParameter('topGaps', 0, 5)),
		title: String(ctx.getNodeParameter('title', 0, '') ?? ''),
		refreshSeconds: operation === 'dashboard' ? Number(ctx.getNodeParameter('refreshSeconds', 0, 60)) : 0,
		gapRefreshMinutes: operation === 'dashboard' ? Number(ctx.getNodeParameter('gapRefreshMinutes', 0, DEFAULT_GAP_REFRESH_MINUTES)) : 0,
		knowledge,
	};
}

async function recordsSince(backend: ConversationBackend, sinceMs: number): Promise<ConversationRecord[]> {
	const records: ConversationRecord[] = [];
	for await (const record of conversationsSince(backend, sinceMs)) records.push(record);
	return records;
}

/**
 * The report or the dashboard's windows. A backend that sums the figures itself (caseFigures) is
 * asked for them and only the gap topics read documents (the dashboard keeps those between
 * refreshes); any other backend is read document by document, with the same figures.
 */
async function windowsOf(backend: ConversationBackend, key: string, settings: StoreReportSettings, names: ReportWindowName[]): Promise<Record<string, ReportFigures>> {
	const options: Omit<ReportOptions, 'window'> = { now: settings.now, knowledge: settings.knowledge, topGaps: settings.topGaps };
	const dashboard = settings.operation === 'dashboard';
	const out: Record<string, ReportFigures> = {};
	if (!backend.caseFigures) {
		const records = await recordsSince(backend, reportWindow(settings.now, names[names.length - 1]).fromMs);
		if (dashboard) return buildDashboard(records, options);
		out[names[0]] = buildReport(records, { ...options, window: names[0] });
		return out;
	}
	for (const name of names) {
		const window = reportWindow(settings.now, name);
		const withGaps = settings.topGaps > 0 && (!dashboard || name === '7d');
		const gapOptions = { ...options, window: name };
		const compute = async () => gapsOfRecords(await recordsSince(backend, window.fromMs), gapOptions);
		const gaps = !withGaps ? null : dashboard ? (await cachedGaps(gapKey(key, settings), window.toMs, settings.gapRefreshMinutes * 60_000, compute)).gaps : await compute();
		out[name] = reportFromCaseFigures(await backend.caseFigures(window.fromMs, window.toMs, { newestSuggestions: 5 }), window, gaps);
	}
	return out;
}

/** The store and what shapes the topics (how many, the knowledge base they are matched against). */
function gapKey(storeKey: string, settings: StoreReportSettings): string {
	const knowledge = createHash('sha1').update(JSON.stringify(settings.knowledge)).digest('hex');
	return `${storeKey}|${settings.topGaps}|${knowledge}`;
}

/** Reads the window's figures from the store and builds the report or the dashboard item. */
export async function storeReport(settings: StoreReportSettings): Promise<IDataObject> {
	const opened = openBackend(settings.backend, settings.databaseFile, settings.memoryName, 0, settings.postgres);
	if (!opened.backend) throw unopened('Support Insights', opened.error);
	const title = settings.title.trim();
	if (settings.operation === 'dashboard') {
		const windows = (await windowsOf(opened.backend, opened.key, settings, Object.keys(REPORT_WINDOWS) as ReportWindowName[])) as Record<ReportWindowName, ReportFigures>;
		return { dashboard: windows as unknown as IDataObject, html: renderDashboardHtml(windows, { title: title || undefined, refreshSeconds: settings.refreshSeconds }) };
	}
	const report = (await windowsOf(opened.backend, opened.key, settings, [settings.window]))[settings.window];
	return { report: report as unknown as IDataObject, subject: reportSubject(report, title || undefined), html: renderReportHtml(report, { title: title || undefined }) };
}
