import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { cachedZone } from '../../nodes/shared/calendar/cachedZone';

const ZONES = ['America/Mexico_City', 'America/Sao_Paulo', 'America/Bogota', 'Europe/Madrid', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];

describe('cached zone offsets', () => {
	it('agree with luxon\'s IANA zone at every instant, across DST transitions, 2000–2035', () => {
		fc.assert(
			fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 11, 31) }), (name, ts) => {
				const zone = cachedZone(name);
				// Ask twice: the second answer comes from the cache.
				expect(zone.offset(ts)).toBe(IANAZone.create(name).offset(ts));
				expect(zone.offset(ts)).toBe(IANAZone.create(name).offset(ts));
			}),
			{ numRuns: 3000 },
		);
	});

	it('agrees on the minutes around each 2026 transition in New York and Madrid', () => {
		for (const [name, iso] of [
			['America/New_York', '2026-03-08T07:00:00Z'],
			['America/New_York', '2026-11-01T06:00:00Z'],
			['Europe/Madrid', '2026-03-29T01:00:00Z'],
			['Europe/Madrid', '2026-10-25T01:00:00Z'],
		]) {
			const at = Date.parse(iso);
			for (let minute = -90; minute <= 90; minute++) {
				const ts = at + minute * 60_000;
				expect(cachedZone(name).offset(ts)).toBe(IANAZone.create(name).offset(ts));
			}
		}
	});
});
