/**
 * Bounded memory of recently seen message ids. WhatsApp redelivers messages after a reconnect
 * (and Baileys re-emits them), so the trigger drops ids it has already emitted. A Map keeps
 * insertion order, which makes it an LRU without a library.
 */
export class RecentIds {
	private readonly ids = new Map<string, true>();

	constructor(
		private readonly capacity: number,
		seed: Iterable<string> = [],
	) {
		for (const id of seed) this.add(id);
	}

	has(id: string): boolean {
		return this.ids.has(id);
	}

	/** Returns false when the id was already known (a redelivery). */
	add(id: string): boolean {
		if (this.ids.has(id)) {
			this.ids.delete(id);
			this.ids.set(id, true);
			return false;
		}
		this.ids.set(id, true);
		while (this.ids.size > this.capacity) {
			const oldest = this.ids.keys().next().value as string;
			this.ids.delete(oldest);
		}
		return true;
	}

	/** The newest `count` ids, oldest first: what the trigger persists in static data. */
	newest(count: number): string[] {
		const all = [...this.ids.keys()];
		return count >= all.length ? all : all.slice(all.length - count);
	}

	get size(): number {
		return this.ids.size;
	}
}
