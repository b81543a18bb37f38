import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DEFAULT_SLA_POLICY, parseSlaPolicy, type SlaPolicy, type SlaTarget } from '../shared/sla';
import type { Urgency } from '../shared/ticket';

const cache = new Map<string, SlaPolicy>();

/** The SLA policy from the node's parameters, parsed once per distinct content. */
export function readPolicy(ctx: IExecuteFunctions): SlaPolicy {
	const source = ctx.getNodeParameter('policySource', 0, 'standard') as string;
	if (source === 'standard') return DEFAULT_SLA_POLICY;
	const raw =
		source === 'json'
			? ctx.getNodeParameter('policyJson', 0, '')
			: {
					name: ctx.getNodeParameter('policyName', 0, 'custom'),
					businessHours: ctx.getNodeParameter('businessHours', 0, true),
					targets: Object.fromEntries(
						(((ctx.getNodeParameter('targets', 0, {}) as IDataObject).target ?? []) as IDataObject[]).map((t) => {
							const target: SlaTarget = { firstResponseMinutes: Number(t.firstResponseMinutes), resolutionMinutes: Number(t.resolutionMinutes) };
							if (t.hoursCounted === 'business') target.businessHours = true;
							if (t.hoursCounted === 'calendar') target.businessHours = false;
							return [t.priority as Urgency, target];
						}),
					),
				};
	const key = typeof raw === 'string' ? raw : JSON.stringify(raw);
	let policy = cache.get(key);
	if (!policy) {
		policy = parseSlaPolicy(raw, source === 'json' ? 'policyJson' : 'targets');
		if (cache.size >= 100) cache.clear();
		cache.set(key, policy);
	}
	return policy;
}
