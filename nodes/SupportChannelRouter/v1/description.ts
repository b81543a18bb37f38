import type { INodeProperties } from 'n8n-workflow';

export const channelRouterProperties: INodeProperties[] = [
	{
		displayName: 'Sends each ticket to the output of its channel, so the reply goes back where the customer wrote. Tickets from any other channel go to Other.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Channel Field',
		name: 'channelField',
		type: 'string',
		default: 'channel',
		description: 'Dot path of the field that holds the channel (whatsapp, email, webchat)',
	},
];
