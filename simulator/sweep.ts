export interface SweepSpec {
	target: string;
	values: number[];
}

/** Parses "<Node name>.<parameter>=<from>:<to>:<step>" into the values to try. */
export function parseSweep(text: string): SweepSpec {
	const eq = text.lastIndexOf('=');
	const range = text.slice(eq + 1).split(':').map(Number);
	if (eq < 1 || range.length !== 3 || range.some((n) => !Number.isFinite(n))) {
		throw new Error(`--sweep "${text}": expected "<Node name>.<parameter>=<from>:<to>:<step>"`);
	}
	const [from, to, step] = range;
	if (step <= 0 || to < from) throw new Error(`--sweep "${text}": need from <= to and a positive step`);
	const count = Math.floor((to - from) / step + 1e-9) + 1;
	if (count > 200) throw new Error(`--sweep "${text}": ${count} points is too many (at most 200)`);
	// Rounded so that 0.3 + 0.05·k prints as 0.45, not 0.45000000000000007.
	const values = Array.from({ length: count }, (_, k) => Number((from + k * step).toFixed(6)));
	return { target: text.slice(0, eq), values };
}
