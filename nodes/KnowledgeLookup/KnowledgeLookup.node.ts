import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { knowledgeLookupProperties } from './description';
import { lookupItems } from './lookupItems';

export class KnowledgeLookup implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support Knowledge Lookup',
		name: 'knowledgeLookup',
		icon: 'file:knowledgeLookup.svg',
		group: ['transform'],
		version: 1,
		description: 'Answers tickets from a knowledge base (FAQ or articles) in es, pt or en, and routes the rest out instead of guessing',
		defaults: { name: 'Knowledge Lookup' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Answered', 'Not Found'],
		subtitle: '={{"from " + $parameter["knowledgeSource"] + ($parameter["provider"] === "openAiCompatible" ? ", OpenAI-compatible" : "")}}',
		usableAsTool: true,
		credentials: [
			{
				name: 'openAiCompatibleApi',
				required: true,
				displayOptions: { show: { provider: ['openAiCompatible'] } },
			},
		],
		properties: knowledgeLookupProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await lookupItems.call(this);
	}
}
