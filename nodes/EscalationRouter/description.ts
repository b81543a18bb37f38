import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_ACTION_INTENTS, DEFAULT_HUMAN_THRESHOLD } from '../shared/routing';

const tierOptions = [
	{ name: 'L1 – AI Answer', value: 'L1' },
	{ name: 'L2 – AI With System Access', value: 'L2' },
	{ name: 'L3 – Specialist', value: 'L3' },
	{ name: 'L4 – Supervisor', value: 'L4' },
];

const rule = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	default: true,
	description,
});

export const routerProperties: INodeProperties[] = [
	{
		displayName:
			'Sends each ticket to L1 (AI answer), L2 (AI with system access), L3 (specialist) or L4 (supervisor) and writes <code>route</code> with the reasons and a handoff summary. No ticket is left without a way to a person.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'collection',
		placeholder: 'Switch a Rule Off',
		default: {},
		description: 'Every rule is on unless switched off here',
		options: [
			rule('accountSecurity', 'Account Security or Fraud → L3', 'Whether takeovers, unrecognised charges and phishing go to a person, even when the knowledge base has an answer'),
			rule('actionIntent', 'Action Intents → L2', 'Whether intents that need system access go to L2'),
			rule('angry', 'Angry Customer → L3', 'Whether angry customers go to a person'),
			rule('bereavement', 'Bereavement or Estate → L3', 'Whether a death in the family or an estate goes to a person'),
			rule('b2bSales', 'Complex B2B Sale → L3', 'Whether complex B2B sales go to a person'),
			rule('emergency', 'Emergency → L4', 'Whether emergencies and critical urgency go to a supervisor (on call off hours)'),
			rule('financialHarm', 'Financial Harm → L3', 'Whether multiple charges or an emptied account go to a person'),
			rule('harassment', 'Harassment or Threats → L3', 'Whether harassment and threats go to a person'),
			rule('humanScore', 'Needs-a-Human Score → L3', 'Whether a triage humanScore at or above the threshold below sends the ticket to a person'),
			rule('humanRequested', 'Request for a Person → L3', 'Whether an explicit request for a person is honoured'),
			rule('injection', 'Prompt Injection → L4', 'Whether prompt-injection attempts go to a supervisor'),
			rule('intentMap', 'Intent Map', 'Whether the intent → tier map below applies'),
			rule('knowledgeAnswer', 'Knowledge Answer → L1', 'Whether a knowledge answer lets the AI reply'),
			rule('legal', 'Legal or Sensitive → L3', 'Whether legal or sensitive cases go to a person'),
			rule('medical', 'Health or Medical Complaint → L3', 'Whether health complaints, medication questions and malpractice claims go to a person'),
			rule('minors', 'Involves a Minor → L3', 'Whether cases that involve a minor go to a person'),
			rule('lowConfidence', 'Low Confidence → L3', 'Whether a ticket with no confident answer and no action intent goes to a person'),
			rule('offHours', 'Off Hours: Hold Non-Emergencies in L3', 'Whether, off hours, only emergencies wake the on-call supervisor'),
			rule('orderLookup', 'Order Number Given → L2', 'Whether a ticket with an order number and no answer or action intent goes to the AI with system access instead of a person (never against a rule that wants a person)'),
			rule('outOfPolicy', 'Out-of-Policy Decision → L4', 'Whether out-of-policy decisions go to a supervisor'),
			rule('pressOrRegulator', 'Press or Regulator → L4', 'Whether journalists and regulators go to a supervisor'),
			rule('privacy', 'Privacy or Data Request → L3', 'Whether data-protection requests (LGPD, GDPR, habeas data, delete my data) go to a person'),
			rule('repeatedFailure', 'Repeated AI Failure → L3', 'Whether several AI turns without resolution go to a person'),
			rule('safetyHazard', 'Product Safety Hazard → L4', 'Whether smoke, heat, sparks or an injury from a product go to a supervisor'),
			rule('selfHarm', 'Self-Harm Risk → L4', 'Whether a customer at risk of self-harm goes to a supervisor (on call off hours)'),
		],
	},
	{
		displayName: 'Action Intents (L2)',
		name: 'actionIntents',
		type: 'string',
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the one list of defaults lives in shared/routing
		default: DEFAULT_ACTION_INTENTS.join(', '),
		description: 'Comma-separated intents that need system access or an action',
	},
	{
		displayName: 'Intent Tiers',
		name: 'intentTiers',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Map an Intent',
		description: 'Send an intent to a tier of your choice',
		options: [
			{
				name: 'mapping',
				displayName: 'Mapping',
				values: [
					{ displayName: 'Intent', name: 'intent', type: 'string', default: '', placeholder: 'chargeback' },
					{ displayName: 'Tier', name: 'tier', type: 'options', options: tierOptions, default: 'L3' },
				],
			},
		],
	},
	{
		displayName: 'Max AI Turns Without Resolution',
		name: 'maxUnresolvedAiTurns',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 2,
		description: 'This many AI turns in the history without resolution send the ticket to a person',
	},
	{
		displayName: 'Min Answer Score',
		name: 'minAnswerScore',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 0,
		description: 'Knowledge answers scoring below this are treated as low confidence (0 trusts the Knowledge Lookup)',
	},
	{
		displayName: 'Human Threshold',
		name: 'humanThreshold',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: DEFAULT_HUMAN_THRESHOLD,
		description: "Tickets whose triage humanScore (the trained needs-a-human model's calibrated probability) is at or above this go to a person. Lower catches more; higher lets the AI answer more.",
	},
	{
		displayName: 'Holding Reply',
		name: 'holdingReply',
		type: 'boolean',
		default: true,
		description: 'Whether to write a reply in the customer\'s language for L3/L4 ("Te paso con una persona del equipo…"), with when a person is back off hours, and for L2 a "checking in our system" reply that the system\'s own answer replaces',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'L3 Queue', name: 'queueL3', type: 'string', default: 'specialists' },
			{ displayName: 'L4 Queue', name: 'queueL4', type: 'string', default: 'supervisors' },
			{ displayName: 'On-Call Queue', name: 'queueOnCall', type: 'string', default: 'on-call', description: 'Where emergencies go off hours' },
			{ displayName: 'Ticket Field', name: 'ticketField', type: 'string', default: '', placeholder: 'ticket', description: 'Dotted path of the ticket inside each item; empty means the item is the ticket' },
		],
	},
];
