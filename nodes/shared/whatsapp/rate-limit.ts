import type { Sleep } from './types';

export interface BucketLimit {
	/** Sustained rate; 0 turns the limit off. */
	perMinute: number;
	/** Messages that may go out back to back before the rate applies. */
	burst: number;
}

export interface SendLimits {
	perChat: BucketLimit;
	global: BucketLimit;
}

export const DEFAULT_LIMITS: SendLimits = {
	perChat: { perMinute: 20, burst: 3 },
	global: { perMinute: 60, burst: 10 },
};

/** Classic token bucket on an injected clock (ms), so tests never wait on the wall clock. */
export class TokenBucket {
	private tokens: number;
	private last: number;
	private readonly capacity: number;
	private readonly perMs: number;

	constructor(limit: BucketLimit, now: number) {
		this.capacity = Math.max(1, limit.burst);
		this.perMs = limit.perMinute / 60_000;
		this.tokens = this.capacity;
		this.last = now;
	}

	get unlimited(): boolean {
		return this.perMs <= 0;
	}

	private refill(now: number): void {
		if (now > this.last) this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
		this.last = Math.max(this.last, now);
	}

	/** Milliseconds until one token is available (0 = now). */
	waitMs(now: number): number {
		if (this.unlimited) return 0;
		this.refill(now);
		return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
	}

	take(now: number): void {
		if (this.unlimited) return;
		this.refill(now);
		this.tokens -= 1;
	}

	isFull(now: number): boolean {
		this.refill(now);
		return this.tokens >= this.capacity;
	}
}

/**
 * Paces sends per chat and overall. WhatsApp bans numbers that blast messages, and a burst of
 * replies to one customer reads as spam, so both limits apply to every message.
 */
export class SendRateLimiter {
	private readonly global: TokenBucket;
	private readonly chats = new Map<string, TokenBucket>();

	constructor(
		private readonly limits: SendLimits,
		private readonly clock: () => number,
		private readonly sleep: Sleep,
		private readonly maxTrackedChats = 10_000,
	) {
		this.global = new TokenBucket(limits.global, clock());
	}

	/** Waits until both buckets allow one message, takes it, and returns how long it waited. */
	async acquire(jid: string): Promise<number> {
		let waited = 0;
		for (;;) {
			const now = this.clock();
			const chat = this.chatBucket(jid, now);
			const wait = Math.max(this.global.waitMs(now), chat.waitMs(now));
			if (wait <= 0) {
				this.global.take(now);
				chat.take(now);
				return waited;
			}
			await this.sleep(wait);
			waited += wait;
		}
	}

	private chatBucket(jid: string, now: number): TokenBucket {
		let bucket = this.chats.get(jid);
		if (!bucket) {
			if (this.chats.size >= this.maxTrackedChats) this.forgetIdleChats(now);
			bucket = new TokenBucket(this.limits.perChat, now);
			this.chats.set(jid, bucket);
		}
		return bucket;
	}

	/** A full bucket holds no history worth keeping; dropping it bounds memory. */
	private forgetIdleChats(now: number): void {
		for (const [jid, bucket] of this.chats) if (bucket.isFull(now)) this.chats.delete(jid);
	}
}
