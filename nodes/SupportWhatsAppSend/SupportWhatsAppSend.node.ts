import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { baileysDeps } from '../shared/whatsapp/baileys';
import { whatsAppConnections, type WhatsAppConnectionRegistry } from '../shared/whatsapp/registry';
import type { WhatsAppDeps } from '../shared/whatsapp/types';
import { whatsAppSessionApiTest } from '../common/whatsAppCredentialTest';
import { whatsAppSendProperties } from './description';
import { sendWhatsAppItems } from './sendItems';

export class SupportWhatsAppSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support WhatsApp Send',
		name: 'supportWhatsAppSend',
		icon: 'file:supportWhatsAppSend.svg',
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["interactive"] === "none" ? "text" : $parameter["interactive"]}}',
		description: 'Sends the ticket reply to the customer on WhatsApp, with typing indicator, choices and rate limits',
		defaults: { name: 'Support WhatsApp Send' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'whatsAppSessionApi', required: true, testedBy: 'whatsAppSessionApiTest' }],
		properties: whatsAppSendProperties,
	};

	methods = { credentialTest: { whatsAppSessionApiTest } };

	/** n8n calls execute() with the execution context as `this`, so the injected deps travel in a closure. */
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	/** n8n constructs nodes without arguments (Baileys); tests pass a fake socket factory and their own registry. */
	constructor(deps: WhatsAppDeps = baileysDeps(), registry: WhatsAppConnectionRegistry = whatsAppConnections) {
		this.execute = async function (this: IExecuteFunctions) {
			return sendWhatsAppItems(this, deps, registry);
		};
	}
}
