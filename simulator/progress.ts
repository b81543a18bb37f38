import { createReadStream } from 'node:fs';

/** Counts rows for the progress bar's total; only done when a person is watching a terminal. */
async function countLines(file: string): Promise<number> {
	let lines = 0;
	for await (const chunk of createReadStream(file)) {
		for (const byte of chunk as Buffer) if (byte === 10) lines++;
	}
	return Math.max(0, lines - 1);
}

export interface Progress {
	update(done: number): void;
	stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/** A progress bar on an interactive stderr; nothing at all with --quiet or when output is piped. */
export async function startProgress(file: string, quiet: boolean): Promise<Progress> {
	if (quiet || !process.stderr.isTTY || file === '-') return silent;
	const total = await countLines(file);
	const { SingleBar } = await import('cli-progress');
	const bar = new SingleBar({
		stream: process.stderr,
		format: 'replaying |{bar}| {percentage}% {value}/{total} tickets',
		hideCursor: true,
		clearOnComplete: true,
	});
	bar.start(total, 0);
	return {
		update: (done) => bar.update(Math.min(done, total)),
		stop: () => bar.stop(),
	};
}
