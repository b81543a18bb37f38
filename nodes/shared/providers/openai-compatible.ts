/* eslint-disable @n8n/community-nodes/require-node-api-error -- pure provider code with no n8n imports; Support Triage turns its ProviderError into a fallback or a NodeOperationError */
/**
 * A small client for OpenAI-compatible HTTP APIs (OpenAI, Azure OpenAI v1, Ollama, vLLM, LM Studio):
 * chat completions with strict JSON-schema output, and embeddings. It uses the global fetch so any
 * base URL works and tests can intercept it, and it owns the retry policy: 429 (honouring
 * Retry-After), 5xx, timeouts, network errors and answers that are not valid JSON or do not fit the
 * schema are retried with exponential backoff; other 4xx fail at once. The API key never appears in
 * an error message.
 */
import { ProviderError, RETRYABLE, redact, type ProviderFailureReason } from './errors';
import { validateJsonSchema, type JsonSchema } from './json-schema';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;
export type Sleep = (ms: number) => Promise<void>;

export interface ConnectionOptions {
	baseUrl: string;
	apiKey?: string;
	organization?: string;
	/** Per attempt. */
	timeoutMs?: number;
	/** Attempts after the first. */
	maxRetries?: number;
	/** First backoff delay; doubles per attempt. Default 500 ms. */
	baseDelayMs?: number;
	/** Longest wait between attempts, Retry-After included. Default 20 s. */
	maxDelayMs?: number;
	fetch?: FetchLike;
	/** Injected by tests so retries do not wait on the wall clock. */
	sleep?: Sleep;
	/** Called before each retry, e.g. to log. */
	onRetry?: (info: { attempt: number; reason: ProviderFailureReason; delayMs: number }) => void;
}

export interface ChatJsonOptions extends ConnectionOptions {
	model: string;
	system: string;
	user: string;
	schema: JsonSchema;
	schemaName: string;
	temperature?: number;
	/** Extra checks beyond the schema (e.g. cross-field rules); return a problem or undefined. */
	validate?: (value: unknown) => string | undefined;
}

export interface ChatJsonResult<T> {
	value: T;
	attempts: number;
	model?: string;
}

export interface EmbedOptions extends ConnectionOptions {
	model: string;
	input: string[];
}

const DEFAULTS = { timeoutMs: 30_000, maxRetries: 2, baseDelayMs: 500, maxDelayMs: 20_000 };

export async function chatJson<T = unknown>(options: ChatJsonOptions): Promise<ChatJsonResult<T>> {
	const body = {
		model: options.model,
		temperature: options.temperature ?? 0,
		messages: [
			{ role: 'system', content: options.system },
			{ role: 'user', content: options.user },
		],
		response_format: { type: 'json_schema', json_schema: { name: options.schemaName, strict: true, schema: options.schema } },
	};
	return withRetries(options, '/chat/completions', body, (json) => {
		const choice = (json as { choices?: Array<{ message?: { content?: unknown; refusal?: unknown } }> }).choices?.[0];
		if (typeof choice?.message?.refusal === 'string' && choice.message.refusal) {
			throw new AttemptFailure('refused', `the model refused: ${choice.message.refusal.slice(0, 200)}`);
		}
		const content = choice?.message?.content;
		if (typeof content !== 'string') throw new AttemptFailure('invalid_json', 'the answer has no message content');
		let value: unknown;
		try {
			value = JSON.parse(content);
		} catch {
			throw new AttemptFailure('invalid_json', `the answer is not JSON: ${content.slice(0, 80)}`);
		}
		const problems = validateJsonSchema(options.schema, value);
		const extra = problems.length === 0 ? options.validate?.(value) : undefined;
		if (problems.length > 0 || extra) {
			throw new AttemptFailure('schema_invalid', `the answer does not fit "${options.schemaName}": ${[...problems, extra].filter(Boolean).slice(0, 3).join('; ')}`);
		}
		return { value: value as T, model: (json as { model?: string }).model };
	});
}

