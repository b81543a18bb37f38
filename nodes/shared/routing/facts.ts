/** Key facts a person would otherwise ask for again, pulled from the customer's own words. */
export interface ExtractedFacts {
	orderNumbers: string[];
	emails: string[];
	phones: string[];
}

// The lookbehind starts a match only where a run of address characters starts, so a long run
// without "@" is read once, not once per position (it was quadratic).
const EMAIL = /(?<![A-Z0-9._%+-])[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
// "#12345", "order 12345", "pedido nº AB-1234", "encomenda: 998877", "orden #A1234"
const ORDER =
	// One whitespace run per gap: each optional part carries its own trailing spaces, so no two
	// quantifiers compete for the same spaces (three adjacent "\s*" made this cubic).
	/(?:#\s?|\b(?:order|pedido|orden|encomenda|compra|invoice|factura|fatura|booking|reserva)\s*(?:(?:n(?:o|º|°|r)?\.?|num(?:ber|ero|éro)?\.?|número)\s*)?(?:[:#]\s*)?)([A-Z]{0,4}-?\d[\d-]{2,}[A-Z0-9]*)/gi;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d[\d\s.-]{6,}\d/g;

/**
 * The store reads a message's facts for its identities at each of its three steps (load, hand-over,
 * save) and the router once more: answers are kept by text and handed out as fresh arrays so no
 * caller can change another's. On the engine each step runs over a whole execution's items before
 * the next step starts, so the memory holds more than one execution's messages (it held the last
 * four, which only a ticket-at-a-time caller ever hit: a replay read each message's facts three
 * times over). Cleared when full, so it stays bounded and never changes a result.
 */
const RECENT_LIMIT = 4096;
// Bounded by characters too, so long emails cannot make it hold megabytes.
const RECENT_MAX_CHARS = 1_000_000;
const recent = new Map<string, ExtractedFacts>();
let recentChars = 0;

export function extractFacts(texts: Array<string | undefined>): ExtractedFacts {
	const text = texts.filter(Boolean).join('\n');
	let facts = recent.get(text);
	if (!facts) {
		facts = readFacts(text);
		if (recent.size >= RECENT_LIMIT || recentChars + text.length > RECENT_MAX_CHARS) {
			recent.clear();
			recentChars = 0;
		}
		recent.set(text, facts);
		recentChars += text.length;
	}
	return { orderNumbers: [...facts.orderNumbers], emails: [...facts.emails], phones: [...facts.phones] };
}

function readFacts(text: string): ExtractedFacts {
	// One pass for the emails and the text without them (a match and then a replace read it twice).
	// Matches go straight into sets, first seen first: holding every match object until the end
	// kept them all alive through each collection, which grew faster than the text.
	const emailSet = new Set<string>();
	const kept: string[] = [];
	let last = 0;
	for (const match of text.matchAll(EMAIL)) {
		emailSet.add(match[0].toLowerCase());
		kept.push(text.slice(last, match.index), ' ');
		last = match.index + match[0].length;
	}
	const withoutEmails = kept.length ? kept.join('') + text.slice(last) : text;
	const emails = [...emailSet];
	const orderSet = new Set<string>();
	for (const match of text.matchAll(ORDER)) orderSet.add(match[1].endsWith('-') ? match[1].slice(0, -1) : match[1]);
	const orderNumbers = [...orderSet];
	// Remove emails and order numbers first so their digits are not read as phone numbers.
	const rest = blankOut(withoutEmails, orderNumbers);
	const phoneSet = new Set<string>();
	for (const match of rest.matchAll(PHONE)) {
		const phone = match[0].trim();
		// Dates like 2026-03-06 are not phone numbers.
		if (isPhoneLength(phone) && !/^\d{4}-\d{2}-\d{2}$/.test(phone)) phoneSet.add(phone);
	}
	const phones = [...phoneSet];
	return { orderNumbers, emails, phones };
}

/**
 * 8 to 15 digits. Counted in place and stopped past 15: a long run of digits and dashes is one
 * match, and copying its digits out (replace(/\D/g, '')) for every such run cost more than the scan.
 */
function isPhoneLength(phone: string): boolean {
	let digits = 0;
	for (let i = 0; i < phone.length && digits <= 15; i++) {
		const code = phone.charCodeAt(i);
		if (code >= 48 && code <= 57) digits++;
	}
	return digits >= 8 && digits <= 15;
}

/** Longest order number blanked out of the text before phones are read; longer ones are left. */
const MAX_ORDER_LENGTH = 64;

/**
 * Replaces every occurrence of any of `needles` with one space, leftmost and longest first, in one
 * pass over the text (a split/join per needle rescanned the text once per order number).
 * Hand-written: a small trie walk; no maintained multi-pattern matcher is worth a dependency here.
 * The trie is one map from (node, character) to node: a map per node allocated one object per
 * character of every order number, and on many order numbers the collector's work grew faster than
 * the text.
 */
// Order numbers are ASCII: node * 128 + code stays a small integer (a cheap map key) up to 8M nodes;
// any other character gets a key of its own, negative so the two never meet.
const edgeKey = (node: number, code: number): number => (code < 128 ? node * 128 + code : -(node * 0x10000 + code) - 1);

export function blankOut(text: string, needles: readonly string[]): string {
	const edges = new Map<number, number>();
	const ends: boolean[] = [false];
	// The ASCII characters a needle starts with: every other position is passed over without a trie
	// lookup (on many order numbers, most of the text; each lookup in a map of every order number's
	// characters is a cache miss once that map outgrows the cache).
	const firsts = new Uint8Array(128);
	let nonAsciiFirst = false;
	for (const needle of needles) {
		if (!needle || needle.length > MAX_ORDER_LENGTH) continue;
		const first = needle.charCodeAt(0);
		if (first < 128) firsts[first] = 1;
		else nonAsciiFirst = true;
		let node = 0;
		for (let i = 0; i < needle.length; i++) {
			const key = edgeKey(node, needle.charCodeAt(i));
			let child = edges.get(key);
			if (child === undefined) {
				child = ends.length;
				ends.push(false);
				edges.set(key, child);
			}
			node = child;
		}
		ends[node] = true;
	}
	if (edges.size === 0) return text;
	const parts: string[] = [];
	let kept = 0;
	for (let i = 0; i < text.length; ) {
		const first = text.charCodeAt(i);
		if (first < 128 ? firsts[first] === 0 : !nonAsciiFirst) {
			i++;
			continue;
		}
		let node: number | undefined = 0;
		let matchEnd = -1;
		for (let j = i; j < text.length && j - i < MAX_ORDER_LENGTH; j++) {
			node = edges.get(edgeKey(node, text.charCodeAt(j)));
			if (node === undefined) break;
			if (ends[node]) matchEnd = j + 1;
		}
		if (matchEnd < 0) {
			i++;
			continue;
		}
		parts.push(text.slice(kept, i), ' ');
		kept = i = matchEnd;
	}
	parts.push(text.slice(kept));
	return parts.join('');
}
