/**
 * Bursts on WhatsApp: customers send "hola" / "tengo una duda" / "¿hacen envíos?" as three messages in a
 * few seconds. The trigger holds each chat's messages until the chat has been quiet for the quiet time,
 * then emits them as one ticket: the text joined by newlines, each message kept in `message.parts`.
 */
import { joinParts } from '../conversation/collectBurst';
import type { Ticket } from '../ticket';

export interface DebounceClock {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
	now(): number;
}

const systemClock: DebounceClock = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
	now: () => Date.now(),
};

/** A chat that never goes quiet still gets its answer: at most this many messages, or this long a wait. */
export const MAX_BURST_MESSAGES = 20;
const MAX_WAIT_QUIET_TIMES = 10;

interface Held {
	tickets: Ticket[];
	firstAt: number;
	timer?: unknown;
}

/** One chat: the jid (a group's sender too), so two customers are never joined. */
function chatKey(ticket: Ticket): string {
	const whatsapp = ticket.whatsapp as { jid?: string; participant?: string } | undefined;
	return `${whatsapp?.jid ?? ticket.ticketId}|${whatsapp?.participant ?? ''}`;
}

/** The chat's messages as one ticket: the last one's ticket (its id, for the quoted reply), every text joined. */
export function joinTickets(tickets: Ticket[], maxTextLength: number): Ticket {
	const last = tickets[tickets.length - 1];
	if (tickets.length === 1) return last;
	return {
		...last,
		message: {
			...last.message,
			text: joinParts(tickets.map((t) => t.message), maxTextLength),
			parts: tickets.map((t) => ({ id: t.message.id, text: t.message.text, receivedAt: t.message.receivedAt })),
		},
	};
}

export class ChatDebouncer {
	private readonly held = new Map<string, Held>();

	constructor(
		private readonly quietMs: number,
		private readonly emit: (tickets: Ticket[]) => void,
		private readonly maxTextLength: number,
		private readonly clock: DebounceClock = systemClock,
	) {}

	/** Holds each ticket until its chat is quiet; with a quiet time of 0 they go out at once, as they came. */
	push(tickets: Ticket[]): void {
		if (this.quietMs <= 0) {
			if (tickets.length) this.emit(tickets);
			return;
		}
		for (const ticket of tickets) {
			const key = chatKey(ticket);
			const now = this.clock.now();
			let held = this.held.get(key);
			if (!held) this.held.set(key, (held = { tickets: [], firstAt: now }));
			held.tickets.push(ticket);
			if (held.timer !== undefined) this.clock.clearTimeout(held.timer);
			const waited = now - held.firstAt;
			const left = Math.min(this.quietMs, this.quietMs * MAX_WAIT_QUIET_TIMES - waited);
			if (held.tickets.length >= MAX_BURST_MESSAGES || left <= 0) this.flush(key);
			else held.timer = this.clock.setTimeout(() => this.flush(key), left);
		}
	}

	/** Whether a message is still held (not emitted yet): its id must not be remembered as handled. */
	holds(messageId: string): boolean {
		for (const held of this.held.values()) if (held.tickets.some((t) => t.message.id === messageId)) return true;
		return false;
	}

	/** Emits everything still held (the trigger is closing: a held message must not be lost). */
	flushAll(): void {
		for (const key of [...this.held.keys()]) this.flush(key);
	}

	private flush(key: string): void {
		const held = this.held.get(key);
		if (!held) return;
		this.held.delete(key);
		if (held.timer !== undefined) this.clock.clearTimeout(held.timer);
		this.emit([joinTickets(held.tickets, this.maxTextLength)]);
	}
}
