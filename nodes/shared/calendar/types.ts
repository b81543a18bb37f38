/** Business calendar configuration: plain JSON, so it can come from node parameters, a file or a test. */

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock interval. An end at or before the start crosses midnight ("22:00"–"06:00"); "24:00" is the end of the day. */
export interface HoursInterval {
	start: string;
	end: string;
}

/** Hours of one day: "09:00-13:00, 15:00-19:00", "22:00-06:00", "24h", "closed" / "", or a list of intervals. */
export type DayHours = string | HoursInterval[];

export interface HolidaySource {
	/** ISO 3166 country code understood by date-holidays, e.g. "MX", "BR", "US". */
	country: string;
	state?: string;
	region?: string;
	/** date-holidays types that close the business. Default: ["public"]. */
	types?: string[];
}

export interface CalendarConfig {
	/** IANA time zone of the business, e.g. "America/Mexico_City". */
	timeZone: string;
	/** Open around the clock (holidays and closed dates still apply). */
	alwaysOpen?: boolean;
	weekly?: Partial<Record<Weekday, DayHours>>;
	holidays?: HolidaySource;
	/** Extra closed local dates, "YYYY-MM-DD". */
	closedDates?: string[];
	/** Hours that replace the weekly hours (and any holiday) on a local date. */
	specialHours?: Array<{ date: string; hours: DayHours }>;
}

/** Convenience default: Monday to Friday, 09:00 to 18:00. */
export function defaultWeekly(): Partial<Record<Weekday, DayHours>> {
	return { monday: '09:00-18:00', tuesday: '09:00-18:00', wednesday: '09:00-18:00', thursday: '09:00-18:00', friday: '09:00-18:00' };
}
