import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { Random } from './random';

export const ZONE = 'America/Mexico_City';

/** Aurora Store's human team: Mon–Fri 9–18, Sat 10–14, closed on Sundays and public holidays. */
const OPENING: Record<number, [number, number] | undefined> = {
	1: [9, 18],
	2: [9, 18],
	3: [9, 18],
	4: [9, 18],
	5: [9, 18],
	6: [10, 14],
	7: undefined,
};

/** Mexican public holidays (yyyy-MM-dd) between two dates, from date-holidays. */
export function publicHolidays(from: DateTime, to: DateTime): Set<string> {
	const holidays = new Holidays('MX');
	const days = new Set<string>();
	for (let year = from.year; year <= to.year; year++) {
		for (const holiday of holidays.getHolidays(year)) {
			if (holiday.type === 'public') days.add(holiday.date.slice(0, 10));
		}
	}
	return days;
}

export class BusinessCalendar {
	constructor(private readonly holidays: Set<string>) {}

	isHoliday(at: DateTime): boolean {
		return this.holidays.has(at.toISODate() ?? '');
	}

	private window(day: DateTime): [DateTime, DateTime] | undefined {
		const hours = OPENING[day.weekday];
		if (!hours || this.isHoliday(day)) return undefined;
		const start = day.startOf('day');
		return [start.set({ hour: hours[0] }), start.set({ hour: hours[1] })];
	}

	isOpen(at: DateTime): boolean {
		const window = this.window(at);
		return !!window && at >= window[0] && at < window[1];
	}

	/** The first open moment at or after `at`. */
	nextOpen(at: DateTime): DateTime {
		let day = at;
		for (let i = 0; i < 14; i++) {
			const window = this.window(day);
			if (window && at < window[1]) return at > window[0] ? at : window[0];
			day = day.plus({ days: 1 }).startOf('day');
		}
		throw new Error(`no opening within two weeks of ${at.toISO()}`);
	}

	/** Adds minutes of staffed time only: the clock stops while the team is closed. */
	addBusinessMinutes(at: DateTime, minutes: number): DateTime {
		let t = this.nextOpen(at);
		let left = minutes;
		for (;;) {
			const close = (this.window(t) as [DateTime, DateTime])[1];
			const available = close.diff(t, 'minutes').minutes;
			if (left <= available) return t.plus({ minutes: left });
			left -= available;
			t = this.nextOpen(close);
		}
	}
}

/** Relative demand by weekday (1 = Monday) and by hour: peaks late morning, a second bump in the evening. */
const WEEKDAY_WEIGHT: Record<number, number> = { 1: 1.2, 2: 1.1, 3: 1.05, 4: 1.0, 5: 0.95, 6: 0.75, 7: 0.6 };
const HOUR_WEIGHT = [
	0.35, 0.2, 0.1, 0.08, 0.08, 0.15, 0.35, 0.7, 1.3, 3.2, 4.8, 5.6, 5.6, 4.8, 4.2, 4.2, 4.0, 3.8, 2.1, 2.4, 2.7, 2.2, 1.2, 0.7,
];
const HOLIDAY_WEIGHT = 0.8;

/** Draws `count` creation times over [from, to), shaped by the weekday and hour demand curves. */
export function drawCreationTimes(random: Random, from: DateTime, to: DateTime, count: number, calendar: BusinessCalendar): DateTime[] {
	const days: DateTime[] = [];
	for (let day = from.startOf('day'); day < to; day = day.plus({ days: 1 })) days.push(day);
	const dayWeights = days.map((day) => WEEKDAY_WEIGHT[day.weekday] * (calendar.isHoliday(day) ? HOLIDAY_WEIGHT : 1));
	const times: DateTime[] = [];
	for (let i = 0; i < count; i++) {
		const day = days[random.weightedIndex(dayWeights)];
		const hour = random.weightedIndex(HOUR_WEIGHT);
		times.push(day.set({ hour, minute: random.int(0, 59), second: random.int(0, 59) }));
	}
	return times.sort((a, b) => a.toMillis() - b.toMillis());
}
