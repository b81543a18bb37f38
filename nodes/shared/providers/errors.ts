/** Why an OpenAI-compatible call failed, in words a workflow (and its fallback record) can use. */
export type ProviderFailureReason =
	| 'rate_limited'
	| 'server_error'
	| 'timeout'
	| 'network'
	| 'invalid_json'
	| 'schema_invalid'
	| 'refused'
	| 'http_error'
	| 'bad_config';

export class ProviderError extends Error {
	constructor(
		readonly reason: ProviderFailureReason,
		message: string,
		readonly attempts: number,
		readonly status?: number,
	) {
		super(message);
		this.name = 'ProviderError';
	}

	/** Short form for `triage.fallback.reason`: "timeout after 3 attempts: …". */
	get summary(): string {
		return `${this.reason} after ${this.attempts} attempt${this.attempts === 1 ? '' : 's'}: ${this.message}`;
	}
}

/** Failures worth another attempt: the same request may succeed a moment later. */
export const RETRYABLE: ReadonlySet<ProviderFailureReason> = new Set([
	'rate_limited',
	'server_error',
	'timeout',
	'network',
	'invalid_json',
	'schema_invalid',
]);

/** Removes the API key from any text that could reach an error message or an output item. */
export function redact(text: string, secret: string | undefined): string {
	let out = text;
	if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
	// Providers echo keys partially ("Incorrect API key provided: sk-abc***xyz").
	return out.replace(/\b(sk|pk|rk)-[A-Za-z0-9_*-]{6,}/g, '[redacted]').replace(/Bearer\s+\S+/gi, 'Bearer [redacted]');
}
