/**
 * The Conversation Store's "Web Chat Updates" operation: a chat widget polls it (a GET webhook) for the
 * answers a person wrote after the webhook's own response had gone, e.g. through the send-and-wait form.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { BackendUnavailableError, timeoutFor, unopened, webChatUpdates, withTimeout, type StoreOptions } from '../shared/conversation';
import type { OpenedBackend } from '../common/conversationBackend';

const only = { show: { operation: ['webChatUpdates'] } };

export const webChatUpdatesProperties: INodeProperties[] = [
	{
		displayName: 'Session ID',
		name: 'webChatSession',
		type: 'string',
		default: '={{ $json.query?.sessionId }}',
		description: 'The web chat session the widget holds (the same <code>sessionId</code> it posts its messages with)',
		displayOptions: only,
	},
	{
		displayName: 'After',
		name: 'webChatAfter',
		type: 'string',
		default: '={{ $json.query?.after }}',
		placeholder: '2026-03-04T11:20:00Z',
		description: 'Only answers written after this time (ISO 8601), so the widget gets each once; empty: all kept',
		displayOptions: only,
	},
];

export interface WebChatUpdatesSettings {
	opened: OpenedBackend;
	store: StoreOptions;
	timeoutMs: number;
	now: string;
}

/** The item with `updates`: the person's replies since `after`; an unreachable store answers none, never an error. */
export async function webChatUpdatesItem(ctx: IExecuteFunctions, settings: WebChatUpdatesSettings, json: IDataObject, itemIndex: number): Promise<IDataObject> {
	const session = String(ctx.getNodeParameter('webChatSession', itemIndex, '') ?? '');
	const after = String(ctx.getNodeParameter('webChatAfter', itemIndex, '') ?? '').trim() || undefined;
	const { backend, error: openError } = settings.opened;
	try {
		const updates = await withTimeout(
			backend ? webChatUpdates(backend, session, after, settings.now, settings.store) : Promise.reject(unopened('Web chat updates', openError)),
			timeoutFor(backend, settings.timeoutMs),
			'Web chat updates',
		);
		return { ...json, updates: { ...updates, checkedAt: settings.now } as unknown as IDataObject };
	} catch (error) {
		if (!(error instanceof BackendUnavailableError)) throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex });
		ctx.logger.warn(`Conversation Store: ${error.message}; a web chat poll gets no updates this time`);
		return { ...json, updates: { conversationId: null, replies: [], withPerson: false, unavailable: true, checkedAt: settings.now } };
	}
}
