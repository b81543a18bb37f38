import type { INodeProperties } from 'n8n-workflow';

// Defaults as DEFAULT_INPUT_LIMITS in nodes/shared/input-limits.ts (n8n's lint wants literals here).
/** The two input-limit options of every node where tickets come in (Off-Hours Greeter, Conversation Store). */
export const inputLimitOptions: INodeProperties[] = [
	{
		displayName: 'Max Incoming History Turns',
		name: 'maxHistoryTurns',
		type: 'number',
		default: 50,
		description: 'Input limit: only the last turns of the history an incoming payload carries are kept; entries that are not objects are dropped with a warning',
	},
	{
		displayName: 'Max Text Length',
		name: 'maxTextLength',
		type: 'number',
		default: 20000,
		description: 'Input limit: longer message text is cut to this many characters, with <code>message.truncated</code> and <code>message.originalLength</code> set',
	},
];
