import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TICKET_ID_PATTERN } from '../shared/email/ticketId';

export const inboxTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Mailbox',
		name: 'mailbox',
		type: 'string',
		default: '',
		placeholder: 'INBOX',
		description: 'Mailbox (folder) to watch. Empty uses the one in the credential, else INBOX.',
	},
	{
		displayName: 'Watch Mode',
		name: 'watchMode',
		type: 'options',
		options: [
			{ name: 'IDLE (Push)', value: 'idle', description: 'The server tells us about new mail at once' },
			{ name: 'Polling', value: 'poll', description: 'Ask every few seconds, for servers without IDLE' },
		],
		default: 'idle',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 5 },
		default: 60,
		displayOptions: { show: { watchMode: ['poll'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Mark as Read',
				name: 'markSeen',
				type: 'boolean',
				default: true,
				description: 'Whether to flag each mail handed to the workflow as \\Seen',
			},
			{
				displayName: 'On First Activation',
				name: 'startFrom',
				type: 'options',
				options: [
					{ name: 'Take Unread Mail Already There', value: 'unseen' },
					{ name: 'Only Mail Arriving From Now On', value: 'new' },
				],
				default: 'unseen',
				description: 'Where the UID cursor starts the first time; afterwards it resumes where it stopped',
			},
			{
				displayName: 'Reconnect Delay (Seconds)',
				name: 'reconnectDelay',
				type: 'number',
				typeOptions: { minValue: 0.1 },
				default: 2,
				description: 'First wait after a dropped connection; it doubles per failed try, up to 5 minutes',
			},
			{
				displayName: 'Strip Quoted Reply',
				name: 'stripQuotes',
				type: 'boolean',
				default: true,
				description: 'Whether to drop the quoted earlier messages under the customer\'s new text',
			},
			{
				displayName: 'Ticket ID Pattern',
				name: 'ticketIdPattern',
				type: 'string',
				default: DEFAULT_TICKET_ID_PATTERN,
				description: 'Regular expression that finds the ticket ID in the subject (group 1 is the ID). Without a match the ID is derived from the Message-ID.',
			},
		],
	},
];
