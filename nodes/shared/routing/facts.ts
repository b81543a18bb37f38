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

function unique(values: string[]): string[] {
	return [...new Set(values)];
}

export function extractFacts(texts: Array<string | undefined>): ExtractedFacts {
	const text = texts.filter(Boolean).join('\n');
	const emails = unique((text.match(EMAIL) ?? []).map((email) => email.toLowerCase()));
	const orderNumbers = unique([...text.matchAll(ORDER)].map((match) => match[1].replace(/-$/, '')));
	// Remove emails and order numbers first so their digits are not read as phone numbers.
	const rest = blankOut(text.replace(EMAIL, ' '), orderNumbers);
	const phones = unique(
		(rest.match(PHONE) ?? [])
			.map((phone) => phone.trim())
			.filter((phone) => {
				const digits = phone.replace(/\D/g, '').length;
				// Dates like 2026-03-06 are not phone numbers.
				return digits >= 8 && digits <= 15 && !/^\d{4}-\d{2}-\d{2}$/.test(phone);
			}),
	);
	return { orderNumbers, emails, phones };
}

/** Longest order number blanked out of the text before phones are read; longer ones are left. */
const MAX_ORDER_LENGTH = 64;

/**
 * Replaces every occurrence of any of `needles` with one space, leftmost and longest first, in one
 * pass over the text (a split/join per needle rescanned the text once per order number).
 * Hand-written: a small trie walk; no maintained multi-pattern matcher is worth a dependency here.
 */
export function blankOut(text: string, needles: readonly string[]): string {
	type Node = { next: Map<number, Node>; end: boolean };
	const root: Node = { next: new Map(), end: false };
	for (const needle of needles) {
		if (!needle || needle.length > MAX_ORDER_LENGTH) continue;
		let node = root;
		for (let i = 0; i < needle.length; i++) {
			const code = needle.charCodeAt(i);
			let child = node.next.get(code);
			if (!child) node.next.set(code, (child = { next: new Map(), end: false }));
			node = child;
		}
		node.end = true;
	}
	if (root.next.size === 0) return text;
	const parts: string[] = [];
	let kept = 0;
	for (let i = 0; i < text.length; ) {
		let node: Node | undefined = root;
		let matchEnd = -1;
		for (let j = i; j < text.length && j - i < MAX_ORDER_LENGTH; j++) {
			node = node.next.get(text.charCodeAt(j));
			if (!node) break;
			if (node.end) matchEnd = j + 1;
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
