import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DEFAULT_HUMAN_THRESHOLD, resolveRoutingPolicy, type RoutingPolicy } from '../shared/routing';
import type { Tier } from '../shared/ticket';

const cache = new Map<string, RoutingPolicy>();

/** The routing policy from the node's parameters, resolved once per distinct content. */
export function readRoutingPolicy(ctx: IExecuteFunctions): RoutingPolicy {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const mappings = ((ctx.getNodeParameter('intentTiers', 0, {}) as IDataObject).mapping ?? []) as Array<{ intent: string; tier: Tier }>;
	const input = {
		rules: ctx.getNodeParameter('rules', 0, {}) as Record<string, boolean>,
		actionIntents: String(ctx.getNodeParameter('actionIntents', 0, '')).split(','),
		intentTiers: Object.fromEntries(mappings.filter((m) => m.intent?.trim()).map((m) => [m.intent.trim(), m.tier])),
		maxUnresolvedAiTurns: ctx.getNodeParameter('maxUnresolvedAiTurns', 0, 2) as number,
		minAnswerScore: ctx.getNodeParameter('minAnswerScore', 0, 0) as number,
		humanThreshold: ctx.getNodeParameter('humanThreshold', 0, DEFAULT_HUMAN_THRESHOLD) as number,
		holdingReply: ctx.getNodeParameter('holdingReply', 0, true) as boolean,
		queues: {
			L3: (options.queueL3 as string) || undefined,
			L4: (options.queueL4 as string) || undefined,
			onCall: (options.queueOnCall as string) || undefined,
		},
	};
	const key = JSON.stringify(input);
	let policy = cache.get(key);
	if (!policy) {
		policy = resolveRoutingPolicy(input);
		if (cache.size >= 100) cache.clear();
		cache.set(key, policy);
	}
	return policy;
}
