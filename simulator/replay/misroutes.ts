import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { TicketOutcome } from './outcome';

/** What makes a ticket worth auditing, or nothing when it went as labelled. */
export function auditKinds(outcome: TicketOutcome): string[] {
	const kinds: string[] = [];
	const { labels } = outcome;
	if (!outcome.tier) kinds.push('unrouted');
	const escalated = outcome.tier === 'L3' || outcome.tier === 'L4';
	if (outcome.tier && labels.needsHuman !== undefined && labels.needsHuman !== escalated) {
		kinds.push(labels.needsHuman ? (outcome.aiResolved ? 'wrong-answer-risk' : 'missed-escalation') : 'needless-escalation');
	}
	if (outcome.tier && labels.expectedTier && labels.expectedTier !== outcome.tier) kinds.push('wrong-tier');
	if (labels.expectedIntent && outcome.predictedIntent !== labels.expectedIntent) kinds.push('wrong-intent');
	return kinds;
}

/** The --errors file: one JSON line per misrouted, wrong-intent, unrouted or rejected ticket. */
export class MisrouteWriter {
	private readonly stream: WriteStream;
	count = 0;

	constructor(file: string) {
		mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
		this.stream = createWriteStream(file);
		// Surfaced on close(), so a bad path is one clear error instead of a crash.
		this.stream.on('error', (error) => (this.failure = error));
	}

	private failure?: Error;

	outcome(outcome: TicketOutcome): void {
		const kinds = auditKinds(outcome);
		if (kinds.length === 0) return;
		this.write({
			kind: kinds,
			line: outcome.line,
			id: outcome.id,
			text: outcome.text,
			channel: outcome.channel,
			receivedAt: outcome.receivedAt,
			expected: { needsHuman: outcome.labels.needsHuman ?? null, tier: outcome.labels.expectedTier ?? null, intent: outcome.labels.expectedIntent ?? null },
			predicted: { tier: outcome.tier ?? null, intent: outcome.predictedIntent ?? null, triageIntent: outcome.triageIntent ?? null, confidence: outcome.confidence ?? null, answered: outcome.answered },
			reasons: outcome.reasons,
			...(outcome.error ? { error: outcome.error } : {}),
		});
	}

	rejected(line: number, reason: string): void {
		this.write({ kind: ['rejected'], line, reason });
	}

	private write(record: Record<string, unknown>): void {
		this.count++;
		this.stream.write(`${JSON.stringify(record)}\n`);
	}

	async close(): Promise<void> {
		if (this.failure) throw new Error(`Cannot write --errors file: ${this.failure.message}`);
		await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
	}
}
