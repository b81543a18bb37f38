import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_QUIET_SECONDS, MAX_QUIET_SECONDS } from '../shared/conversation/collectBurst';

export const whatsAppTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'First run: WhatsApp asks to link this device. The QR code appears in this node\'s output (manual run), in the n8n log, and as a PNG next to the auth folder (&lt;auth folder&gt;-qr.png). Scan it from WhatsApp → Linked devices.',
		name: 'pairingNotice',
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
				displayName: 'Ignore Group Messages',
				name: 'ignoreGroups',
				type: 'boolean',
				default: true,
				description: 'Whether to skip messages sent in group chats (@g.us)',
			},
			{
				displayName: 'Ignore Media Without Text',
				name: 'ignoreWithoutText',
				type: 'boolean',
				default: true,
				description: 'Whether to skip voice notes, stickers and other media with no caption. Off emits them with empty text and whatsapp.messageType.',
			},
			{
				displayName: 'Ignore Own Messages',
				name: 'ignoreFromMe',
				type: 'boolean',
				default: true,
				description: 'Whether to skip messages sent from this WhatsApp account (key.fromMe), including the workflow\'s own replies',
			},
			{
				displayName: 'Ignore Status Updates',
				name: 'ignoreStatus',
				type: 'boolean',
				default: true,
				description: 'Whether to skip WhatsApp Status posts and broadcast lists (status@broadcast)',
			},
			{
				displayName: 'Max Reconnect Attempts',
				name: 'maxReconnectAttempts',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Give up and report an error after this many failed reconnects in a row. 0 keeps trying.',
			},
			{
				displayName: 'Pairing Timeout (Seconds)',
				name: 'pairingTimeout',
				type: 'number',
				typeOptions: { minValue: 20 },
				default: 180,
				description: 'After a manual run shows the QR code, how long the connection stays up waiting for the scan',
			},
			{
				displayName: 'Quiet Time (S)',
				name: 'quietTime',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: MAX_QUIET_SECONDS },
				default: DEFAULT_QUIET_SECONDS,
				description:
					'Messages of one chat less than this apart become one ticket: the text joined by new lines, each message kept in <code>message.parts</code>, answered once. 0 emits every message on its own, at once.',
			},
			{
				displayName: 'Reconnect Initial Delay (Seconds)',
				name: 'reconnectInitialDelay',
				type: 'number',
				typeOptions: { minValue: 0.1 },
				default: 1,
				description: 'Wait before the first reconnect; it doubles after each failure',
			},
			{
				displayName: 'Reconnect Max Delay (Seconds)',
				name: 'reconnectMaxDelay',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description: 'Upper bound of the exponential backoff between reconnects',
			},
			{
				displayName: 'Remembered Message IDs',
				name: 'rememberIds',
				type: 'number',
				typeOptions: { minValue: 10 },
				default: 500,
				description: 'How many recent message IDs are kept in workflow static data to drop redeliveries after a restart',
			},
		],
	},
];
