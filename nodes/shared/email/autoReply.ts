/**
 * Detects mail that must never get a support reply: auto-replies, bounces and list mail.
 * Replying to them is how two robots end up mailing each other forever (RFC 3834 §2).
 * Pure: no n8n imports.
 */

export interface AutomatedVerdict {
	automated: boolean;
	/** Which rule fired, e.g. "Auto-Submitted: auto-replied". */
	reason?: string;
}

/** Local parts that belong to machines, not customers. */
const MACHINE_SENDERS = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply|donotreply|bounces?|auto-?reply)([+-].*)?$/i;

function first(headers: Record<string, string[]>, name: string): string | undefined {
	return headers[name]?.[0];
}

/**
 * @param headers lower-cased header name → raw values (see headersFromLines)
 * @param fromAddress the sender address, if known
 */
export function detectAutomatedMail(headers: Record<string, string[]>, fromAddress?: string): AutomatedVerdict {
	const autoSubmitted = first(headers, 'auto-submitted');
	if (autoSubmitted !== undefined) {
		// RFC 3834: any value but "no" (parameters after ";" ignored) marks automatic mail.
		const token = autoSubmitted.split(';')[0].trim().toLowerCase();
		if (token !== 'no') return { automated: true, reason: `Auto-Submitted: ${token || '(empty)'}` };
	}

	const precedence = first(headers, 'precedence')?.trim().toLowerCase();
	if (precedence && ['bulk', 'list', 'junk', 'auto_reply'].includes(precedence)) {
		return { automated: true, reason: `Precedence: ${precedence}` };
	}

	for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-auto-reply']) {
		if (headers[name] !== undefined) return { automated: true, reason: `${name} header` };
	}

	// Exchange puts this on its own automatic mail; "None" explicitly allows replies.
	const suppress = first(headers, 'x-auto-response-suppress');
	if (suppress !== undefined && suppress.trim().toLowerCase() !== 'none') {
		return { automated: true, reason: `X-Auto-Response-Suppress: ${suppress.trim()}` };
	}

	for (const name of ['list-id', 'list-unsubscribe', 'list-post']) {
		if (headers[name] !== undefined) return { automated: true, reason: `mailing list (${name})` };
	}

	const returnPath = headers['return-path'];
	if (returnPath?.some((value) => /^<\s*>$/.test(value.trim()))) {
		return { automated: true, reason: 'bounce (empty Return-Path)' };
	}

	const contentType = first(headers, 'content-type')?.toLowerCase() ?? '';
	if (/multipart\/report/.test(contentType) && /report-type\s*=\s*"?(delivery-status|disposition-notification)/.test(contentType)) {
		return { automated: true, reason: 'delivery or read report' };
	}

	const localPart = fromAddress?.split('@')[0]?.trim();
	if (localPart && MACHINE_SENDERS.test(localPart)) {
		return { automated: true, reason: `machine sender (${fromAddress})` };
	}

	return { automated: false };
}
