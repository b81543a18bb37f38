/** Key facts a person would otherwise ask for again, pulled from the customer's own words. */
export interface ExtractedFacts {
	orderNumbers: string[];
	emails: string[];
	phones: string[];
}

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
// "#12345", "order 12345", "pedido nº AB-1234", "encomenda: 998877", "orden #A1234"
const ORDER =
	/(?:#\s?|\b(?:order|pedido|orden|encomenda|compra|invoice|factura|fatura|booking|reserva)\s*(?:n(?:o|º|°|r)?\.?|num(?:ber|ero|éro)?\.?|número)?\s*[:#]?\s*)([A-Z]{0,4}-?\d[\d-]{2,}[A-Z0-9]*)/gi;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d[\d\s.-]{6,}\d/g;

function unique(values: string[]): string[] {
	return [...new Set(values)];
}

export function extractFacts(texts: Array<string | undefined>): ExtractedFacts {
	const text = texts.filter(Boolean).join('\n');
	const emails = unique((text.match(EMAIL) ?? []).map((email) => email.toLowerCase()));
	const orderNumbers = unique([...text.matchAll(ORDER)].map((match) => match[1].replace(/-$/, '')));
	// Remove emails and order numbers first so their digits are not read as phone numbers.
	let rest = text.replace(EMAIL, ' ');
	for (const order of orderNumbers) rest = rest.split(order).join(' ');
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
