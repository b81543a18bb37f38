import { Container } from '@n8n/di';
import { ErrorReporter } from 'n8n-core';

/**
 * WorkflowExecute hands every node failure to n8n-core's ErrorReporter, which (without Sentry) logs the
 * error and then each cause in its chain. A NodeOperationError made from a message keeps an
 * OperationalError with that same message as its cause, so every failure was printed twice. The engine
 * gives the reporter each error without the causes that only repeat its message: one line per failure.
 */
export function reportEachMessageOnce(): void {
	const reporter = Container.get(ErrorReporter);
	if (reportingOnce.has(reporter)) return;
	reportingOnce.add(reporter);
	const report = reporter.error.bind(reporter);
	reporter.error = (error, options) => report(error instanceof Error ? withoutRepeatedCauses(error) : error, options);
}

const reportingOnce = new WeakSet<ErrorReporter>();

/**
 * The same error seen without causes whose message it already carries. A view (the error is its
 * prototype) keeps its class, message, stack and extras for the reporter and leaves the error itself,
 * which the run result still holds, untouched.
 */
export function withoutRepeatedCauses(error: Error, seen = new Set<Error>()): Error {
	seen.add(error);
	let cause: unknown = error.cause;
	while (cause instanceof Error && !seen.has(cause) && cause.message === error.message) cause = cause.cause;
	const next = cause instanceof Error && !seen.has(cause) ? withoutRepeatedCauses(cause, seen) : cause instanceof Error ? undefined : cause;
	if (next === error.cause) return error;
	return Object.create(error, { cause: { value: next, enumerable: false, writable: true, configurable: true } }) as Error;
}
