import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { supportTriageProperties } from './description';
import { triageItems } from './triageItems';

export class SupportTriage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support Triage',
		name: 'supportTriage',
		icon: 'file:supportTriage.svg',
		group: ['transform'],
		version: 1,
		description: 'Finds intent, urgency, sentiment, language and the flags that need a human, offline or with an OpenAI-compatible model',
		defaults: { name: 'Support Triage' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		subtitle: '={{$parameter["provider"] === "openAiCompatible" ? "OpenAI-compatible" : "Embedded"}}',
		usableAsTool: true,
		credentials: [
			{
				name: 'openAiCompatibleApi',
				required: true,
				displayOptions: { show: { provider: ['openAiCompatible'] } },
			},
		],
		properties: supportTriageProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return triageItems.call(this);
	}
}
