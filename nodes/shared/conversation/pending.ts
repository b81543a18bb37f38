/**
 * Appends that failed while the database was away, written in order once it answers again.
 * Kept in this process only and bounded: past the limit a turn is counted as lost (and logged), never
 * held without end. A restart loses what is still waiting, which the node's log says.
 */
export class PendingWrites<T> {
	private readonly queue: T[] = [];
	lost = 0;

	constructor(readonly limit = 1000) {}

	get size(): number {
		return this.queue.length;
	}

	/** Keeps a write for later; false (and counted lost) when the queue is full. */
	add(entry: T): boolean {
		if (this.queue.length >= this.limit) {
			this.lost++;
			return false;
		}
		this.queue.push(entry);
		return true;
	}

	/** Writes waiting entries oldest first; stops at the first that fails and keeps it. Returns how many were written. */
	async flush(write: (entry: T) => Promise<void>): Promise<number> {
		let written = 0;
		while (this.queue.length > 0) {
			await write(this.queue[0]);
			this.queue.shift();
			written++;
		}
		return written;
	}
}
