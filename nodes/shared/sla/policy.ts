import type { Urgency } from '../ticket';

export const PRIORITIES: readonly Urgency[] = ['low', 'normal', 'high', 'critical'];

export interface SlaTarget {
	/** Minutes to the first response. */
	firstResponseMinutes: number;
	/** Minutes to resolution. */
	resolutionMinutes: number;
	/** Overrides the policy's businessHours for this priority (e.g. critical runs on calendar hours). */
	businessHours?: boolean;
}

export interface SlaPolicy {
	name: string;
	/** Count only the business calendar's open hours (true) or every hour (false). */
	businessHours: boolean;
	targets: Record<Urgency, SlaTarget>;
}

/** A common helpdesk default: business-hours targets, critical cases on the clock around the clock. */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
	name: 'standard',
	businessHours: true,
	targets: {
		low: { firstResponseMinutes: 8 * 60, resolutionMinutes: 5 * 9 * 60 },
		normal: { firstResponseMinutes: 4 * 60, resolutionMinutes: 3 * 9 * 60 },
		high: { firstResponseMinutes: 60, resolutionMinutes: 9 * 60 },
		critical: { firstResponseMinutes: 15, resolutionMinutes: 4 * 60, businessHours: false },
	},
};

/** Helpdesk priority names (Zendesk, Freshdesk, Intercom) → our urgencies. */
const PRIORITY_ALIASES: Record<string, Urgency> = {
	low: 'low',
	normal: 'normal',
	medium: 'normal',
	high: 'high',
	urgent: 'critical',
	critical: 'critical',
	p1: 'critical',
	p2: 'high',
	p3: 'normal',
	p4: 'low',
};

export function normalizePriority(value: unknown): Urgency | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	return PRIORITY_ALIASES[String(value).trim().toLowerCase()];
}

/** Validates a policy from JSON or UI parameters, naming the bad field. Missing priorities take the default's. */
export function parseSlaPolicy(input: unknown, field = 'policy'): SlaPolicy {
	const raw = (typeof input === 'string' ? safeJson(input, field) : input) as Partial<SlaPolicy> | undefined;
	if (!raw || typeof raw !== 'object') throw new Error(`${field}: must be an object with name, businessHours and targets`);
	const targets = {} as Record<Urgency, SlaTarget>;
	for (const priority of PRIORITIES) {
		const target = { ...DEFAULT_SLA_POLICY.targets[priority], ...(raw.targets?.[priority] ?? {}) };
		for (const key of ['firstResponseMinutes', 'resolutionMinutes'] as const) {
			const value = Number(target[key]);
			if (!Number.isFinite(value) || value <= 0) throw new Error(`${field}.targets.${priority}.${key}: must be a positive number of minutes`);
			target[key] = value;
		}
		targets[priority] = target;
	}
	return { name: String(raw.name ?? 'custom'), businessHours: raw.businessHours !== false, targets };
}

export function safeJson(text: string, field: string): unknown {
	let problem: string | undefined;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem !== undefined) throw new Error(`${field}: not valid JSON (${problem})`);
	return value;
}
