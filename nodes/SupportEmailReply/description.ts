import type { INodeProperties } from 'n8n-workflow';

export const emailReplyProperties: INodeProperties[] = [
	{
		displayName:
			'Replies to the ticket\'s email thread: reads <code>reply.text</code>, answers <code>email.from</code> (or its Reply-To) and threads with In-Reply-To and References. No expressions needed.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'BCC',
				name: 'bcc',
				type: 'string',
				default: '',
				description: 'Hidden copy, e.g. an archive address',
			},
			{
				displayName: 'CC',
				name: 'cc',
				type: 'string',
				default: '',
			},
			{
				displayName: 'From Name',
				name: 'fromName',
				type: 'string',
				default: '',
				description: 'Overrides the name in the SMTP credential',
			},
			{
				displayName: 'Mark as Automatic Reply',
				name: 'autoSubmitted',
				type: 'boolean',
				default: true,
				description: 'Whether to add Auto-Submitted: auto-replied (RFC 3834) so other robots never answer it. Turn off only for replies a human wrote.',
			},
			{
				displayName: 'Reply-To',
				name: 'replyTo',
				type: 'string',
				default: '',
				description: 'Address the customer\'s answer should go to, if not the sender',
			},
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				description: 'Subject of the mail being answered. Empty uses email.subject (or message.subject); "Re:" and the ticket ID are added.',
			},
			{
				displayName: 'Text Field',
				name: 'textField',
				type: 'string',
				default: 'reply.text',
				description: 'Dot path of the item field holding the reply text',
			},
			{
				displayName: 'Ticket ID in Subject',
				name: 'tagSubject',
				type: 'boolean',
				default: true,
				description: 'Whether to append [#ticketId] to the subject (never twice) so the customer\'s answer finds its ticket',
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'string',
				default: '',
				description: 'Recipient address. Empty uses email.replyTo, then email.from, then customer.email.',
			},
		],
	},
];
