/** Small readers for webhook payloads: they arrive as untyped JSON, and a missing field must not throw. */
export type Json = Record<string, unknown>;

/** One cap for customer text from any channel, so a huge message cannot slow triage. */
export const MAX_CHANNEL_TEXT = 20_000;

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const objectAt = (value: unknown, key: string): Json | undefined => (isObject(value) && isObject(value[key]) ? value[key] : undefined);
export const arrayAt = (value: unknown, key: string): unknown[] => (isObject(value) && Array.isArray(value[key]) ? value[key] : []);
export const stringAt = (value: unknown, key: string): string | undefined => {
	const found = isObject(value) ? value[key] : undefined;
	if (typeof found === 'string' && found.trim()) return found;
	if (typeof found === 'number' && Number.isFinite(found)) return String(found);
	return undefined;
};

export const capText = (text: string): string => (text.length > MAX_CHANNEL_TEXT ? text.slice(0, MAX_CHANNEL_TEXT) : text);

/** Unix seconds (WhatsApp, Telegram) or milliseconds (Messenger, Instagram) to ISO 8601 in UTC. */
export function isoFromEpoch(value: unknown, unit: 'seconds' | 'milliseconds'): string | undefined {
	const number = typeof value === 'string' && value.trim() ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) return undefined;
	const date = new Date(unit === 'seconds' ? number * 1000 : number);
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
