/** Posts tickets to a webhook with bounded concurrency, retrying a ticket only when it got no 200 answer. */

export interface TicketAnswer {
	ticketId: string;
	/** Tier from the 200 answer, undefined if the ticket never got one. */
	tier?: string;
	/** ticketId the 200 answer carried (must equal ticketId). */
	answeredId?: string;
	/** HTTP status (or "network") of every attempt, in order. */
	attempts: string[];
	/** The 200 answer's body (the ticket as the workflow answered it). */
	json?: Record<string, unknown>;
}

export interface BurstResult {
	answers: TicketAnswer[];
	seconds: number;
	/** Tickets with a 200 answer per second of the whole burst. */
	perSecond: number;
}

export interface BurstOptions {
	concurrency: number;
	maxAttempts?: number;
	retryDelayMs?: number;
	/** Called after each ticket settles, with the number settled so far. */
	onSettled?: (settled: number) => void;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function postOnce(url: string, body: unknown): Promise<{ status: string; json?: Record<string, unknown> }> {
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(180_000),
		});
		const text = await res.text();
		if (res.status !== 200) return { status: String(res.status) };
		try {
			return { status: '200', json: JSON.parse(text) as Record<string, unknown> };
		} catch {
			return { status: '200-unparsable' };
		}
	} catch {
		return { status: 'network' };
	}
}

export async function burst(url: string, tickets: Array<{ ticketId: string }>, options: BurstOptions): Promise<BurstResult> {
	const { concurrency, maxAttempts = 5, retryDelayMs = 1000, onSettled } = options;
	const answers: TicketAnswer[] = tickets.map((t) => ({ ticketId: t.ticketId, attempts: [] }));
	let next = 0;
	let settled = 0;
	const started = Date.now();
	const lane = async () => {
		for (let i = next++; i < tickets.length; i = next++) {
			const answer = answers[i];
			while (answer.attempts.length < maxAttempts) {
				const { status, json } = await postOnce(url, tickets[i]);
				answer.attempts.push(status);
				if (status === '200' && json) {
					answer.answeredId = String(json.ticketId);
					answer.json = json;
					answer.tier = (json.route as { tier?: string } | undefined)?.tier;
					break;
				}
				await sleep(retryDelayMs);
			}
			onSettled?.(++settled);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, lane));
	const seconds = (Date.now() - started) / 1000;
	const ok = answers.filter((a) => a.tier).length;
	return { answers, seconds, perSecond: ok / seconds };
}
