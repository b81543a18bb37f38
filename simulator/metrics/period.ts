import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { cachedZone } from '../../nodes/shared/calendar/cachedZone';
import type { CostModel, Period } from './cost-model';

/** Classifies a ticket's arrival as holiday, weekend, night or day in the business zone. */
export class PeriodClassifier {
	private readonly holidays?: Holidays;
	private readonly holidayByDate = new Map<string, boolean>();
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

	local(iso: string): DateTime {
		return DateTime.fromISO(iso, { setZone: true }).setZone(this.cached);
	}

	isHoliday(local: DateTime): boolean {
		if (!this.holidays) return false;
		const key = local.toISODate() as string;
		let holiday = this.holidayByDate.get(key);
		if (holiday === undefined) {
			// date-holidays is slow per call; one lookup per calendar day is enough.
			holiday = Boolean(this.holidays.isHoliday(new Date(local.set({ hour: 12 }).toMillis())));
			this.holidayByDate.set(key, holiday);
		}
		return holiday;
	}

	classify(local: DateTime): Period {
		if (this.isHoliday(local)) return 'holiday';
		if (local.weekday >= 6) return 'weekend';
		const { nightStartHour: start, nightEndHour: end } = this.model;
		const night = start > end ? local.hour >= start || local.hour < end : local.hour >= start && local.hour < end;
		return night ? 'night' : 'day';
	}
}
