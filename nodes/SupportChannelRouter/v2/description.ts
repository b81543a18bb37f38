import type { INodeProperties } from 'n8n-workflow';

export const channelRouterV2Properties: INodeProperties[] = [
	{
		displayName:
			'Sends each ticket to the output of its channel, so the reply goes back where the customer wrote. For WhatsApp Cloud API, Messenger, Instagram and Telegram tickets it also writes <code>outbound</code>: the API request body of the reply, with the 24-hour window applied. Delivery and read receipts and echoes of our own replies go to <b>Status</b> (for the Conversation Store\'s Record Status), never to a reply. Messenger and Instagram replies the Send API would refuse (the AI\'s after 24 hours, any after 7 days) go to <b>Window Closed</b>, for a person to take.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Channel Field',
		name: 'channelField',
		type: 'string',
		default: 'channel',
		description: 'Dot path of the field that holds the channel (whatsapp, email, webchat, messenger, instagram, telegram)',
	},
	{
		displayName: 'Send Time',
		name: 'sendTime',
		type: 'string',
		default: '',
		placeholder: '={{ $now.toISO() }}',
		description:
			'When the reply goes out, for the 24-hour window. Empty: the item\'s reply.at, else a person\'s answer time (personReply.at), else its SLA check time, else the time of the customer\'s message (an immediate reply).',
	},
	{
		displayName: 'WhatsApp Template Name',
		name: 'whatsappTemplateName',
		type: 'string',
		default: 'support_follow_up',
		description: 'Approved template sent through the WhatsApp Cloud API outside the 24-hour window; its body takes the reply text as {{1}}',
	},
	{
		displayName: 'WhatsApp Template Language',
		name: 'whatsappTemplateLanguage',
		type: 'string',
		default: '',
		placeholder: 'es_MX',
		description: 'Language code the template was approved in. Empty: the reply language.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Human Agent Tag Outside the Window',
				name: 'metaHumanAgentTag',
				type: 'boolean',
				default: false,
				description:
					'Whether a person\'s reply (reply.by = agent) to a Messenger or Instagram customer after 24 hours goes out with the HUMAN_AGENT tag, allowed for 7 days after the customer\'s last message (needs Meta\'s Human Agent permission). The AI\'s replies never use it.',
			},
			{
				displayName: 'List Button Label',
				name: 'listButton',
				type: 'string',
				default: 'Options',
				description: 'Label of the button that opens a WhatsApp list (more than 3 choices)',
			},
		],
	},
];
