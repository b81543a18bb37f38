import type { INodeProperties } from 'n8n-workflow';
import { calendarProperties } from '../common/calendarDescription';
import { inputLimitOptions } from '../common/inputLimitDescription';

const languageOptions = [
	{ name: 'English', value: 'en' },
	{ name: 'Portuguese', value: 'pt' },
	{ name: 'Spanish', value: 'es' },
];

export const greeterProperties: INodeProperties[] = [
	{
		displayName:
			'Sends tickets to <b>open</b> or <b>closed</b> and writes <code>hours</code>: whether people are in, when they are next in, and a greeting to send once per conversation (<code>hours.greet</code>).',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	...calendarProperties,
	{
		displayName: 'Business Name',
		name: 'businessName',
		type: 'string',
		default: '',
		placeholder: 'Tienda Sol',
		description: 'Fills {{business}} in the greeting; empty says "our team" in the customer\'s language',
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		options: [{ name: 'From the Ticket', value: 'auto' }, ...languageOptions],
		default: 'auto',
		description: 'From the ticket uses triage.language, then customer.language, then the default language',
	},
	{
		displayName: 'Default Language',
		name: 'defaultLanguage',
		type: 'options',
		options: languageOptions,
		default: 'en',
		description: 'Language when the ticket does not say one we support',
		displayOptions: { show: { language: ['auto'] } },
	},
	{
		displayName: 'Greeting Templates',
		name: 'templates',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Template',
		description:
			'Your own greetings; several per language are picked per ticket. Placeholders: {{name}}, {{nextOpen}} ("mañana a las 9:00"), {{business}}. Languages without templates use the built-in ones.',
		options: [
			{
				name: 'template',
				displayName: 'Template',
				values: [
					{ displayName: 'Language', name: 'language', type: 'options', options: languageOptions, default: 'es' },
					{
						displayName: 'Text',
						name: 'text',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						placeholder: 'Hola {{name}}, volvemos {{nextOpen}}. Mientras tanto te ayudo yo.',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...inputLimitOptions,
			{
				displayName: 'Now',
				name: 'now',
				type: 'dateTime',
				default: '',
				description: 'Time to use when the ticket has no message.receivedAt; empty uses the current time',
			},
			{
				displayName: 'Ticket Field',
				name: 'ticketField',
				type: 'string',
				default: '',
				placeholder: 'ticket',
				description: 'Dotted path of the ticket inside each item; empty means the item is the ticket',
			},
		],
	},
];
