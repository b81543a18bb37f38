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

export class SupportInsights implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support Insights',
		name: 'supportInsights',
		icon: 'file:supportInsights.svg',
		group: ['transform'],
		version: 1,
		description: 'Finds knowledge gaps: groups the tickets the AI could not answer into topics, each with a draft knowledge entry',
		subtitle: '={{ "Find knowledge gaps" }}',
		defaults: { name: 'Support Insights' },
		usableAsTool: true,
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		properties: insightsProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
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
