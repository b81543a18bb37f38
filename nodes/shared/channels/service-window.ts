import type { Ticket } from '../ticket';

/** WhatsApp and Meta allow free-form replies for 24 hours after the customer's last message. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Messenger and Instagram let a person (never an automated reply) answer with the HUMAN_AGENT tag for 7 days. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

const millis = (iso: unknown): number | undefined => {
	if (typeof iso !== 'string' || !iso) return undefined;
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? undefined : ms;
};

/** The latest time the customer wrote: the current message or a later customer turn in the history. */
export function lastCustomerMessageAt(ticket: Pick<Ticket, 'message' | 'history'>): number | undefined {
	let latest = millis(ticket.message?.receivedAt);
	for (const turn of ticket.history ?? []) {
		if (turn.role !== 'customer') continue;
		const at = millis(turn.at);
		if (at !== undefined && (latest === undefined || at > latest)) latest = at;
	}
	return latest;
}

/**
 * Whether a free-form message may still be sent at `sendAt` (ISO). With no known customer time the
 * window is treated as closed, so the approved template is used rather than a message Meta would refuse.
 */
export function insideServiceWindow(ticket: Pick<Ticket, 'message' | 'history'>, sendAt: string, windowMs = SERVICE_WINDOW_MS): boolean {
	const last = lastCustomerMessageAt(ticket);
	const now = millis(sendAt);
	if (last === undefined || now === undefined) return false;
	return now - last < windowMs;
}
