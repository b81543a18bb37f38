import { BusinessCalendar, calendarConfigFromParameters, getCalendar } from '../../nodes/shared/calendar';

const HOUR = 3_600_000;
const weekdays9to18 = { monday: '09:00-18:00', tuesday: '09:00-18:00', wednesday: '09:00-18:00', thursday: '09:00-18:00', friday: '09:00-18:00' };

describe('business calendar: weekly hours', () => {
	const mx = new BusinessCalendar({
		timeZone: 'America/Mexico_City',
		weekly: { ...weekdays9to18, friday: '09:00-13:00, 15:00-19:00', saturday: '22:00-02:00' },
		holidays: { country: 'MX' },
	});

	it('is open inside an interval and closed outside it, in the business zone', () => {
		expect(mx.isOpen('2026-03-09T09:00:00-06:00')).toBe(true);
		expect(mx.isOpen('2026-03-09T08:59:59-06:00')).toBe(false);
		expect(mx.isOpen('2026-03-09T18:00:00-06:00')).toBe(false); // end is exclusive
		// 15:30 UTC is 09:30 in Mexico City
		expect(mx.isOpen('2026-03-09T15:30:00Z')).toBe(true);
	});

	it('handles several intervals a day (lunch break)', () => {
		expect(mx.isOpen('2026-03-06T14:00:00-06:00')).toBe(false);
		expect(mx.nextOpen('2026-03-06T14:00:00-06:00').toISO()).toBe('2026-03-06T15:00:00.000-06:00');
		expect(mx.businessDurationBetween('2026-03-06T00:00:00-06:00', '2026-03-07T00:00:00-06:00')).toBe(8 * HOUR);
	});

	it('handles an interval that crosses midnight', () => {
		expect(mx.isOpen('2026-03-07T23:30:00-06:00')).toBe(true);
		expect(mx.isOpen('2026-03-08T01:30:00-06:00')).toBe(true);
		expect(mx.isOpen('2026-03-08T02:00:00-06:00')).toBe(false);
		expect(mx.nextOpen('2026-03-07T20:00:00-06:00').toISO()).toBe('2026-03-07T22:00:00.000-06:00');
		expect(mx.nextClose('2026-03-07T23:00:00-06:00').toISO()).toBe('2026-03-08T02:00:00.000-06:00');
	});

	it('closes on public holidays from date-holidays (Benito Juárez, 16 March 2026)', () => {
		expect(mx.isOpen('2026-03-16T10:00:00-06:00')).toBe(false);
		expect(mx.nextOpen('2026-03-16T10:00:00-06:00').toISO()).toBe('2026-03-17T09:00:00.000-06:00');
		// Friday evening after closing → Monday is a holiday → Tuesday
		expect(mx.nextOpen('2026-03-13T19:30:00-06:00').toISO()).toBe('2026-03-14T22:00:00.000-06:00');
	});

	it('adds business time across nights and weekends', () => {
		// Thursday 16:00 + 4 h: 2 h Thursday, then Friday 09:00 + 2 h
		expect(mx.addBusinessDuration('2026-03-05T16:00:00-06:00', 4 * HOUR).toISO()).toBe('2026-03-06T11:00:00.000-06:00');
		// Friday 18:00 + 3 h: 1 h Friday, 2 h Saturday night → Saturday 24:00
		expect(mx.addBusinessDuration('2026-03-06T18:00:00-06:00', 3 * HOUR).toISO()).toBe('2026-03-08T00:00:00.000-06:00');
		expect(mx.addBusinessDuration('2026-03-08T10:00:00-06:00', 0).toISO()).toBe('2026-03-08T10:00:00.000-06:00');
	});

	it('gives a negative duration when the end is before the start', () => {
		expect(mx.businessDurationBetween('2026-03-10T00:00:00-06:00', '2026-03-09T00:00:00-06:00')).toBe(-9 * HOUR);
	});

	it('applies extra closed dates and special hours; special hours beat holidays', () => {
		const cal = new BusinessCalendar({
			timeZone: 'America/Mexico_City',
			weekly: weekdays9to18,
			holidays: { country: 'MX' },
			closedDates: ['2026-03-10'],
			specialHours: [{ date: '2026-03-11', hours: '10:00-12:00' }, { date: '2026-03-16', hours: '09:00-11:00' }],
		});
		expect(cal.isOpen('2026-03-10T10:00:00-06:00')).toBe(false);
		expect(cal.isOpen('2026-03-11T09:30:00-06:00')).toBe(false);
		expect(cal.isOpen('2026-03-11T11:30:00-06:00')).toBe(true);
		expect(cal.isOpen('2026-03-16T10:00:00-06:00')).toBe(true);
		expect(cal.isOpen('2026-03-16T12:00:00-06:00')).toBe(false);
	});

	it('closes from the holiday start time on partial-day holidays (Brazil, Christmas Eve from 14:00 when optional days close)', () => {
		const br = new BusinessCalendar({
			timeZone: 'America/Sao_Paulo',
			alwaysOpen: true,
			holidays: { country: 'BR', state: 'SP', types: ['public', 'optional'] },
		});
		expect(br.isOpen('2026-12-24T13:59:00-03:00')).toBe(true);
		expect(br.isOpen('2026-12-24T14:00:00-03:00')).toBe(false);
		expect(br.nextOpen('2026-12-24T15:00:00-03:00').toISO()).toBe('2026-12-26T00:00:00.000-03:00');
	});

	it('uses the holidays of a state (São Paulo, Revolução Constitucionalista, 9 July)', () => {
		const sp = new BusinessCalendar({ timeZone: 'America/Sao_Paulo', weekly: weekdays9to18, holidays: { country: 'BR', state: 'SP' } });
		const rj = new BusinessCalendar({ timeZone: 'America/Sao_Paulo', weekly: weekdays9to18, holidays: { country: 'BR', state: 'RJ' } });
		expect(sp.isOpen('2026-07-09T10:00:00-03:00')).toBe(false);
		expect(rj.isOpen('2026-07-09T10:00:00-03:00')).toBe(true);
	});
});

