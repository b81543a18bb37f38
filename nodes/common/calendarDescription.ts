import type { INodeProperties } from 'n8n-workflow';
import { WEEKDAYS } from '../shared/calendar';

const DEFAULT_HOURS: Record<string, string> = {
	monday: '09:00-18:00',
	tuesday: '09:00-18:00',
	wednesday: '09:00-18:00',
	thursday: '09:00-18:00',
	friday: '09:00-18:00',
	saturday: '',
	sunday: '',
};

const capitalized = (day: string) => day[0].toUpperCase() + day.slice(1);

/** Business calendar fields shared by the Off-Hours Greeter and the SLA Timer. */
export const calendarProperties: INodeProperties[] = [
	{
		displayName: 'Time Zone',
		name: 'timeZone',
		type: 'string',
		default: '',
		placeholder: 'America/Mexico_City',
		description: "IANA time zone of the business hours. Empty uses the workflow's time zone.",
	},
	{
		displayName: 'Open 24/7',
		name: 'alwaysOpen',
		type: 'boolean',
		default: false,
		description: 'Whether people are in around the clock (holidays and closed dates still apply)',
	},
	...WEEKDAYS.map(
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- one property per weekday, defaults from the table above
		(day): INodeProperties => ({
			displayName: `${capitalized(day)} Hours`,
			name: `hours_${day}`,
			type: 'string',
			default: DEFAULT_HOURS[day],
			placeholder: '09:00-13:00, 15:00-19:00',
			description: 'Intervals like 09:00-18:00, several separated by commas; 22:00-06:00 crosses midnight; 24h; empty means closed',
			displayOptions: { show: { alwaysOpen: [false] } },
		}),
	),
	{
		displayName: 'Calendar Options',
		name: 'calendarOptions',
		type: 'collection',
		placeholder: 'Add Holidays, Closed Dates or Special Hours',
		default: {},
		options: [
			{
				displayName: 'Calendar JSON',
				name: 'calendarJson',
				type: 'json',
				default: '',
				description: 'A whole calendar as JSON ({ timeZone, weekly, holidays, closedDates, specialHours }); replaces the fields above',
			},
			{
				displayName: 'Closed Dates',
				name: 'closedDates',
				type: 'string',
				default: '',
				placeholder: '2026-12-24, 2026-12-31',
				description: 'Extra local dates (YYYY-MM-DD) when nobody is in',
			},
			{
				displayName: 'Holiday Country',
				name: 'holidayCountry',
				type: 'string',
				default: '',
				placeholder: 'MX',
				description: 'ISO country code; its public holidays (from date-holidays) close the business',
			},
			{
				displayName: 'Holiday Region',
				name: 'holidayRegion',
				type: 'string',
				default: '',
				description: 'Region code within the state, for regional holidays',
			},
			{
				displayName: 'Holiday State',
				name: 'holidayState',
				type: 'string',
				default: '',
				placeholder: 'SP',
				description: 'State or province code, for state holidays',
			},
			{
				displayName: 'Holiday Types',
				name: 'holidayTypes',
				type: 'multiOptions',
				options: [
					{ name: 'Bank', value: 'bank' },
					{ name: 'Observance', value: 'observance' },
					{ name: 'Optional', value: 'optional' },
					{ name: 'Public', value: 'public' },
					{ name: 'School', value: 'school' },
				],
				default: ['public'],
				description: 'Which kinds of holiday close the business',
			},
			{
				displayName: 'Special Hours',
				name: 'specialHours',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Special Day',
				description: 'Hours that replace the usual ones (and any holiday) on a date',
				options: [
					{
						name: 'days',
						displayName: 'Day',
						values: [
							{ displayName: 'Date', name: 'date', type: 'string', default: '', placeholder: '2026-12-24' },
							{ displayName: 'Hours', name: 'hours', type: 'string', default: '', placeholder: '09:00-14:00' },
						],
					},
				],
			},
		],
	},
];
