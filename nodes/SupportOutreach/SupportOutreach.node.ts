import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { openBackendOfNode } from '../common/conversationBackend';
import { conversationBackendCredentials } from '../common/conversationBackendDescription';
import { support247PostgresTest } from '../common/postgresCredential';
import { runTime } from '../common/runTime';
import { readCalendar } from '../common/readCalendar';
import { toMillis } from '../shared/calendar';
import { DEFAULT_CSAT_RULES, findDue, nightBefore, unopened, type OutreachPurpose } from '../shared/conversation';
import { outreachProperties } from './description';
import { csatItem, followUpItem, newToken } from './outreachItems';

// Run by a schedule over the whole store: not a tool an agent should call.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class SupportOutreach implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support Outreach',
		name: 'supportOutreach',
		icon: 'file:supportOutreach.svg',
		group: ['transform'],
		version: 1,
		description: 'Asks resolved conversations for CSAT and follows up last night’s escalated or unresolved ones at opening time, each once',
		subtitle: '={{ {"csat": "Ask for CSAT", "followUp": "Morning follow-up"}[$parameter["purpose"]] }}',
		defaults: { name: 'Support Outreach' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Customer', 'Morning Queue'],
		credentials: conversationBackendCredentials(),
		properties: outreachProperties,
	};

	methods = { credentialTest: { support247PostgresTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			const purpose = this.getNodeParameter('purpose', 0) as OutreachPurpose;
			const options = this.getNodeParameter('options', 0, {}) as IDataObject;
			const now = runTime(this, options.now);
			const nowMs = toMillis(now, 'Options > At');
			const opened = await openBackendOfNode(this);
			if (!opened.backend) throw unopened('Support Outreach', opened.error);
			const max = Number(options.max ?? 200);
			const paired = { item: 0 };
			if (purpose === 'csat') {
				const linkTemplate = this.getNodeParameter('linkTemplate', 0, '') as string;
				const due = await findDue(opened.backend, {
					purpose,
					now,
					max,
					csat: {
						quietMinutes: Number(this.getNodeParameter('quietMinutes', 0, 30)),
						maxAgeHours: Number(this.getNodeParameter('maxAgeHours', 0, 48)),
						takeoverIdleMinutes: Number(options.takeoverIdleMinutes ?? DEFAULT_CSAT_RULES.takeoverIdleMinutes),
					},
					token: newToken,
				});
				return [due.map((found) => ({ json: csatItem(found, now, linkTemplate), pairedItem: paired })), []];
			}
			const calendar = readCalendar(this);
			const night = nightBefore(calendar, nowMs, Number(this.getNodeParameter('withinMinutes', 0, 60)));
			if (!night) return [[], []];
			const due = await findDue(opened.backend, { purpose, now, max, night });
			const words = { now, timeZone: calendar.timeZone, business: this.getNodeParameter('businessName', 0, '') as string, agent: this.getNodeParameter('agent', 0, '') as string };
			const customer: INodeExecutionData[] = [];
			const queue: INodeExecutionData[] = [];
			for (const found of due) (found.action === 'queue' ? queue : customer).push({ json: followUpItem(found, now, words), pairedItem: paired });
			return [customer, queue];
		} catch (error) {
			if (this.continueOnFail()) return [[{ json: { error: (error as Error).message }, pairedItem: { item: 0 } }], []];
			throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex: 0 });
		}
	}
}
