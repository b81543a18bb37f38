import Holidays from 'date-holidays';
import { toMillis } from '../../nodes/shared/calendar';
import { cachedZone } from '../../nodes/shared/calendar/cachedZone';
import { localParts, type LocalParts } from '../../nodes/shared/calendar/instant';
import type { CostModel, Period } from './cost-model';

/** Classifies a ticket's arrival as holiday, weekend, night or day in the business zone. */
export class PeriodClassifier {
	private readonly holidays?: Holidays;
	private readonly holidayByDay = new Map<number, boolean>();
	private readonly cached: ReturnType<typeof cachedZone>;

	constructor(
		readonly zone: string,
		private readonly model: CostModel,
		country?: string,
		state?: string,
	) {
		this.cached = cachedZone(zone);
		if (country) this.holidays = new Holidays(country, state ?? '', { types: ['public'] });
	}

	/** Epoch milliseconds of a replayed ticket's receivedAt. */
	millis(iso: string): number {
		return toMillis(iso, 'receivedAt');
	}

	local(millis: number): LocalParts {
		return localParts(millis, this.cached);
	}

	isHoliday(local: LocalParts): boolean {
		if (!this.holidays) return false;
		let holiday = this.holidayByDay.get(local.dayNumber);
		if (holiday === undefined) {
			// date-holidays is slow per call; one lookup per calendar day is enough. Asked at local noon.
			const noon = Date.UTC(local.year, local.month - 1, local.day, 12) - local.offsetMinutes * 60_000;
			holiday = Boolean(this.holidays.isHoliday(new Date(noon)));
			this.holidayByDay.set(local.dayNumber, holiday);
		}
		return holiday;
	}

	classify(local: LocalParts): Period {
		if (this.isHoliday(local)) return 'holiday';
		if (local.weekday >= 6) return 'weekend';
		const { nightStartHour: start, nightEndHour: end } = this.model;
		const night = start > end ? local.hour >= start || local.hour < end : local.hour >= start && local.hour < end;
		return night ? 'night' : 'day';
	}
}