describe('business calendar: DST', () => {
	it('a 24/7 day is 23 h when clocks spring forward and 25 h when they fall back (New York, Madrid)', () => {
		const ny = new BusinessCalendar({ timeZone: 'America/New_York', alwaysOpen: true });
		expect(ny.businessDurationBetween('2026-03-08T00:00:00-05:00', '2026-03-09T00:00:00-04:00')).toBe(23 * HOUR);
		const madrid = new BusinessCalendar({ timeZone: 'Europe/Madrid', alwaysOpen: true });
		expect(madrid.businessDurationBetween('2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00')).toBe(25 * HOUR);
	});

	it('keeps 09:00 local opening on both sides of a DST change', () => {
		const ny = new BusinessCalendar({ timeZone: 'America/New_York', weekly: weekdays9to18 });
		expect(ny.nextOpen('2026-03-06T20:00:00-05:00').toISO()).toBe('2026-03-09T09:00:00.000-04:00');
		// Friday 17:00 EST + 2 business hours → Monday 10:00 EDT
		expect(ny.addBusinessDuration('2026-03-06T17:00:00-05:00', 2 * HOUR).toISO()).toBe('2026-03-09T10:00:00.000-04:00');
	});

	it('a night shift across São Paulo\'s old midnight DST start lasts 3 real hours, not 4', () => {
		// 4 Nov 2018: clocks jumped from 00:00 to 01:00.
		const sp = new BusinessCalendar({ timeZone: 'America/Sao_Paulo', weekly: { saturday: '22:00-02:00' } });
		expect(sp.businessDurationBetween('2018-11-03T12:00:00-03:00', '2018-11-04T12:00:00-02:00')).toBe(3 * HOUR);
		expect(sp.isOpen('2018-11-04T01:30:00-02:00')).toBe(true);
	});

	it('does not depend on the zone of the process', () => {
		const { Settings } = jest.requireActual('luxon') as typeof import('luxon');
		const cal = new BusinessCalendar({ timeZone: 'Europe/Madrid', weekly: weekdays9to18, holidays: { country: 'ES', state: 'MD' } });
		const before = [cal.nextOpen('2026-03-27T20:00:00Z').toISO(), cal.addBusinessDuration('2026-03-27T16:00:00Z', 5 * HOUR).toISO()];
		const saved = Settings.defaultZone;
		try {
			Settings.defaultZone = 'Asia/Tokyo';
			const other = new BusinessCalendar(cal.config);
			expect([other.nextOpen('2026-03-27T20:00:00Z').toISO(), other.addBusinessDuration('2026-03-27T16:00:00Z', 5 * HOUR).toISO()]).toEqual(before);
		} finally {
			Settings.defaultZone = saved;
		}
		expect(before).toEqual(['2026-03-30T09:00:00.000+02:00', '2026-03-30T13:00:00.000+02:00']); // Fri 17:00 CET: 1 h, then 4 h on Monday (CEST)
	});
});

describe('business calendar: configuration errors name the field', () => {
	it.each([
		[{ timeZone: 'Mars/Olympus', weekly: weekdays9to18 }, 'calendar.timeZone'],
		[{ timeZone: 'UTC', weekly: { monday: '9-25' } }, 'calendar.weekly.monday'],
		[{ timeZone: 'UTC', weekly: { monday: 'nine to five' } }, 'calendar.weekly.monday'],
		[{ timeZone: 'UTC', weekly: {} }, 'calendar.weekly'],
		[{ timeZone: 'UTC', weekly: weekdays9to18, holidays: { country: 'XX' } }, 'holidays.country'],
		[{ timeZone: 'UTC', weekly: weekdays9to18, holidays: { country: 'MX', state: 'ZZZ' } }, 'holidays.state'],
		[{ timeZone: 'UTC', weekly: weekdays9to18, closedDates: ['24/12/2026'] }, 'calendar.closedDates[0]'],
	])('%j → %s', (config, field) => {
		expect(() => new BusinessCalendar(config)).toThrow(field);
	});
});

describe('calendar from node parameters', () => {
	it('builds hours, holidays, closed dates and special hours, defaulting to the workflow zone', () => {
		const config = calendarConfigFromParameters(
			{ hours: { monday: '09:00-18:00' }, holidayCountry: 'CO', closedDates: '2026-12-24, 2026-12-31', specialHours: [{ date: '2026-12-26', hours: '10:00-12:00' }] },
			'America/Bogota',
		);
		expect(config).toMatchObject({ timeZone: 'America/Bogota', holidays: { country: 'CO' }, closedDates: ['2026-12-24', '2026-12-31'] });
		expect(getCalendar(config)).toBe(getCalendar(JSON.parse(JSON.stringify(config))));
	});

	it('lets a JSON calendar win over the fields', () => {
		const config = calendarConfigFromParameters({ hours: { monday: '09:00-18:00' }, calendarJson: '{"alwaysOpen":true}' }, 'UTC');
		expect(config).toEqual({ alwaysOpen: true, timeZone: 'UTC' });
		expect(() => calendarConfigFromParameters({ calendarJson: '{oops' }, 'UTC')).toThrow('calendarJson');
	});
});
