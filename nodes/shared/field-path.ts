/** Reads 'reply.text' style paths from an item; arrays take numeric segments ('choices.0.title'). */
export function readPath(source: unknown, path: string): unknown {
	let current: unknown = source;
	for (const segment of path.split('.')) {
		if (segment === '') continue;
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}
