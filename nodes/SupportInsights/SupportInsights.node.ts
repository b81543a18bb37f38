import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { findKnowledgeGaps, gapTicketFromItem, type GapTicket } from '../shared/insights';
import { entriesFromInline, type KnowledgeEntry } from '../shared/knowledge';
import { insightsProperties } from './description';
import { storeReport, storeReportSettings } from './storeReport';
import { conversationBackendCredentials } from '../common/conversationBackendDescription';
import { support247PostgresTest } from '../common/postgresCredential';

export class SupportInsights implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support Insights',
		name: 'supportInsights',
		icon: 'file:supportInsights.svg',
		group: ['transform'],
		version: 1,
		description: 'Finds knowledge gaps in the tickets the AI could not answer, and builds the weekly report and the live dashboard from the Conversation Store',
		subtitle: '={{ {"findKnowledgeGaps": "Find knowledge gaps", "report": "Build report", "dashboard": "Build dashboard"}[$parameter["operation"]] }}',
		defaults: { name: 'Support Insights' },
		usableAsTool: true,
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: conversationBackendCredentials({ operation: ['report', 'dashboard'] }),
		properties: insightsProperties,
	};

	methods = { credentialTest: { support247PostgresTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0, 'findKnowledgeGaps') as string;
		if (operation === 'report' || operation === 'dashboard') return await reportOrDashboard(this, operation);
		const items = this.getInputData();
		let settings: { onlyUnresolved: boolean; minSize: number; threshold: number; examples: number; textField: string; resolutionField: string; knowledge: KnowledgeEntry[] };
		try {
			const options = this.getNodeParameter('options', 0, {}) as IDataObject;
			const knowledgeJson = this.getNodeParameter('knowledgeJson', 0, '[]');
			const empty = knowledgeJson === '' || (typeof knowledgeJson === 'string' && knowledgeJson.trim() === '[]') || (Array.isArray(knowledgeJson) && knowledgeJson.length === 0);
			settings = {
				onlyUnresolved: this.getNodeParameter('onlyUnresolved', 0, true) as boolean,
				minSize: this.getNodeParameter('minSize', 0, 3) as number,
				threshold: this.getNodeParameter('threshold', 0, 0.25) as number,
				examples: Number(options.examples ?? 5),
				textField: String(options.textField ?? 'message.text'),
				resolutionField: String(options.resolutionField ?? ''),
				knowledge: empty ? [] : entriesFromInline(knowledgeJson),
			};
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `Knowledge Base (JSON): ${(error as Error).message}`);
		}

		const tickets: GapTicket[] = [];
		const itemOf = new Map<string, number[]>();
		const failed: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const ticket = gapTicketFromItem(items[itemIndex].json, itemIndex, { text: settings.textField, resolution: settings.resolutionField }, settings.onlyUnresolved);
				if (!ticket) continue;
				tickets.push(ticket);
				itemOf.set(ticket.id, [...(itemOf.get(ticket.id) ?? []), itemIndex]);
			} catch (error) {
				if (this.continueOnFail()) {
					failed.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
			}
		}

		let analysis;
		try {
			analysis = findKnowledgeGaps(tickets, { minSize: settings.minSize, threshold: settings.threshold, examples: settings.examples, knowledge: settings.knowledge });
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}
		const out: INodeExecutionData[] = analysis.topics.map((topic) => ({
			json: { ...topic, unanswered: analysis.unanswered } as unknown as IDataObject,
			pairedItem: topic.ticketIds.flatMap((id) => itemOf.get(id) ?? []).map((item) => ({ item })),
		}));
		return [[...out, ...failed]];
	}
}

/** One item however many came in (a schedule or a request starts it): the figures, the HTML and, for the report, a subject. */
async function reportOrDashboard(ctx: IExecuteFunctions, operation: 'report' | 'dashboard'): Promise<INodeExecutionData[][]> {
	try {
		const knowledgeJson = ctx.getNodeParameter('knowledgeJson', 0, '[]');
		const empty = knowledgeJson === '' || (typeof knowledgeJson === 'string' && knowledgeJson.trim() === '[]') || (Array.isArray(knowledgeJson) && knowledgeJson.length === 0);
		let knowledge: KnowledgeEntry[] = [];
		try {
			knowledge = empty ? [] : entriesFromInline(knowledgeJson);
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `Knowledge Base (JSON): ${(error as Error).message}`, { itemIndex: 0 });
		}
		const json = await storeReport(await storeReportSettings(ctx, operation, knowledge));
		return [[{ json, pairedItem: { item: 0 } }]];
	} catch (error) {
		if (ctx.continueOnFail()) return [[{ json: { error: (error as Error).message }, pairedItem: { item: 0 } }]];
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex: 0 });
	}
}
