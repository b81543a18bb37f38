import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { openBackend, postgresCredentialOfNode } from '../common/conversationBackend';
import { toMillis } from '../shared/calendar';
import { conversationsSince, unopened, type ConversationRecord } from '../shared/conversation';
import { buildDashboard, buildReport, renderDashboardHtml, renderReportHtml, reportSubject, reportWindow, type ReportWindowName } from '../shared/insights';
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
	knowledge: KnowledgeEntry[];
}

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
		knowledge,
	};
}

/** Reads the window's conversations from the store and builds the report or the dashboard item. */
export async function storeReport(settings: StoreReportSettings): Promise<IDataObject> {
	const window = reportWindow(settings.now, settings.window);
	const opened = openBackend(settings.backend, settings.databaseFile, settings.memoryName, 0, settings.postgres);
	if (!opened.backend) throw unopened('Support Insights', opened.error);
	const records: ConversationRecord[] = [];
	for await (const record of conversationsSince(opened.backend, window.fromMs)) records.push(record);
	const options = { now: settings.now, knowledge: settings.knowledge, topGaps: settings.topGaps };
	const title = settings.title.trim();
	if (settings.operation === 'dashboard') {
		const windows = buildDashboard(records, options);
		return { dashboard: windows as unknown as IDataObject, html: renderDashboardHtml(windows, { title: title || undefined, refreshSeconds: settings.refreshSeconds }) };
	}
	const report = buildReport(records, { ...options, window: settings.window });
	return { report: report as unknown as IDataObject, subject: reportSubject(report, title || undefined), html: renderReportHtml(report, { title: title || undefined }) };
}
