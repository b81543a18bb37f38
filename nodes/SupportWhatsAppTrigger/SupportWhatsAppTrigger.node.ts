import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { baileysDeps } from '../shared/whatsapp/baileys';
import { whatsAppConnections, type WhatsAppConnectionRegistry } from '../shared/whatsapp/registry';
import type { WhatsAppDeps } from '../shared/whatsapp/types';
import { whatsAppSessionApiTest } from '../common/whatsAppCredentialTest';
import { whatsAppTriggerProperties } from './description';
import { runWhatsAppTrigger } from './runTrigger';

export class SupportWhatsAppTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support WhatsApp Trigger',
		name: 'supportWhatsAppTrigger',
		icon: 'file:supportWhatsAppTrigger.svg',
		group: ['trigger'],
		version: 1,
		subtitle: 'On new message',
		description: 'Starts a support ticket for each new WhatsApp message (WhatsApp Web via Baileys, QR pairing)',
		eventTriggerDescription: 'Waiting for a WhatsApp message',
		activationMessage: 'New WhatsApp messages now start this workflow. If the number is not linked yet, scan the QR code from the n8n log or the PNG beside the auth folder.',
		defaults: { name: 'Support WhatsApp Trigger' },
		inputs: [],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'whatsAppSessionApi', required: true, testedBy: 'whatsAppSessionApiTest' }],
		properties: whatsAppTriggerProperties,
	};

	methods = { credentialTest: { whatsAppSessionApiTest } };

	/** n8n calls trigger() with the trigger context as `this`, so the injected deps travel in a closure. */
	trigger: (this: ITriggerFunctions) => Promise<ITriggerResponse>;

	/** n8n constructs nodes without arguments (Baileys); tests pass a fake socket factory and their own registry. */
	constructor(deps: WhatsAppDeps = baileysDeps(), registry: WhatsAppConnectionRegistry = whatsAppConnections) {
		this.trigger = async function (this: ITriggerFunctions) {
			return runWhatsAppTrigger(this, deps, registry);
		};
	}
}
