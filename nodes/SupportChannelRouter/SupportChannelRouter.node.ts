import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { channelOutput, REPLY_CHANNELS } from '../shared/channels/channelOf';
import { readPath } from '../shared/field-path';
import { channelRouterProperties } from './description';

// A router picks one of several outputs; as an AI tool only the first would be seen.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class SupportChannelRouter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support Channel Router',
		name: 'supportChannelRouter',
		icon: 'file:supportChannelRouter.svg',
		group: ['transform'],
		version: 1,
		description: 'Sends each ticket to the output of its channel: WhatsApp, Email, Web Chat or Other',
		subtitle: 'WhatsApp · Email · Web Chat · Other',
		defaults: { name: 'Channel Router' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['WhatsApp', 'Email', 'Web Chat', 'Other'],
		properties: channelRouterProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const field = (this.getNodeParameter('channelField', 0, 'channel') as string).trim() || 'channel';
		const outputs: INodeExecutionData[][] = Array.from({ length: REPLY_CHANNELS.length + 1 }, () => []);
		this.getInputData().forEach((item, itemIndex) => {
			outputs[channelOutput(readPath(item.json, field))].push({ json: item.json, pairedItem: { item: itemIndex } });
		});
		return outputs;
	}
}
