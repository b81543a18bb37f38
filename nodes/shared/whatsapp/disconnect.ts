/**
 * Baileys' DisconnectReason codes we act on. Copied as constants so the session logic does not load
 * Baileys (and its protobufs) just to compare numbers; a unit test checks they match the library.
 */
export const DISCONNECT = {
	loggedOut: 401,
	restartRequired: 515,
	connectionReplaced: 440,
} as const;

/** Baileys closes with a Boom error whose `output.statusCode` carries the reason. */
export function disconnectCode(error: unknown): number | undefined {
	const output = (error as { output?: { statusCode?: unknown } } | undefined)?.output;
	return typeof output?.statusCode === 'number' ? output.statusCode : undefined;
}
