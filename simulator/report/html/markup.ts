/**
 * Escape-by-default HTML building. Every value interpolated into `html`/`svg` templates is escaped
 * unless it is already `Markup` built the same way, so a ticket text or intent name such as
 * `<script>` can never become markup.
 */
export class Markup {
	constructor(private readonly value: string) {}
	toString(): string {
		return this.value;
	}
}

export type Interpolation = Markup | string | number | boolean | null | undefined | Interpolation[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(value: unknown): string {
	return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function render(value: Interpolation): string {
	if (value === null || value === undefined || value === false) return '';
	if (value instanceof Markup) return value.toString();
	if (Array.isArray(value)) return value.map(render).join('');
	return escapeHtml(value);
}

/** Tagged template: the literal parts are trusted, every interpolation is escaped. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
	let out = strings[0];
	for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
	return new Markup(out);
}

/** Joins fragments without escaping the fragments themselves (strings among them are escaped). */
export function join(parts: Interpolation[], separator = ''): Markup {
	return new Markup(parts.map(render).join(separator));
}

export type Attributes = Record<string, string | number | boolean | null | undefined>;

/** Renders ` name="value"` pairs, escaped; null, undefined and false are left out, true is a bare attribute. */
export function attributes(attrs: Attributes): Markup {
	let out = '';
	for (const [name, value] of Object.entries(attrs)) {
		if (value === null || value === undefined || value === false) continue;
		out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(typeof value === 'number' ? coordinate(value) : value)}"`;
	}
	return new Markup(out);
}

/** Two decimals at most: enough for pixels, and keeps the file small. */
export function coordinate(value: number): string {
	return String(Math.round(value * 100) / 100);
}
