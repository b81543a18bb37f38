import { parameterReader } from '../../common/parameterReader';
import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeBaseDescription,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { channelOutputV2, ROUTER_V2_OUTPUTS } from '../../shared/channels/channelOf';
import { channelEventOf } from '../../shared/channels/from-payload';
import { itemSendTime, outboundFor } from '../../shared/channels/outbound';
import { readPath } from '../../shared/field-path';
import type { Ticket } from '../../shared/ticket';
import { channelRouterV2Properties } from './description';

const OTHER = ROUTER_V2_OUTPUTS.indexOf('Other');
const STATUS = ROUTER_V2_OUTPUTS.indexOf('Status');

export class SupportChannelRouterV2 implements INodeType {
	description: INodeTypeDescription;

	constructor(baseDescription: INodeTypeBaseDescription) {
		this.description = {
			...baseDescription,
			version: 2,
			subtitle: 'WhatsApp · Email · Web Chat · Messenger · Instagram · Telegram',
			defaults: { name: 'Channel Router' },
			inputs: [NodeConnectionTypes.Main],
			outputs: ROUTER_V2_OUTPUTS.map(() => NodeConnectionTypes.Main),
			outputNames: [...ROUTER_V2_OUTPUTS],
			properties: channelRouterV2Properties,
		};
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const outputs: INodeExecutionData[][] = ROUTER_V2_OUTPUTS.map(() => []);
		const param = parameterReader(this);
		this.getInputData().forEach((item, itemIndex) => {
			try {
				// A delivery or read receipt is about a reply already sent: to the conversation, never to a customer.
				const event = channelEventOf(item.json);
				if (event) {
					outputs[STATUS].push({ json: { ...item.json, channelEvent: event as unknown as IDataObject }, pairedItem: { item: itemIndex } });
					return;
				}
				const field = (param('channelField', itemIndex, 'channel') as string).trim() || 'channel';
				const channel = readPath(item.json, field);
				const sendAt = String(param('sendTime', itemIndex, '') || '') || itemSendTime(item.json) || '';
				const options = param('options', itemIndex, {}) as IDataObject;
				const outbound = outboundFor({ ...(item.json as unknown as Ticket), channel: String(channel ?? '') }, {
					sendAt,
					whatsappTemplate: {
						name: (param('whatsappTemplateName', itemIndex, 'support_follow_up') as string) || 'support_follow_up',
						language: param('whatsappTemplateLanguage', itemIndex, '') as string,
					},
					metaHumanAgentTag: options.metaHumanAgentTag === true,
					listButton: (options.listButton as string) || undefined,
				});
				const json = outbound ? { ...item.json, outbound: outbound as unknown as IDataObject } : item.json;
				outputs[channelOutputV2(channel, outbound?.route)].push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					outputs[OTHER].push({ json: { ...item.json, error: (error as Error).message }, pairedItem: { item: itemIndex } });
					return;
				}
				throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
			}
		});
		return outputs;
	}
}
