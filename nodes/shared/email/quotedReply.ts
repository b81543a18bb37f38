/**
 * Drops the quoted history under a customer's reply ("On … wrote:", "> …" lines, Outlook's
 * "-----Original Message-----"), so triage reads what the customer said this time.
 * Hand-written: mailparser gives the whole text, and the reply-parser libraries are unmaintained.
 * Pure: no n8n imports.
 */

const QUOTE_HEADERS = [
	/^\s*On .{1,200}wrote:\s*$/i, // Gmail, Apple Mail (en)
	/^\s*El .{1,200}escribió:\s*$/i, // es
	/^\s*Em .{1,200}escreveu:\s*$/i, // pt
	/^\s*-{2,}\s*(Original Message|Mensaje original|Mensagem original)\s*-{2,}\s*$/i, // Outlook
	/^\s*_{10,}\s*$/, // Outlook web separator
];

const GREATER_THAN = 62;
/** The first character of every header pattern above ("On", "El"/"Em", "--", "__", "From"/"De"): other lines skip the six tests. */
const HEADER_START = /[OoEe\-_FfDd]/;

/** JavaScript's "\s" (what the patterns' "^\s*" skips), read by code so a line is not cut out to test it. */
const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/** Offset of the first character after the whitespace that opens the line [start, end). */
function afterLeadingSpace(body: string, start: number, end: number): number {
	let at = start;
	while (at < end && isSpace(body.charCodeAt(at))) at++;
	return at;
}

const lineEnd = (body: string, start: number): number => {
	const end = body.indexOf('\n', start);
	return end < 0 ? body.length : end;
};

export function stripQuotedReply(text: string): string {
	const body = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
	// Lines are read in place between line breaks, by offset: an array of every line (split) kept
	// them all alive to the end, and on a flood of short lines the collector's work grew faster
	// than the text (100 KB 7 ms, 1 MB 80 ms).
	const n = body.length;
	// Start of the first line of the trailing run of ">" or blank lines (n + 1: no such run), found
	// in one backward pass (checking the rest of the message at every ">" line made this quadratic).
	let quotedTail = n + 1;
	for (let end = n; ; ) {
		const start = end === 0 ? 0 : body.lastIndexOf('\n', end - 1) + 1;
		const first = afterLeadingSpace(body, start, end);
		if (first < end && body.charCodeAt(first) !== GREATER_THAN) break;
		quotedTail = start;
		if (start === 0) break;
		end = start - 1;
	}
	let cut = -1;
	for (let start = 0; ; ) {
		const end = lineEnd(body, start);
		// A blank line matches none of the patterns below: one test instead of six on a flood of them.
		const first = afterLeadingSpace(body, start, end);
		// A run of ">" lines to the end of the message is quoted history.
		const quoted = first < end && start >= quotedTail && body.charCodeAt(first) === GREATER_THAN;
		if (quoted) {
			cut = start;
			break;
		}
		if (first < end && HEADER_START.test(body[first])) {
			const line = body.slice(start, end);
			// Outlook's header block: "From:" directly followed by "Sent:"/"To:".
			const isFromBlock = /^\s*(From|De):\s/i.test(line) && /^\s*(Sent|Enviado|Date|Fecha|To|Para):\s/i.test(end < n ? body.slice(end + 1, lineEnd(body, end + 1)) : '');
			if (isFromBlock || QUOTE_HEADERS.some((re) => re.test(line))) {
				cut = start;
				break;
			}
		}
		if (end === n) break;
		start = end + 1;
	}
	const kept = (cut < 0 ? body : body.slice(0, Math.max(0, cut - 1))).trim();
	// Never return nothing: a reply that is all quote keeps its full text.
	return kept || text.trim();
}

/** Quoted-reply stripping looks at most this many times the text limit. */
const STRIP_WINDOW = 5;

/**
 * The customer's new text of an email body, quoted history under it dropped. Read from a bounded
 * prefix: what the customer wrote new is near the top, and a huge mail must not cost more than a few
 * times the limit before it is cut (`cut`: the prefix was shorter than the body).
 */
export function newEmailText(fullText: string, limit: number): { text: string; cut: boolean } {
	const head = fullText.length > limit * STRIP_WINDOW ? fullText.slice(0, limit * STRIP_WINDOW) : fullText;
	return { text: stripQuotedReply(head), cut: head !== fullText };
}
