import type { INodeProperties } from 'n8n-workflow';
import { calendarProperties } from '../common/calendarDescription';
import { DEFAULT_SLA_POLICY } from '../shared/sla';

const priorityOptions = [
	{ name: 'Low', value: 'low' },
	{ name: 'Normal', value: 'normal' },
	{ name: 'High', value: 'high' },
	{ name: 'Critical', value: 'critical' },
];

const targetOptions = [
	{ name: 'First Response', value: 'firstResponse' },
	{ name: 'Resolution', value: 'resolution' },
];

export const slaProperties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Annotate', value: 'annotate', description: 'Write the first-response and resolution deadlines into sla', action: 'Annotate deadlines' },
			{ name: 'Check', value: 'check', description: 'Send each ticket to ok, at risk or breached', action: 'Check the SLA' },
			{
				name: 'Wait Until Deadline',
				value: 'wait',
				description: 'Pause the execution durably (it survives a restart) until the deadline, then go on by the first output with sla.state set (a Check-mode SLA Timer after it can branch)',
				action: 'Wait until the deadline',
			},
		],
		default: 'annotate',
	},
	{
		displayName: 'Policy',
		name: 'policySource',
		type: 'options',
		options: [
			{ name: 'Standard', value: 'standard', description: 'Critical 15 min / 4 h (clock); high 1 h / 9 h; normal 4 h / 27 h; low 8 h / 45 h (business hours)' },
			{ name: 'Custom Targets', value: 'custom' },
			{ name: 'JSON', value: 'json' },
		],
		default: 'standard',
	},
	{
		displayName: 'Policy Name',
		name: 'policyName',
		type: 'string',
		default: 'custom',
		displayOptions: { show: { policySource: ['custom'] } },
	},
	{
		displayName: 'Count Business Hours Only',
		name: 'businessHours',
		type: 'boolean',
		default: true,
		description: 'Whether deadlines count only the calendar\'s open hours (otherwise every hour counts)',
		displayOptions: { show: { policySource: ['custom'] } },
	},
	{
		displayName: 'Targets',
		name: 'targets',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Target',
		description: 'Targets per priority; priorities left out keep the standard ones',
		displayOptions: { show: { policySource: ['custom'] } },
		options: [
			{
				name: 'target',
				displayName: 'Target',
				values: [
					{ displayName: 'Priority', name: 'priority', type: 'options', options: priorityOptions, default: 'normal' },
					{ displayName: 'First Response (Minutes)', name: 'firstResponseMinutes', type: 'number', typeOptions: { minValue: 1 }, default: 240 },
					{ displayName: 'Resolution (Minutes)', name: 'resolutionMinutes', type: 'number', typeOptions: { minValue: 1 }, default: 1620 },
					{
						displayName: 'Hours Counted',
						name: 'hoursCounted',
						type: 'options',
						options: [
							{ name: 'As the Policy', value: 'policy' },
							{ name: 'Business Hours', value: 'business' },
							{ name: 'Every Hour', value: 'calendar' },
						],
						default: 'policy',
					},
				],
			},
		],
	},
	{
		displayName: 'Policy JSON',
		name: 'policyJson',
		type: 'json',
		default: JSON.stringify(DEFAULT_SLA_POLICY, null, 2),
		description: '{ name, businessHours, targets: { low|normal|high|critical: { firstResponseMinutes, resolutionMinutes, businessHours? } } }',
		displayOptions: { show: { policySource: ['json'] } },
	},
	{
		displayName: 'Target',
		name: 'target',
		type: 'options',
		options: targetOptions,
		default: 'firstResponse',
		description: 'Which deadline to check or wait for',
		displayOptions: { show: { mode: ['check', 'wait'] } },
	},
	{
		displayName: 'Response Time',
		name: 'responseTime',
		type: 'string',
		default: '',
		placeholder: '2026-03-09T10:00:00-06:00',
		description: 'Instant to judge (e.g. when the answer was sent); empty uses the ticket\'s message.receivedAt',
		displayOptions: { show: { mode: ['check'] } },
	},
	{
		displayName: 'At-Risk Threshold (%)',
		name: 'atRiskPercent',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: 80,
		description: 'Share of the time budget from which a ticket is at risk',
		displayOptions: { show: { mode: ['check', 'wait'] } },
	},
	{
		displayName: 'Wake At',
		name: 'wakeAt',
		type: 'options',
		options: [
			{ name: 'Deadline', value: 'deadline' },
			{ name: 'At-Risk Point', value: 'atRisk', description: 'When the at-risk share of the budget is used, to act before the breach' },
		],
		default: 'deadline',
		displayOptions: { show: { mode: ['wait'] } },
	},
	...calendarProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Default Priority', name: 'defaultPriority', type: 'options', options: priorityOptions, default: 'normal', description: 'Priority when the ticket has no triage.urgency or priority' },
			{ displayName: 'Now', name: 'now', type: 'dateTime', default: '', description: 'Time to use when the ticket has no message.receivedAt; empty uses the current time' },
			{
				displayName: 'Priority From',
				name: 'priorityFrom',
				type: 'options',
				options: [
					{ name: 'Triage Urgency First', value: 'urgency' },
					{ name: 'Helpdesk Priority First', value: 'priority' },
				],
				default: 'urgency',
			},
			{ displayName: 'Ticket Field', name: 'ticketField', type: 'string', default: '', placeholder: 'ticket', description: 'Dotted path of the ticket inside each item; empty means the item is the ticket' },
		],
	},
];