export async function embed(options: EmbedOptions): Promise<number[][]> {
	const result = await withRetries(options, '/embeddings', { model: options.model, input: options.input }, (json) => {
		const data = (json as { data?: Array<{ index?: number; embedding?: unknown }> }).data;
		if (!Array.isArray(data) || data.length !== options.input.length) {
			throw new AttemptFailure('invalid_json', `expected ${options.input.length} embeddings`);
		}
		const vectors = [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((d) => d.embedding);
		if (!vectors.every((v) => Array.isArray(v) && v.every((x) => typeof x === 'number'))) {
			throw new AttemptFailure('invalid_json', 'an embedding is not a list of numbers');
		}
		return { value: vectors as number[][] };
	});
	return result.value;
}

/** One failed attempt, before the retry policy decides. */
class AttemptFailure extends Error {
	constructor(
		readonly reason: ProviderFailureReason,
		message: string,
		readonly status?: number,
		readonly retryAfterMs?: number,
	) {
		super(message);
	}
}

async function withRetries<T>(
	options: ConnectionOptions,
	path: string,
	body: unknown,
	parse: (json: unknown) => { value: T; model?: string },
): Promise<ChatJsonResult<T>> {
	if (!options.baseUrl) throw new ProviderError('bad_config', 'no base URL is configured', 0);
	let end = options.baseUrl.length;
	while (end > 0 && options.baseUrl.charCodeAt(end - 1) === 0x2f) end--;
	const url = `${options.baseUrl.slice(0, end)}${path}`;
	const maxRetries = Math.max(0, options.maxRetries ?? DEFAULTS.maxRetries);
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	let last: AttemptFailure | undefined;
	let attempts = 0;
	for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
		attempts = attempt;
		try {
			const json = await attemptOnce(url, body, options);
			return { ...parse(json), attempts: attempt };
		} catch (error) {
			last = error instanceof AttemptFailure ? error : new AttemptFailure('network', (error as Error).message);
			if (!RETRYABLE.has(last.reason) || attempt > maxRetries) break;
			const delayMs = backoffDelay(attempt, last.retryAfterMs, options);
			options.onRetry?.({ attempt, reason: last.reason, delayMs });
			await sleep(delayMs);
		}
	}
	const failure = last as AttemptFailure;
	throw new ProviderError(failure.reason, redact(failure.message, options.apiKey), attempts, failure.status);
}

async function attemptOnce(url: string, body: unknown, options: ConnectionOptions): Promise<unknown> {
	const controller = new AbortController();
	const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
	if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
	if (options.organization) headers['openai-organization'] = options.organization;
	const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
	try {
		let response: Response;
		try {
			response = await doFetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: controller.signal });
		} catch (error) {
			if (controller.signal.aborted) throw new AttemptFailure('timeout', `no answer within ${timeoutMs} ms`);
			throw new AttemptFailure('network', `request failed: ${(error as Error).message}`);
		}
		let text: string;
		try {
			text = await response.text();
		} catch (error) {
			if (controller.signal.aborted) throw new AttemptFailure('timeout', `no answer within ${timeoutMs} ms`);
			throw new AttemptFailure('network', `reading the answer failed: ${(error as Error).message}`);
		}
		if (!response.ok) throw httpFailure(response, text);
		try {
			return JSON.parse(text);
		} catch {
			throw new AttemptFailure('invalid_json', `the response body is not JSON (HTTP ${response.status})`);
		}
	} finally {
		clearTimeout(timer);
	}
}

function httpFailure(response: Response, text: string): AttemptFailure {
	const status = response.status;
	let detail = '';
	try {
		detail = String((JSON.parse(text) as { error?: { message?: unknown } }).error?.message ?? '');
	} catch {
		detail = text;
	}
	const message = `HTTP ${status}${detail ? `: ${detail.slice(0, 200)}` : ''}`;
	if (status === 429) return new AttemptFailure('rate_limited', message, status, retryAfterMs(response));
	if (status >= 500 || status === 408) return new AttemptFailure('server_error', message, status, retryAfterMs(response));
	return new AttemptFailure('http_error', message, status);
}

/** Retry-After in seconds or as an HTTP date (relative to the response's Date), or retry-after-ms. */
function retryAfterMs(response: Response): number | undefined {
	const ms = Number(response.headers.get('retry-after-ms'));
	if (response.headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
	const value = response.headers.get('retry-after');
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const at = Date.parse(value);
	const now = Date.parse(response.headers.get('date') ?? '');
	return Number.isFinite(at) && Number.isFinite(now) ? Math.max(0, at - now) : undefined;
}

export function backoffDelay(attempt: number, retryAfter: number | undefined, options: Pick<ConnectionOptions, 'baseDelayMs' | 'maxDelayMs'>): number {
	const max = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
	if (retryAfter !== undefined) return Math.min(retryAfter, max);
	return Math.min((options.baseDelayMs ?? DEFAULTS.baseDelayMs) * 2 ** (attempt - 1), max);
}
