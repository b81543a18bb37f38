import type { INodeProperties } from 'n8n-workflow';
import { conversationBackendProperties } from '../common/conversationBackendDescription';

export const csatProperties: INodeProperties[] = [
	{
		displayName:
			'Put it right after <b>Load Conversation</b>: a message that answers the CSAT question Support Outreach sent is stored with the conversation (<b>Rated</b>: <code>reply</code> thanks the customer; <b>Low Score</b>, 2 or less: the case is reopened to a person with <code>route</code> tier L3, reason <code>csat_low</code>). Every other message goes on by <b>Not an Answer</b>. Also reads the email question’s links (a Webhook with <code>?t=…&s=…</code>).',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	...conversationBackendProperties(),
	{
		displayName: 'Answer Field',
		name: 'answerField',
		type: 'string',
		default: '',
		placeholder: 'message.text',
		description: 'Dot path of the customer’s answer: a digit, “4/5”, a list or button choice, stars, an emoji or a word (es, pt, en). Empty: <code>message.text</code>, then an email link’s <code>query.s</code>.',
	},
	{
		displayName: 'Email Link Reference Field',
		name: 'referenceField',
		type: 'string',
		default: 'query.t',
		description: 'Dot path of an email link’s <code>t</code> (the conversation and its question’s token). Chat messages have none and are found by <code>conversation.ID</code> from Load Conversation.',
	},
	{
		displayName: 'Queue',
		name: 'queue',
		type: 'string',
		default: 'support team',
		description: 'The queue a low score reopens the case to (<code>route.handoff.queue</code>)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Answer Within (Hours)',
				name: 'answerHours',
				type: 'number',
				default: 72,
				description: 'A question older than this no longer takes answers',
			},
			{
				displayName: 'At',
				name: 'now',
				type: 'string',
				default: '',
				description: 'The time of an item without <code>message.receivedAt</code> (a link click). Empty: now.',
			},
			{
				displayName: 'Longest Answer (Words)',
				name: 'maxWords',
				type: 'number',
				default: 6,
				description: 'A longer chat message is a new question, not a rating',
			},
		],
	},
];
