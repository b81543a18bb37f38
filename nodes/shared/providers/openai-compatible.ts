/* eslint-disable @n8n/community-nodes/require-node-api-error -- pure provider code with no n8n imports; Support Triage turns its ProviderError into a fallback or a NodeOperationError */
/**
 * OpenAI-compatible APIs (OpenAI, Azure OpenAI v1, Ollama, vLLM, LM Studio) through the official
 * `openai` SDK: chat completions with strict JSON-schema output, and embeddings, at any base URL.
 *
 * One retry budget (`maxRetries`) covers two kinds of failure:
 * - transport: 408/409/429/5xx, timeouts and network errors are retried by the SDK itself, with its
 *   exponential backoff and jitter, honouring Retry-After and retry-after-ms;
 * - content: an answer that is not JSON or does not fit the schema is a 200 to the SDK, so this
 *   module asks again, with the same doubling backoff, through an injectable sleep.
 * Every HTTP request counts as one attempt (counted at the SDK's fetch), so "after 3 attempts" means
 * three requests whichever layer retried. Other 4xx fail at once. The API key never appears in an
 * error message.
 */
import type OpenAI from 'openai';

import { ProviderError, RETRYABLE, redact, type ProviderFailureReason } from './errors';
import { validateJsonSchema, type JsonSchema } from './json-schema';

/**
 * The SDK is loaded on the first call to a provider: most workflows run on the embedded default, and
 * loading it costs a tenth of a replay's start-up.
 */
let loaded: typeof import('openai') | undefined;
// Kept once loaded: a retry's error is classified after awaits, and must not load anything then.
const sdk = (): typeof import('openai') => (loaded ??= require('openai') as typeof import('openai'));

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
	/** First backoff delay before asking again after an unusable answer; doubles per attempt. Default 500 ms. */
	baseDelayMs?: number;
	/** Longest wait before asking again after an unusable answer. Default 20 s. */
	maxDelayMs?: number;
	/** Any fetch (default: the global one, looked up per request so that msw intercepts it). */
	fetch?: FetchLike;
	/** Injected by tests so that retries after unusable answers do not wait on the wall clock. */
	sleep?: Sleep;
	/** Called before each retry after an unusable answer, e.g. to log. */
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
	return withRetries(options, async (client, retriesLeft) => {
		const completion = await client.chat.completions.create(
			{
				model: options.model,
				temperature: options.temperature ?? 0,
				// The system role holds only our instructions; customer text reaches the model in the user message, as data.
				messages: [
					{ role: 'system', content: options.system },
					{ role: 'user', content: options.user },
				],
				response_format: { type: 'json_schema', json_schema: { name: options.schemaName, strict: true, schema: options.schema as Record<string, unknown> } },
			},
			{ maxRetries: retriesLeft },
		);
		const message = (completion as Partial<typeof completion>).choices?.[0]?.message;
		if (typeof message?.refusal === 'string' && message.refusal) {
			throw new AttemptFailure('refused', `the model refused: ${message.refusal.slice(0, 200)}`);
		}
		const content = message?.content;
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
		return { value: value as T, model: completion.model };
	});
}

