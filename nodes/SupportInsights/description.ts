import type { INodeProperties } from 'n8n-workflow';

export const insightsProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Find Knowledge Gaps',
				value: 'findKnowledgeGaps',
				description: 'Group the tickets the AI did not resolve into topics, with a draft knowledge entry for each',
				action: 'Find knowledge gaps',
			},
		],
		default: 'findKnowledgeGaps',
	},
	{
		displayName:
			'Reads every incoming ticket (the package\'s ticket shape) and outputs one item per topic: label, size, share, off-hours share, examples, the nearest existing knowledge entry and a draft entry.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Only Unresolved Tickets',
		name: 'onlyUnresolved',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out tickets the AI resolved (ended at L1/L2 with an answer); off treats every incoming ticket as unanswered',
	},
	{
		displayName: 'Smallest Topic',
		name: 'minSize',
		type: 'number',
		typeOptions: { minValue: 2, numberPrecision: 0 },
		default: 3,
		description: 'Topics with fewer tickets are not reported; a topic is never one ticket',
	},
	{
		displayName: 'Similarity',
		name: 'threshold',
		type: 'number',
		typeOptions: { minValue: 0.01, maxValue: 1, numberPrecision: 2 },
		default: 0.25,
		description: 'How similar (cosine, 0–1) a ticket must be to join a topic; higher gives smaller, tighter topics',
	},
	{
		displayName: 'Knowledge Base (JSON)',
		name: 'knowledgeJson',
		type: 'json',
		default: '[]',
		description: 'The entries the Knowledge Lookup answers from, to show the nearest entry of each topic; [] to skip',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Text Field',
				name: 'textField',
				type: 'string',
				default: 'message.text',
				description: 'Path of the customer\'s text in each item',
			},
			{
				displayName: 'Resolution Field',
				name: 'resolutionField',
				type: 'string',
				default: '',
				placeholder: 'resolution.text',
				description: 'Path of the answer a person gave, used as the draft\'s answer',
			},
			{
				displayName: 'Examples per Topic',
				name: 'examples',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 5,
			},
		],
	},
];
