import type { BaileysLogger, PlainLogger } from './types';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/**
 * Baileys wants a pino-like logger and is very chatty below 'warn'. This adapter forwards to
 * n8n's logger from the chosen level up, so the n8n log is not flooded with protocol noise.
 */
export function toBaileysLogger(target: PlainLogger, level: Level = 'warn', bindings: Record<string, unknown> = {}): BaileysLogger {
	const min = LEVELS.indexOf(level);
	const forward = (at: Level) => (obj: unknown, msg?: string) => {
		if (LEVELS.indexOf(at) < min) return;
		const text = msg ?? (typeof obj === 'string' ? obj : 'baileys');
		const meta = { ...bindings, ...(typeof obj === 'object' && obj !== null ? { detail: obj } : {}) };
		const method = at === 'trace' ? 'debug' : at;
		target[method](`[whatsapp] ${text}`, meta);
	};
	return {
		level,
		child: (obj) => toBaileysLogger(target, level, { ...bindings, ...obj }),
		trace: forward('trace'),
		debug: forward('debug'),
		info: forward('info'),
		warn: forward('warn'),
		error: forward('error'),
	};
}
