/** The report's restrained palette, shared by the CSS and the charts. */
export const PALETTE = {
	ink: '#1f2933',
	muted: '#637083',
	grid: '#e4e7eb',
	empty: '#f3f5f7',
	accent: '#2563a8',
	human: '#9aa5b1',
	ai: '#2563a8',
	good: '#1f7a4d',
	warn: '#b45309',
};

const LOW = [232, 240, 250];
const HIGH = [23, 63, 120];

/** Sequential blue scale for t in [0, 1]; 0 counts get a neutral grey so "none" reads differently from "few". */
export function sequential(t: number | null): string {
	if (t === null || !(t > 0)) return PALETTE.empty;
	const clamped = Math.min(1, t);
	const channel = (i: number) => Math.round(LOW[i] + (HIGH[i] - LOW[i]) * clamped);
	return `rgb(${channel(0)},${channel(1)},${channel(2)})`;
}

/** Label colour that stays readable on a sequential() fill. */
export function inkOn(t: number | null): string {
	return t !== null && t > 0.55 ? '#ffffff' : PALETTE.ink;
}
