import { BackendUnavailableError, type ConversationBackend, type Lookup } from '../backend';
import type { BurstMutation, BurstRecord } from '../collectBurst';
import type { ConversationRecord, Mutation } from '../types';
import { jsonCopy } from './json-copy';

const HOUR_MS = 3_600_000;

/**
 * Conversations in this process's memory: for the simulator (one store per replay, sharded by
 * conversation across workers) and tests. Nothing survives a restart, so n8n uses SQLite or PostgreSQL.
 * Records are copied in and out (as a JSON round trip would, see json-copy.ts), so a caller can never
 * change a stored one by accident.
 */
export class MemoryBackend implements ConversationBackend {
	readonly kind = 'memory';
	private readonly records = new Map<string, ConversationRecord>();
	private readonly index = new Map<string, string>();
	/** updatedMs by id, so expiry compares numbers instead of parsing every record. */
	private readonly updated = new Map<string, number>();
	/**
	 * Ids by the hour of their updatedMs, so expiry visits only the hours it empties and one boundary
	 * hour, not every record: the simulator expires after every batch. (Hand-written: a few lines, where a
	 * priority-queue package would be a new dependency for the same job.)
	 */
	private readonly byHour = new Map<number, Set<string>>();
	private readonly bursts = new Map<string, string>();
	private outage: string | undefined;
	private delayMs = 0;

	/** Makes every call fail as an unreachable database would (undefined: reachable again). */
	setOutage(message: string | undefined): void {
		this.outage = message;
	}

	get neverStalls(): boolean {
		return this.delayMs === 0;
	}

	/** Makes every call answer this late, as a slow database would. */
	setDelay(ms: number): void {
		this.delayMs = ms;
	}

	private async gate(): Promise<void> {
		if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
		if (this.outage !== undefined) throw new BackendUnavailableError(this.outage);
	}

	/** Awaited only when a delay or an outage is set: a replay's store calls skip a promise and a turn of the microtask queue each. */
	private gated(): boolean {
		return this.delayMs > 0 || this.outage !== undefined;
	}

	async transact<T>(lookup: Lookup, mutate: (found: ConversationRecord[]) => Mutation<T>): Promise<T> {
		if (this.gated()) await this.gate();
		// From here to the end nothing awaits: the read, the mutation and the write are one step of the event loop.
		const ids = new Set<string>();
		for (const id of lookup.ids ?? []) if (this.records.has(id)) ids.add(id);
		for (const key of lookup.identityKeys ?? []) {
			const id = this.index.get(key);
			if (id) ids.add(id);
		}
		const found = [...ids].map((id) => jsonCopy(this.records.get(id) as ConversationRecord));
		const mutation = mutate(found);
		for (const id of mutation.remove ?? []) this.delete(id);
		if (mutation.save) {
			const saved = jsonCopy(mutation.save);
			const previous = this.records.get(saved.id);
			if (previous) {
				for (const key of Object.keys(previous.identities)) if (this.index.get(key) === saved.id) this.index.delete(key);
			}
			this.records.set(saved.id, saved);
			this.track(saved.id, mutation.save.updatedMs);
			for (const key of Object.keys(saved.identities)) this.index.set(key, saved.id);
		}
		return mutation.result;
	}

	async transactBurst<T>(key: string, mutate: (current: BurstRecord | undefined) => BurstMutation<T>): Promise<T> {
		if (this.gated()) await this.gate();
		// As in transact: nothing awaits between the read and the write.
		const stored = this.bursts.get(key);
		const mutation = mutate(stored === undefined ? undefined : (JSON.parse(stored) as BurstRecord));
		if (mutation.save) this.bursts.set(key, JSON.stringify(mutation.save));
		else this.bursts.delete(key);
		return mutation.result;
	}

	private track(id: string, updatedMs: number): void {
		this.untrack(id);
		this.updated.set(id, updatedMs);
		const hour = Math.floor(updatedMs / HOUR_MS);
		const ids = this.byHour.get(hour);
		if (ids) ids.add(id);
		else this.byHour.set(hour, new Set([id]));
	}

	private untrack(id: string): void {
		const updatedMs = this.updated.get(id);
		if (updatedMs === undefined) return;
		this.updated.delete(id);
		const hour = Math.floor(updatedMs / HOUR_MS);
		const ids = this.byHour.get(hour);
		ids?.delete(id);
		if (ids?.size === 0) this.byHour.delete(hour);
	}

	private delete(id: string): void {
		const stored = this.records.get(id);
		if (!stored) return;
		for (const key of Object.keys(stored.identities)) {
			if (this.index.get(key) === id) this.index.delete(key);
		}
		this.records.delete(id);
		this.untrack(id);
	}

	/**
	 * Deletes the conversations found by these identity keys that no other identity reaches; how many.
	 * For the replay, which drops such a row's conversation after every batch: through transact, each
	 * was copied only to be thrown away.
	 */
	forgetOnlyKnownBy(identityKeys: readonly string[]): number {
		let removed = 0;
		for (const key of identityKeys) {
			const id = this.index.get(key);
			const record = id === undefined ? undefined : this.records.get(id);
			if (!record || !Object.keys(record.identities).every((identity) => identityKeys.includes(identity))) continue;
			this.delete(record.id);
			removed++;
		}
		return removed;
	}

	async expire(beforeMs: number): Promise<number> {
		await this.gate();
		let removed = 0;
		for (const [hour, ids] of [...this.byHour]) {
			// An hour that ends by beforeMs goes whole; the hour holding beforeMs is checked id by id.
			const whole = (hour + 1) * HOUR_MS <= beforeMs;
			if (!whole && !(hour * HOUR_MS < beforeMs)) continue;
			for (const id of [...ids]) {
				if (whole || (this.updated.get(id) as number) < beforeMs) {
					this.delete(id);
					removed++;
				}
			}
		}
		return removed;
	}

	async listSince(sinceMs: number, afterId: string, limit: number): Promise<ConversationRecord[]> {
		await this.gate();
		const page: ConversationRecord[] = [];
		for (const id of [...this.records.keys()].sort()) {
			if (id <= afterId) continue;
			const record = this.records.get(id) as ConversationRecord;
			if (record.updatedMs < sinceMs) continue;
			page.push(jsonCopy(record));
			if (page.length >= limit) break;
		}
		return page;
	}

	async count(): Promise<number> {
		await this.gate();
		return this.records.size;
	}

	async close(): Promise<void> {}
}

// On the global object: the simulator and the node may load this module from two paths (source and
// build), and must still meet in one store of a given name.
const REGISTRY = Symbol.for('n8n-nodes-support247.conversation.memory');
const named: Map<string, MemoryBackend> = ((globalThis as Record<symbol, unknown>)[REGISTRY] as Map<string, MemoryBackend> | undefined) ??
	((globalThis as Record<symbol, unknown>)[REGISTRY] = new Map<string, MemoryBackend>());

/** One memory store per name in this process, so the Load and Append of one workflow share it. */
export function memoryBackend(name = 'default'): MemoryBackend {
	let backend = named.get(name);
	if (!backend) named.set(name, (backend = new MemoryBackend()));
	return backend;
}

/** Forgets a named memory store (between replays and tests). */
export function dropMemoryBackend(name = 'default'): void {
	named.delete(name);
}
