/** Small formatting helpers shared by the e-mail report and the dashboard page. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attributes: ticket texts reach these pages. */
export function esc(value: unknown): string {
	return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export function pct(share: number | null | undefined): string {
	return share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)} %`;
}

export function num(value: number | null | undefined, digits = 0): string {
	if (value === null || value === undefined) return '—';
	return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function minutes(value: number | null): string {
	if (value === null) return '—';
	if (value < 90) return `${num(value)} min`;
	return `${num(value / 60, 1)} h`;
}

/** "2026-03-02T09:00:00.000-06:00" reads as "2026-03-02 09:00" (the time is already in the business's offset). */
export function when(iso: string): string {
	return iso.slice(0, 16).replace('T', ' ');
}

/** The CSAT colour against the guide's goal (4.0) and excellence (4.5). */
export function csatColour(mean: number | null, goal: number, excellent: number): string {
	if (mean === null) return '#6b7280';
	if (mean >= excellent) return '#047857';
	if (mean >= goal) return '#15803d';
	if (mean >= goal - 0.5) return '#b45309';
	return '#b91c1c';
}

/** A customer's or a person's text cut for a table cell, at a word where one is near. */
export function clip(text: string, max = 140): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max);
	const space = cut.lastIndexOf(' ');
	return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}\u2026`;
}
