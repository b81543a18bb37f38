/** The triage flags, in a module of their own so node descriptions can list them without loading the lexicons. */

/** Sensitive and high-stakes cases: each needs a person, whatever the knowledge base can answer. */
export const SENSITIVE_FLAGS = [
	'accountSecurity',
	'bereavement',
	'harassment',
	'privacy',
	'safetyHazard',
	'financialHarm',
	'medical',
	'minors',
	'selfHarm',
	'pressOrRegulator',
] as const;
export type SensitiveFlag = (typeof SENSITIVE_FLAGS)[number];
export const FLAG_NAMES = ['legal', 'angry', 'humanRequested', 'outOfPolicy', 'b2bSales', 'emergency', 'injection', ...SENSITIVE_FLAGS] as const;
export type FlagName = (typeof FLAG_NAMES)[number];
