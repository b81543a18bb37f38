import type * as Tinyld from 'tinyld';

let loaded: typeof Tinyld | undefined;

/** tinyld, loaded when a text first needs it: its n-gram tables take a few hundred milliseconds to load, and many runs never ask. */
export function tinyld(): typeof Tinyld {
	return (loaded ??= require('tinyld') as typeof Tinyld);
}
