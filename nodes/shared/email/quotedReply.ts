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

const NON_BLANK = /\S/;

export function stripQuotedReply(text: string): string {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	let cut = lines.length;
	// First line of the trailing run of ">" or blank lines, found in one backward pass (checking
	// the rest of the message at every ">" line made this quadratic).
	let quotedTail = lines.length;
	while (quotedTail > 0 && /^\s*(>|$)/.test(lines[quotedTail - 1])) quotedTail--;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		// A blank line matches none of the patterns below: one test instead of six on a flood of them.
		if (!NON_BLANK.test(line)) continue;
		// Outlook's header block: "From:" directly followed by "Sent:"/"To:".
		const isFromBlock = /^\s*(From|De):\s/i.test(line) && /^\s*(Sent|Enviado|Date|Fecha|To|Para):\s/i.test(lines[i + 1] ?? '');
		if (isFromBlock || QUOTE_HEADERS.some((re) => re.test(line))) {
			cut = i;
			break;
		}
		// A run of ">" lines to the end of the message is quoted history.
		if (i >= quotedTail && /^\s*>/.test(line)) {
			cut = i;
			break;
		}
	}
	const kept = lines.slice(0, cut).join('\n').trim();
	// Never return nothing: a reply that is all quote keeps its full text.
	return kept || text.trim();
}
