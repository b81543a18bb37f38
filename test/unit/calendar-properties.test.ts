import fc from 'fast-check';
import { DateTime } from 'luxon';
import { BusinessCalendar, WEEKDAYS, type CalendarConfig, type HolidaySource } from '../../nodes/shared/calendar';

/**
 * Property tests across DST transitions and holidays. Instants are drawn from 2017–2027, which covers
 * São Paulo's midnight DST (until 2019), Mexico's DST (until 2022), and New York's and Madrid's to date.
 */
const ZONES: Array<{ zone: string; holidays: HolidaySource }> = [
	{ zone: 'America/Mexico_City', holidays: { country: 'MX' } },
	{ zone: 'America/Sao_Paulo', holidays: { country: 'BR', state: 'SP' } },
	{ zone: 'America/Bogota', holidays: { country: 'CO' } },
	{ zone: 'Europe/Madrid', holidays: { country: 'ES', state: 'MD' } },
	{ zone: 'America/New_York', holidays: { country: 'US', state: 'NY' } },
];

const HOUR = 3_600_000;
const FROM = Date.UTC(2017, 0, 1);
const TO = Date.UTC(2027, 11, 31);

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** 0–2 intervals a day on 30-minute steps, some crossing midnight, some inside DST gaps (00:00–03:00). */
const dayHours = fc.array(
	fc.tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 40 })).map(([start, length]) => {
		const from = start * 30;
		return `${clock(from)}-${clock((from + length * 30) % 1440 || 1440)}`;
	}),
	{ maxLength: 2 },
);

const calendarArb = fc
	.record({
		place: fc.constantFrom(...ZONES),
		alwaysOpen: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
		days: fc.tuple(...WEEKDAYS.map(() => dayHours)),
		weekdayFallback: fc.boolean(),
	})
	.map(({ place, alwaysOpen, days, weekdayFallback }): CalendarConfig => {
		const weekly = Object.fromEntries(WEEKDAYS.map((day, i) => [day, days[i].join(', ')]));
		// A calendar must open on some day.
		if (weekdayFallback || Object.values(weekly).every((hours) => hours === '')) weekly.monday = '09:00-18:00';
		return { timeZone: place.zone, alwaysOpen, weekly, holidays: place.holidays };
	});

const instant = fc.integer({ min: FROM, max: TO });
const duration = fc.integer({ min: 0, max: 200 * HOUR });

// Cached per configuration so that fast-check's many runs stay quick.
const calendars = new Map<string, BusinessCalendar>();
const calendarFor = (config: CalendarConfig) => {
	const key = JSON.stringify(config);
	if (!calendars.has(key)) calendars.set(key, new BusinessCalendar(config));
	return calendars.get(key)!;
};

const runs = { numRuns: 250 };

describe('business calendar properties (5 zones, DST, holidays)', () => {
	it('nextOpen(at) >= at, is open, and nothing between at and nextOpen(at) is open', () => {
		fc.assert(
			fc.property(calendarArb, instant, fc.double({ min: 0, max: 1, noNaN: true }), (config, at, fraction) => {
				const cal = calendarFor(config);
				const next = cal.nextOpen(at).toMillis();
				expect(next).toBeGreaterThanOrEqual(at);
				expect(cal.isOpen(next)).toBe(true);
				if (cal.isOpen(at)) expect(next).toBe(at);
				const between = at + Math.floor((next - at) * fraction);
				if (between < next) expect(cal.isOpen(between)).toBe(false);
				expect(cal.businessDurationBetween(at, next)).toBe(0);
			}),
			runs,
		);
	});

	it('addBusinessDuration agrees with businessDurationBetween', () => {
		fc.assert(
			fc.property(calendarArb, instant, duration, (config, at, d) => {
				const cal = calendarFor(config);
				const end = cal.addBusinessDuration(at, d).toMillis();
				expect(end).toBeGreaterThanOrEqual(at);
				expect(cal.businessDurationBetween(at, end)).toBe(d);
				// The deadline is the first instant with d of open time behind it: one ms earlier is not enough.
				if (d > 0) expect(cal.businessDurationBetween(at, end - 1)).toBe(d - 1);
			}),
			runs,
		);
	});

	it('businessDurationBetween is additive and antisymmetric, and never exceeds wall time', () => {
		fc.assert(
			fc.property(calendarArb, instant, fc.integer({ min: 0, max: 20 * 24 * HOUR }), fc.integer({ min: 0, max: 20 * 24 * HOUR }), (config, a, x, y) => {
				const cal = calendarFor(config);
				const b = a + x;
				const c = b + y;
				const ab = cal.businessDurationBetween(a, b);
				expect(ab + cal.businessDurationBetween(b, c)).toBe(cal.businessDurationBetween(a, c));
				expect(cal.businessDurationBetween(b, a) + ab).toBe(0);
				expect(ab).toBeGreaterThanOrEqual(0);
				expect(ab).toBeLessThanOrEqual(x);
			}),
			runs,
		);
	});

	it('public holidays are closed all day unless special hours say otherwise', () => {
		fc.assert(
			fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 2017, max: 2027 }), fc.integer({ min: 0, max: 1439 }), (place, year, minute) => {
				const cal = calendarFor({ timeZone: place.zone, alwaysOpen: true, holidays: place.holidays });
				const probe = calendarFor({ timeZone: place.zone, alwaysOpen: true });
				const newYear = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: place.zone }).plus({ minutes: minute });
				expect(cal.isOpen(newYear)).toBe(false); // 1 January is public everywhere here
				expect(probe.isOpen(newYear)).toBe(true);
			}),
			{ numRuns: 100 },
		);
	});
});
