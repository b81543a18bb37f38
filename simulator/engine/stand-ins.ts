import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

/**
 * n8n's own trigger nodes: in-process, their place is taken by the items pinned at the start node,
 * so they only need a type that declares one output. Our channel triggers are listed too: a replay
 * feeds tickets where a live WhatsApp socket or IMAP mailbox would.
 */
export const ENTRY_POINT_TYPES = [
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.webhook',
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.executeWorkflowTrigger',
	'n8n-nodes-base.emailReadImap',
	'@n8n/n8n-nodes-langchain.chatTrigger',
	'n8n-nodes-base.whatsAppTrigger',
	'n8n-nodes-base.facebookTrigger',
	'n8n-nodes-base.telegramTrigger',
	'n8n-nodes-support247.supportWhatsAppTrigger',
	'n8n-nodes-support247.supportInboxTrigger',
] as const;

/**
 * Nodes with outside effects. In-process they run dry: each item is recorded as a would-be message
 * and passed through unchanged, so nothing is sent and downstream nodes still run. A Send and Wait
 * (operation `sendAndWait`) is recorded too, but stops its branch there, as n8n puts the execution to
 * wait for the person's answer: a replay has no person to answer, so nothing after it runs.
 */
export const CAPTURED_TYPES = [
	'n8n-nodes-base.emailSend',
	'n8n-nodes-base.httpRequest',
	'n8n-nodes-base.respondToWebhook',
	'@n8n/n8n-nodes-langchain.chat',
	'n8n-nodes-base.whatsApp',
	'n8n-nodes-base.telegram',
	'n8n-nodes-base.facebookGraphApi',
	'n8n-nodes-support247.supportWhatsAppSend',
	'n8n-nodes-support247.supportEmailReply',
] as const;

/** Built-in nodes with no effect that templates may use; they pass items through. */
export const PASS_THROUGH_TYPES = ['n8n-nodes-base.noOp'] as const;

/** Canvas-only nodes: never executed, never connected. */
export const CANVAS_ONLY_TYPES = ['n8n-nodes-base.stickyNote'] as const;

export interface CapturedMessage {
	node: string;
	type: string;
	json: Record<string, unknown>;
}

export type CaptureSink = (message: CapturedMessage) => void;

/** n8n's Workflow drops the parameters a type does not declare: the captured types keep `operation`. */
const OPERATION_PROPERTY = { displayName: 'Operation', name: 'operation', type: 'string', default: '' } as const;

function description(type: string, inputs: number, properties: INodeTypeDescription['properties'] = []): INodeTypeDescription {
	const name = type.slice(type.lastIndexOf('.') + 1);
	return {
		displayName: name,
		name,
		group: inputs === 0 ? ['trigger'] : ['transform'],
		version: [1, 1.1, 1.2, 1.3, 1.4, 1.5, 2, 2.1, 2.2, 3, 3.1, 4, 4.1, 4.2],
		description: `In-process stand-in for ${type}`,
		defaults: { name },
		inputs: inputs === 0 ? [] : ['main'],
		outputs: ['main'],
		properties,
	} as INodeTypeDescription;
}

export function entryPointNodeType(type: string): INodeType {
	return {
		description: description(type, 0),
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [this.getInputData()];
		},
	};
}

export function passThroughNodeType(type: string): INodeType {
	return {
		description: description(type, 1),
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
		},
	};
}

/**
 * The sink is looked up per execution through the engine, because one node type instance
 * serves every run in the process.
 */
export function capturedNodeType(type: string, sinkFor: (executionId: string | undefined) => CaptureSink | undefined): INodeType {
	return {
		description: description(type, 1, [OPERATION_PROPERTY]),
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const sink = sinkFor(this.getExecutionId());
			const nodeName = this.getNode().name;
			const passed = this.getInputData().map((item, index) => {
				sink?.({ node: nodeName, type, json: item.json });
				return { json: item.json, pairedItem: { item: index } };
			});
			return [this.getNodeParameter('operation', 0, '') === 'sendAndWait' ? [] : passed];
		},
	};
}
