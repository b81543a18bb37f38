import { conversationOf } from './shard';
import { performance } from 'node:perf_hooks';
import type { Ticket, Tier } from '../../nodes/shared/ticket';
import type { ReplayTicket } from '../tickets';
import { toOutcome, type TicketOutcome } from './outcome';

/** What the templates' web chat webhook answers (see workflows/src/build-templates.js). */
export interface WebhookAnswer {
	ticketId?: string;
	tier?: Tier;
	reasons?: string[];
	reply?: Ticket['reply'];
	hours?: { open?: boolean; nextOpenAt?: string };
	knowledge?: { answered?: boolean; score?: number; sources?: Array<{ id: string; title: string }> };
	triage?: { intent?: string; language?: string; confidence?: number };
	sla?: { firstResponseDueAt?: string; resolutionDueAt?: string };
}

const TIERS = new Set(['L1', 'L2', 'L3', 'L4']);

/**
 * The request a live replay sends: the ticket, at its historical time (created_at), entering
 * through the web chat webhook so that the answer comes back on the same request.
 */
export function webhookBody(item: ReplayTicket): Record<string, unknown> {
	const { ticket } = item;
	return {
		ticketId: ticket.ticketId,
		text: ticket.message.text,
		...(ticket.message.subject ? { subject: ticket.message.subject } : {}),
		created_at: ticket.message.receivedAt,
		customer: ticket.customer,
		originalChannel: ticket.channel,
		// The widget's session stands for the history's conversation, as in an in-process replay.
		sessionId: `conversation:${conversationOf(item)}`,
		// History is replayed one ticket at a time: no burst to wait for (Collect Burst may only shorten its quiet time).
		quietTime: 0,
	};
}

/** Turns a webhook answer back into the ticket the in-process replay would have scored. */
export function outcomeFromAnswer(item: ReplayTicket, answer: WebhookAnswer | undefined, error?: string): TicketOutcome {
	const tier = answer?.tier && TIERS.has(answer.tier) ? answer.tier : undefined;
	if (!answer || !tier) {
		return toOutcome(item, undefined, 0, error ?? 'the webhook answered without a tier');
	}
	const json: Ticket = {
		...item.ticket,
		hours: answer.hours?.open === undefined ? undefined : { open: answer.hours.open, nextOpenAt: answer.hours.nextOpenAt },
		triage: answer.triage?.intent ? ({ intent: answer.triage.intent, language: answer.triage.language, confidence: answer.triage.confidence } as Ticket['triage']) : undefined,
		knowledge: { answered: Boolean(answer.knowledge?.answered), score: answer.knowledge?.score ?? 0, sources: answer.knowledge?.sources ?? [] },
		route: { tier, reasons: answer.reasons ?? [] },
		sla: answer.sla?.firstResponseDueAt ? { policy: 'live', ...answer.sla } : undefined,
		reply: answer.reply,
	};
	return toOutcome(item, { tier, json }, 0);
}

export interface LiveClientOptions {
	target: string;
	/** Per request; a ticket whose request fails or times out is counted as unrouted, never dropped. */
	timeoutMs?: number;
	retries?: number;
}

/** Sends one ticket to a live n8n webhook and measures how long the answer took. */
export async function sendTicket(item: ReplayTicket, options: LiveClientOptions): Promise<{ outcome: TicketOutcome; latencyMs?: number }> {
	let lastError = '';
	for (let attempt = 0; attempt <= (options.retries ?? 1); attempt++) {
		const started = performance.now();
		try {
			const response = await fetch(options.target, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(webhookBody(item)),
				signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
			});
			const text = await response.text();
			const latencyMs = performance.now() - started;
			if (!response.ok) {
				lastError = `HTTP ${response.status} from the webhook: ${text.slice(0, 120)}`;
				if (response.status >= 500 || response.status === 404) continue;
				break;
			}
			let answer: WebhookAnswer;
			try {
				answer = JSON.parse(text) as WebhookAnswer;
			} catch {
				return { outcome: outcomeFromAnswer(item, undefined, `the webhook answered with non-JSON: ${text.slice(0, 80)}`), latencyMs };
			}
			return { outcome: outcomeFromAnswer(item, answer), latencyMs };
		} catch (error) {
			lastError = `request failed: ${(error as Error).message}`;
		}
	}
	return { outcome: outcomeFromAnswer(item, undefined, lastError) };
}
