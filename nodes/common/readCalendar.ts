import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { calendarConfigFromParameters, getCalendar, WEEKDAYS, type BusinessCalendar, type Weekday } from '../shared/calendar';

/** The node's business calendar, read once per execution and compiled once per distinct configuration. */
export function readCalendar(ctx: IExecuteFunctions): BusinessCalendar {
	const alwaysOpen = ctx.getNodeParameter('alwaysOpen', 0, false) as boolean;
	const hours: Partial<Record<Weekday, string>> = {};
	if (!alwaysOpen) for (const day of WEEKDAYS) hours[day] = ctx.getNodeParameter(`hours_${day}`, 0, '') as string;
	const options = ctx.getNodeParameter('calendarOptions', 0, {}) as IDataObject;
	const special = ((options.specialHours as IDataObject | undefined)?.days ?? []) as Array<{ date: string; hours: string }>;
	const config = calendarConfigFromParameters(
		{
			timeZone: ctx.getNodeParameter('timeZone', 0, '') as string,
			alwaysOpen,
			hours,
			holidayCountry: options.holidayCountry as string | undefined,
			holidayState: options.holidayState as string | undefined,
			holidayRegion: options.holidayRegion as string | undefined,
			holidayTypes: options.holidayTypes as string[] | undefined,
			closedDates: options.closedDates as string | undefined,
			specialHours: special,
			calendarJson: options.calendarJson as string | undefined,
		},
		ctx.getTimezone(),
	);
	return getCalendar(config);
}
