export { chatJson, embed, backoffDelay } from './openai-compatible';
export type { ChatJsonOptions, ChatJsonResult, ConnectionOptions, EmbedOptions, FetchLike, Sleep } from './openai-compatible';
export { ProviderError, RETRYABLE, redact } from './errors';
export type { ProviderFailureReason } from './errors';
export { validateJsonSchema } from './json-schema';
export type { JsonSchema } from './json-schema';
export { boundedConcurrency, connectionFrom, DEFAULT_BASE_URL } from './credentials';
export type { OpenAiCompatibleCredentials } from './credentials';
