export { BusinessCalendar, getCalendar, toMillis } from './calendar';
export type { OpenSpan, TimeInput } from './calendar';
export { holidayTable } from './holidays';
export { parseDayHours } from './parse';
export { WEEKDAYS, defaultWeekly } from './types';
export type { CalendarConfig, DayHours, HolidaySource, HoursInterval, Weekday } from './types';
export { calendarConfigFromParameters } from './fromParameters';
export type { CalendarParameters } from './fromParameters';
