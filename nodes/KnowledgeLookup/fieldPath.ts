/** Reads a dot-notation field ("message.text") from an item's JSON. */
export function getField(json: unknown, path: string): unknown {
	let value: unknown = json;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}
