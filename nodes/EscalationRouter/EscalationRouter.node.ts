import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { readTicket, writeSections } from '../common/ticketField';
import { aiSilenced, holdingReply, routeTicket, type RoutingPolicy } from '../shared/routing';
import type { Tier } from '../shared/ticket';
import { routerProperties } from './description';
import { readRoutingPolicy } from './readPolicy';

const OUTPUT: Record<Tier, number> = { L1: 0, L2: 1, L3: 2, L4: 3 };

// A router picks one of four outputs; as an AI tool only the first would be seen.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class EscalationRouter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support Escalation Router',
		name: 'escalationRouter',
		icon: 'file:escalationRouter.svg',
		group: ['transform'],
		version: 1,
		description: 'Routes each ticket to L1 (AI), L2 (AI with system access), L3 (specialist) or L4 (supervisor), with a handoff summary',
		subtitle: 'L1 · L2 · L3 · L4',
		defaults: { name: 'Escalation Router' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['L1', 'L2', 'L3', 'L4'],
		properties: routerProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = [[], [], [], []];
		let policy: RoutingPolicy;
		let ticketField: string;
		try {
			policy = readRoutingPolicy(this);
			ticketField = (((this.getNodeParameter('options', 0, {}) as IDataObject).ticketField as string) ?? '').trim();
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			try {
				const ticket = readTicket(item.json, ticketField);
				const route = routeTicket(ticket, policy);
				const sections: IDataObject = { route: route as unknown as IDataObject };
				const reply = policy.holdingReply ? holdingReply(ticket, route) : undefined;
				if (reply) sections.reply = reply as unknown as IDataObject;
				const json = writeSections(item.json, ticketField, sections);
				// While a person has the conversation (or its state is unknown) nothing may answer the customer.
				if (aiSilenced(route)) delete readTicket(json, ticketField).reply;
				outputs[OUTPUT[route.tier]].push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					// A ticket the router cannot read still reaches a person, never the AI's L1.
					const route = { tier: 'L3', reasons: [`router error: ${(error as Error).message}`] };
					outputs[OUTPUT.L3].push({ json: { ...item.json, route, error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
			}
		}
		return outputs;
	}
}
