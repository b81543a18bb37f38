import Holidays from 'date-holidays';
import type { HolidaySource } from './types';

/**
 * Holiday closures per local date: minutes after midnight from which the business is closed
 * (0 = the whole day; date-holidays gives e.g. Christmas Eve from 14:00).
 */
export type HolidayTable = Map<string, number>;

// date-holidays is slow to construct and to compute a year, so both are cached by content.
const instances = new Map<string, Holidays>();
const tables = new Map<string, HolidayTable>();
const MAX_TABLES = 2000;

function instanceFor(source: HolidaySource): Holidays {
	const country = source.country.trim().toUpperCase();
	const state = source.state?.trim().toUpperCase() ?? '';
	const region = source.region?.trim().toUpperCase() ?? '';
	const key = [country, state, region].join('|');
	let instance = instances.get(key);
	if (!instance) {
		instance = new Holidays();
		// init() accepts unknown codes silently, so check them against date-holidays' own lists.
		if (!instance.getCountries()[country]) throw new Error(`holidays.country: "${source.country}" is not a country date-holidays knows`);
		if (state && !(instance.getStates(country) ?? {})[state]) {
			throw new Error(`holidays.state: "${source.state}" is not a state of ${country} that date-holidays knows`);
		}
		if (region && !(instance.getRegions(country, state) ?? {})[region]) {
			throw new Error(`holidays.region: "${source.region}" is not a region of ${country}/${state} that date-holidays knows`);
		}
		instance.init(country, state, region);
		instances.set(key, instance);
	}
	return instance;
}

/** Holiday closures of one year, cached per (country, state, region, types, year). */
export function holidayTable(source: HolidaySource, year: number): HolidayTable {
	const types = source.types?.length ? source.types : ['public'];
	const key = [source.country, source.state ?? '', source.region ?? '', types.join(','), year].join('|').toUpperCase();
	let table = tables.get(key);
	if (table) return table;
	table = new Map();
	for (const holiday of instanceFor(source).getHolidays(year)) {
		if (!types.includes(holiday.type)) continue;
		// "2026-12-24 14:00:00": the local date, and the local time the closure starts.
		const date = holiday.date.slice(0, 10);
		const [hours, minutes] = holiday.date.slice(11, 16).split(':').map(Number);
		const from = (hours || 0) * 60 + (minutes || 0);
		table.set(date, Math.min(table.get(date) ?? from, from));
	}
	if (tables.size >= MAX_TABLES) tables.clear();
	tables.set(key, table);
	return table;
}
