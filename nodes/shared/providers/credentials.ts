import type { ConnectionOptions } from './openai-compatible';

/** The fields of the OpenAI-Compatible API credential that nodes read. */
export interface OpenAiCompatibleCredentials {
	apiKey?: string;
	baseUrl?: string;
	organization?: string;
	chatModel?: string;
	embeddingModel?: string;
}

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Connection settings from the credential and a node's timeout/retry options. */
export function connectionFrom(credentials: OpenAiCompatibleCredentials, options: { timeoutMs?: number; maxRetries?: number }): ConnectionOptions {
	return {
		baseUrl: credentials.baseUrl || DEFAULT_BASE_URL,
		apiKey: credentials.apiKey || undefined,
		organization: credentials.organization || undefined,
		timeoutMs: options.timeoutMs ?? 30_000,
		maxRetries: options.maxRetries ?? 2,
	};
}

/** Requests in flight per node execution: at least 1, at most 32, 4 unless set. */
export function boundedConcurrency(value: number | undefined): number {
	return Math.max(1, Math.min(32, value ?? 4));
}
