/**
 * The adversarial corpus: texts an attacker would send, each made at any size, so tests run them
 * small and the growth benchmark (bench/growth.ts) at 10 KB, 100 KB and 1 MB. Nothing large is
 * committed; every case is generated from the rules below.
 */

export interface AdversarialCase {
	name: string;
	/** What the case attacks. */
	target: string;
	/** A text of about `size` characters. */
	make(size: number): string;
}

function fill(unit: string, size: number, prefix = '', suffix = ''): string {
	const body = Math.max(0, size - prefix.length - suffix.length);
	return prefix + unit.repeat(Math.ceil(body / unit.length)).slice(0, body) + suffix;
}

function join(size: number, next: (i: number) => string, separator = ' '): string {
	const parts: string[] = [];
	for (let i = 0, length = 0; length < size; i++) {
		const part = next(i);
		parts.push(part);
		length += part.length + separator.length;
	}
	return parts.join(separator).slice(0, size);
}

export const ADVERSARIAL_CASES: readonly AdversarialCase[] = [
	{ name: 'letters', target: 'email pattern, typo corrector, keyword fuzzy search', make: (n) => fill('a', n) },
	{ name: 'digits', target: 'order and phone patterns', make: (n) => fill('1', n) },
	{ name: 'dots', target: 'email pattern', make: (n) => fill('a.', n) },
	{ name: 'dashes and digits', target: 'order and phone patterns', make: (n) => fill('1-', n, '#') },
	{ name: 'dashes and digits, no "#"', target: 'fact extraction: one phone-pattern match the length of the text', make: (n) => fill('1-', n) },
	{ name: 'email pieces', target: 'email pattern', make: (n) => fill('.@-', n) },
	{ name: 'spaces', target: 'every "\\s*"', make: (n) => fill(' ', n, 'order', 'x') },
	{ name: 'tabs and spaces', target: 'every "\\s*"', make: (n) => fill(' \t', n, 'hola ', ' x') },
	{ name: 'separators between keywords', target: 'order pattern', make: (n) => join(n, () => 'order no. : #') },
	{ name: 'many order numbers', target: 'order removal before phones', make: (n) => join(n, (i) => `order #${100000 + i}`) },
	{ name: 'many phone-like numbers', target: 'phone pattern', make: (n) => join(n, (i) => `+52 55 ${1000 + (i % 9000)} ${1000 + i}`) },
	{ name: 'many quoted lines', target: 'quoted-reply stripping', make: (n) => fill('> q\n', n, '', 'end') },
	{ name: 'hashes', target: 'injection markup', make: (n) => fill('#', n, '', 'x') },
	{ name: 'hashes and words', target: 'injection markup', make: (n) => join(n, () => '## note') },
	{ name: 'newlines', target: 'injection markup (multiline)', make: (n) => fill('\n', n, 'hola', 'x') },
	{ name: 'newlines and spaces', target: 'injection markup (multiline)', make: (n) => fill('\n \t', n, 'hola', 'system') },
	{ name: 'reply prefixes', target: 'reply-subject prefix', make: (n) => fill(' ', n, 'Re', 'x') },
	{ name: 'flag cues beside harmless phrases', target: 'triage: the harmless-role check of every flag cue', make: (n) => join(n, () => 'threat detection funeral') },
	{ name: 'emoji flood', target: 'tokenizer, emoji lexicon, surrogate pairs', make: (n) => fill('😡👍🏽🇲🇽', n) },
	{ name: 'long words', target: 'typo corrector, stemmer', make: (n) => join(n, () => 'abcdefghijklmnop'.repeat(1000)) },
	{ name: 'one long word', target: 'keyword fuzzy search', make: (n) => fill('x', n, 'refund ') },
	{ name: 'quotes and commas', target: 'CSV reader', make: (n) => fill('x","', n) },
	{ name: 'lines of quotes', target: 'CSV reader (a quoted field of "" escapes over many lines)', make: (n) => fill('"\n', n, 'hola ') },
	{ name: 'ordinary words', target: 'the baseline', make: (n) => join(n, (i) => ['where', 'is', 'my', 'order', 'refund', 'please', 'urgent', 'agent'][i % 8]) },
];

/** A JSON value nested `depth` deep (stack depth attacks on JSON readers). */
export function deepNesting(depth: number): string {
	return '['.repeat(depth) + ']'.repeat(depth);
}

/** A history of `turns` entries, with non-objects mixed in. */
export function hugeHistory(turns: number): unknown[] {
	const history: unknown[] = [];
	for (let i = 0; i < turns; i++) history.push(i % 10 === 9 ? null : { role: i % 2 ? 'ai' : 'customer', text: `where is order #${200000 + i}` });
	return history;
}
