import { WEEKDAYS, type CalendarConfig, type DayHours, type Weekday } from './types';

/** The flat shape node parameters give (see the nodes' calendar description). */
export interface CalendarParameters {
	timeZone?: string;
	alwaysOpen?: boolean;
	hours?: Partial<Record<Weekday, string>>;
	holidayCountry?: string;
	holidayState?: string;
	holidayRegion?: string;
	holidayTypes?: string[];
	/** Comma- or newline-separated "YYYY-MM-DD" dates. */
	closedDates?: string;
	specialHours?: Array<{ date: string; hours: string }>;
	/** A full CalendarConfig as JSON; when set it wins over the fields above. */
	calendarJson?: string | object;
}

/** Builds a CalendarConfig from node parameters; `fallbackZone` is the workflow's zone. */
export function calendarConfigFromParameters(params: CalendarParameters, fallbackZone: string): CalendarConfig {
	if (params.calendarJson && (typeof params.calendarJson !== 'string' || params.calendarJson.trim())) {
		let parsed: CalendarConfig | undefined;
		let problem: string | undefined;
		try {
			parsed = (typeof params.calendarJson === 'string' ? JSON.parse(params.calendarJson) : params.calendarJson) as CalendarConfig;
		} catch (error) {
			problem = (error as Error).message;
		}
		if (!parsed || typeof parsed !== 'object') throw new Error(`calendarJson: not valid JSON (${problem ?? 'not an object'})`);
		return { ...parsed, timeZone: parsed.timeZone || params.timeZone || fallbackZone };
	}
	const weekly: Partial<Record<Weekday, DayHours>> = {};
	for (const day of WEEKDAYS) weekly[day] = params.hours?.[day] ?? '';
	const config: CalendarConfig = { timeZone: params.timeZone?.trim() || fallbackZone, alwaysOpen: params.alwaysOpen === true, weekly };
	if (params.holidayCountry?.trim()) {
		config.holidays = {
			country: params.holidayCountry.trim(),
			state: params.holidayState?.trim() || undefined,
			region: params.holidayRegion?.trim() || undefined,
			types: params.holidayTypes?.length ? params.holidayTypes : undefined,
		};
	}
	const closed = (params.closedDates ?? '').split(/[\s,;]+/).filter(Boolean);
	if (closed.length) config.closedDates = closed;
	if (params.specialHours?.length) config.specialHours = params.specialHours.map((entry) => ({ date: entry.date, hours: entry.hours }));
	return config;
}
