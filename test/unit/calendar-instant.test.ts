import fc from 'fast-check';
import { DateTime } from 'luxon';
import { cachedZone } from '../../nodes/shared/calendar/cachedZone';
import { formatOffsetIso, localParts, parseOffsetIso } from '../../nodes/shared/calendar/instant';
import { getCalendar, toMillis } from '../../nodes/shared/calendar';

const ZONES = ['America/Mexico_City', 'America/Sao_Paulo', 'Europe/London', 'Europe/Madrid', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 11, 31) });
const offset = fc.integer({ min: -12 * 60, max: 14 * 60 });

describe('ISO instants without luxon', () => {
	it('parse and format exactly as luxon does for any instant at any offset', () => {
		fc.assert(
			fc.property(instant, offset, fc.boolean(), (ms, minutes, suppress) => {
				const luxon = DateTime.fromMillis(ms, { zone: `UTC${minutes >= 0 ? '+' : '-'}${Math.floor(Math.abs(minutes) / 60)}:${String(Math.abs(minutes) % 60).padStart(2, '0')}` });
				const text = luxon.toISO({ suppressMilliseconds: suppress }) as string;
				const parsed = parseOffsetIso(text);
				expect(parsed).toEqual({ millis: ms, offsetMinutes: minutes });
				expect(formatOffsetIso(ms, minutes, { suppressMilliseconds: suppress })).toBe(text);
			}),
			{ numRuns: 3000 },
		);
	});

	it('format an instant in a named zone as luxon does, "+00:00" rather than "Z" in London in winter', () => {
		fc.assert(
			fc.property(instant, fc.constantFrom(...ZONES), (ms, name) => {
				expect(getCalendar({ timeZone: name, alwaysOpen: true }).toIso(ms)).toBe(DateTime.fromMillis(ms, { zone: name }).toISO());
			}),
			{ numRuns: 2000 },
		);
		expect(getCalendar({ timeZone: 'Europe/London', alwaysOpen: true }).toIso(Date.UTC(2026, 0, 5, 9))).toBe('2026-01-05T09:00:00.000+00:00');
	});

	it('give the same local wall clock as luxon in every zone, across DST', () => {
		fc.assert(
			fc.property(instant, fc.constantFrom(...ZONES), (ms, name) => {
				const local = DateTime.fromMillis(ms, { zone: name });
				const parts = localParts(ms, cachedZone(name));
				expect([parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.weekday, parts.offsetMinutes]).toEqual([
					local.year,
					local.month,
					local.day,
					local.hour,
					local.minute,
					local.weekday,
					local.offset,
				]);
				expect(parts.dayNumber).toBe(Math.floor(Date.UTC(local.year, local.month - 1, local.day) / 86_400_000));
			}),
			{ numRuns: 3000 },
		);
	});

	it('read short forms: minutes only, one-digit fractions, Z', () => {
		expect(parseOffsetIso('2026-03-02T09:15-06:00')).toEqual({ millis: Date.UTC(2026, 2, 2, 15, 15), offsetMinutes: -360 });
		expect(parseOffsetIso('2026-03-02T09:15:00.5Z')?.millis).toBe(Date.UTC(2026, 2, 2, 9, 15, 0, 500));
		expect(parseOffsetIso('2026-03-02T09:15:00+05:45')?.offsetMinutes).toBe(345);
	});

	it('leave everything else to luxon: no offset, impossible dates, other formats', () => {
		for (const text of [
			'2026-03-02T09:15:00',
			'2026-03-02',
			'2026-02-30T10:00:00Z',
			'2026-02-29T10:00:00Z',
			'2026-13-01T10:00:00Z',
			'2026-03-02T24:00:00Z',
			'2026-03-02T23:60:00Z',
			'2026-03-02 09:15:00-06:00',
			'2026-03-02T09:15:00+0530',
			'02/03/2026 09:15',
			' 2026-03-02T09:15:00Z',
			'0050-03-02T09:15:00Z',
		]) {
			expect(parseOffsetIso(text)).toBeUndefined();
		}
		expect(parseOffsetIso('2028-02-29T10:00:00Z')?.millis).toBe(Date.UTC(2028, 1, 29, 10));
		// Left to luxon, year 50 stays year 50 (Date.UTC would read it as 1950).
		const year50 = new Date(Date.UTC(2000, 2, 2, 9, 15));
		year50.setUTCFullYear(50);
		expect(toMillis('0050-03-02T09:15:00Z')).toBe(year50.getTime());
	});
});