export async function embed(options: EmbedOptions): Promise<number[][]> {
	const result = await withRetries(options, async (client, retriesLeft) => {
		// Floats, not the SDK's default base64: any OpenAI-compatible server speaks them.
		const response = await client.embeddings.create({ model: options.model, input: options.input, encoding_format: 'float' }, { maxRetries: retriesLeft });
		const data = (response as Partial<typeof response>).data;
		if (!Array.isArray(data) || data.length !== options.input.length) {
			throw new AttemptFailure('invalid_json', `expected ${options.input.length} embeddings`);
		}
		const vectors = [...data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map((d) => d.embedding as unknown);
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
	) {
		super(message);
	}
}

async function withRetries<T>(
	options: ConnectionOptions,
	call: (client: OpenAI, retriesLeft: number) => Promise<{ value: T; model?: string }>,
): Promise<ChatJsonResult<T>> {
	if (!options.baseUrl) throw new ProviderError('bad_config', 'no base URL is configured', 0);
	// A trailing-slash trim without /\/+$/, which backtracks on long runs of slashes.
	let end = options.baseUrl.length;
	while (end > 0 && options.baseUrl.charCodeAt(end - 1) === 0x2f) end--;
	const budget = Math.max(0, options.maxRetries ?? DEFAULTS.maxRetries) + 1;
	const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	let attempts = 0;
	const client = new (sdk().default)({
		// Local servers (Ollama, vLLM) need no key; the SDK wants one, so send a placeholder and drop the header.
		apiKey: options.apiKey || 'none',
		...(options.apiKey ? {} : { defaultHeaders: { authorization: null } }),
		baseURL: options.baseUrl.slice(0, end),
		// Explicit, so that OPENAI_ORG_ID / OPENAI_PROJECT_ID in the environment never reach a request.
		organization: options.organization ?? null,
		project: null,
		timeout: Math.max(1, Math.round(timeoutMs)),
		fetch: async (url: string | URL | Request, init?: RequestInit) => {
			attempts++;
			let response: Response;
			try {
				response = await (options.fetch ?? globalThis.fetch)(typeof url === 'string' ? url : url instanceof URL ? url.href : url.url, init ?? {});
			} catch (error) {
				throw sameRealmError(error);
			}
			if (response.ok) return response;
			// The SDK cancels an error's body before it retries; a body whose cancel never settles (msw's
			// interceptor on Node 20 does this) would hang the call. Error bodies are small: read them whole.
			return new Response(await response.text(), { status: response.status, statusText: response.statusText, headers: response.headers });
		},
	});
	let last: AttemptFailure | undefined;
	for (let round = 1; attempts < budget; round++) {
		try {
			return { ...(await call(client, budget - attempts - 1)), attempts };
		} catch (error) {
			last = classify(error, timeoutMs);
			attempts = Math.max(attempts, 1);
			// Transport failures were already retried inside the SDK, down to the last attempt of the budget.
			if (!RETRYABLE.has(last.reason) || attempts >= budget) break;
			const delayMs = backoffDelay(round, undefined, options);
			options.onRetry?.({ attempt: attempts, reason: last.reason, delayMs });
			await sleep(delayMs);
		}
	}
	const failure = last as AttemptFailure;
	throw new ProviderError(failure.reason, redact(failure.message, options.apiKey), attempts, failure.status);
}

/**
 * The SDK tells a timeout from other failures by `instanceof Error` and the name AbortError. A fetch
 * from another realm (a vm context, as in n8n's sandboxes or jest) rejects with errors that fail that
 * check and lose their message; rebuild them here, name and message kept.
 */
function sameRealmError(error: unknown): unknown {
	if (error instanceof Error || typeof error !== 'object' || error === null) return error;
	const { name, message } = error as { name?: unknown; message?: unknown };
	const copy = new Error(typeof message === 'string' ? message : String(error));
	if (typeof name === 'string') copy.name = name;
	return copy;
}

/** The SDK's errors in this project's failure vocabulary. */
function classify(error: unknown, timeoutMs: number): AttemptFailure {
	if (error instanceof AttemptFailure) return error;
	const { APIConnectionError, APIConnectionTimeoutError, APIError } = sdk();
	if (error instanceof APIConnectionTimeoutError) return new AttemptFailure('timeout', `no answer within ${timeoutMs} ms`);
	if (error instanceof APIConnectionError) {
		const cause = (error as { cause?: Error }).cause?.message;
		return new AttemptFailure('network', `request failed: ${cause ?? error.message}`);
	}
	if (error instanceof APIError && typeof error.status === 'number') {
		const status = error.status;
		const body = error.error as { message?: unknown } | undefined;
		const detail = typeof body?.message === 'string' ? body.message : body ? JSON.stringify(body) : '';
		const message = `HTTP ${status}${detail ? `: ${detail.slice(0, 200)}` : ''}`;
		if (status === 429) return new AttemptFailure('rate_limited', message, status);
		if (status >= 500 || status === 408) return new AttemptFailure('server_error', message, status);
		return new AttemptFailure('http_error', message, status);
	}
	// A 200 whose body is cut off or not JSON: the SDK's parse fails (by name: Response.json may throw from another realm).
	if ((error as Error | undefined)?.name === 'SyntaxError') return new AttemptFailure('invalid_json', 'the response body is not JSON');
	return new AttemptFailure('network', `request failed: ${(error as Error).message}`);
}

/** Wait before asking again after an unusable answer: doubling from baseDelayMs, capped; a server's Retry-After wins. */
export function backoffDelay(attempt: number, retryAfter: number | undefined, options: Pick<ConnectionOptions, 'baseDelayMs' | 'maxDelayMs'>): number {
	const max = options.maxDelayMs ?? DEFAULTS.maxDelayMs;
	if (retryAfter !== undefined) return Math.min(retryAfter, max);
	return Math.min((options.baseDelayMs ?? DEFAULTS.baseDelayMs) * 2 ** (attempt - 1), max);
}
