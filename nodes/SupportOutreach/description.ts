import type { INodeProperties } from 'n8n-workflow';
import { calendarProperties } from '../common/calendarDescription';
import { conversationBackendProperties } from '../common/conversationBackendDescription';

const only = (purpose: string[]) => ({ show: { purpose } });

/** The business calendar only matters to the morning follow-up. */
const followUpCalendar: INodeProperties[] = calendarProperties.map((property) => ({
	...property,
	displayOptions: { ...(property.displayOptions ?? {}), show: { ...(property.displayOptions?.show ?? {}), purpose: ['followUp'] } },
}));

export const outreachProperties: INodeProperties[] = [
	{
		displayName:
			'Run on a schedule. Finds the conversations in the Conversation Store that are due a message nobody asked for, marks each so it never goes twice, and outputs one item per customer with <code>reply</code> ready for a send node. Conversations a person has taken over are left alone.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Purpose',
		name: 'purpose',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Ask for CSAT', value: 'csat', description: 'The 1–5 question after a case was resolved, by the AI or by a person', action: 'Ask resolved conversations for CSAT' },
			{
				name: 'Morning Follow-Up',
				value: 'followUp',
				description: 'At opening time: last night’s escalated cases to the morning queue, unresolved ones a follow-up message',
				action: 'Follow up last night s conversations',
			},
		],
		default: 'csat',
	},
	...conversationBackendProperties(),
	{
		displayName: 'Quiet For (Minutes)',
		name: 'quietMinutes',
		type: 'number',
		default: 30,
		description: 'Ask only once the conversation has been quiet this long after the answer (the customer may still have a question)',
		displayOptions: only(['csat']),
	},
	{
		displayName: 'Not Older Than (Hours)',
		name: 'maxAgeHours',
		type: 'number',
		default: 48,
		description: 'Cases resolved longer ago than this are not asked about',
		displayOptions: only(['csat']),
	},
	{
		displayName: 'Email Link',
		name: 'linkTemplate',
		type: 'string',
		default: 'https://your-n8n.example.com/webhook/support247/csat?t={{ticketId}}&s={{score}}',
		description: 'Email customers get five links, one per score. <code>{{score}}</code> is the score; <code>{{ticketId}}</code> the conversation and a one-time token, which the Support CSAT node checks.',
		displayOptions: only(['csat']),
	},
	...followUpCalendar,
	{
		displayName: 'Opened Within (Minutes)',
		name: 'withinMinutes',
		type: 'number',
		default: 60,
		description: 'Follow up only in this long after the business opens (by the calendar above); other runs find nothing. Schedule the workflow every 15 minutes.',
		displayOptions: only(['followUp']),
	},
	{
		displayName: 'Business Name',
		name: 'businessName',
		type: 'string',
		default: '',
		placeholder: 'Aurora Store',
		displayOptions: only(['followUp']),
	},
	{
		displayName: 'Signed By',
		name: 'agent',
		type: 'string',
		default: '',
		placeholder: 'Ana',
		description: 'Who signs the message drafted for the morning queue',
		displayOptions: only(['followUp']),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'At',
				name: 'now',
				type: 'string',
				default: '',
				placeholder: '2026-03-09T09:00:00-06:00',
				description: 'The run’s time. Empty: now, in the workflow’s time zone.',
			},
			{
				displayName: 'Release After Idle (Minutes)',
				name: 'takeoverIdleMinutes',
				type: 'number',
				default: 60,
				description: 'CSAT only: a taken-over conversation whose person did nothing for this long counts as handed back, as the Conversation Store’s option of that name (0: only a release)',
			},
			{
				displayName: 'Max Per Run',
				name: 'max',
				type: 'number',
				default: 200,
				description: 'Customers handled per run at most; the rest wait for the next run',
			},
		],
	},
];
