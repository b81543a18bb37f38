import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { channelOutput, REPLY_CHANNELS } from '../../shared/channels/channelOf';
import { readPath } from '../../shared/field-path';
import { channelRouterProperties } from './description';

// A router picks one of several outputs, so it is not offered as an AI tool (only the first output would be seen).
/** Version 1: WhatsApp (Baileys), Email, Web Chat, Other. Kept unchanged for workflows built on it. */
export class SupportChannelRouterV1 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 1,
			subtitle: 'WhatsApp · Email · Web Chat · Other',
			defaults: { name: 'Channel Router' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
			outputNames: ['WhatsApp', 'Email', 'Web Chat', 'Other'],
			properties: channelRouterProperties,
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const field = (this.getNodeParameter('channelField', 0, 'channel') as string).trim() || 'channel';
		const outputs: INodeExecutionData[][] = Array.from({ length: REPLY_CHANNELS.length + 1 }, () => []);
		this.getInputData().forEach((item, itemIndex) => {
			outputs[channelOutput(readPath(item.json, field))].push({ json: item.json, pairedItem: { item: itemIndex } });
		});
		return outputs;
	}
}
