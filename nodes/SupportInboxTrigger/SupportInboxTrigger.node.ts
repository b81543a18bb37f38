import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import type { EmailTicket } from '../shared/email/types';
import type { CursorStart, UidCursor } from '../shared/email/uidCursor';
import { inboxTriggerProperties } from './description';
import { imapOptions, verifyImapLogin, type ImapCredentials } from './imapConnection';
import { fetchNewestUnseen, InboxWatcher } from './InboxWatcher';

interface TriggerOptions {
	markSeen?: boolean;
	startFrom?: CursorStart;
	reconnectDelay?: number;
	stripQuotes?: boolean;
	ticketIdPattern?: string;
}

/** The cursor as it sits in workflow static data; `mailbox` resets it when the user switches folders. */
type StoredCursor = UidCursor & IDataObject & { mailbox?: string };

export class SupportInboxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support Inbox Trigger',
		name: 'supportInboxTrigger',
		icon: 'file:supportInboxTrigger.svg',
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["mailbox"] || "INBOX"}}',
		description: 'Starts a support ticket for each new customer email (IMAP), skipping auto-replies, bounces and lists',
		eventTriggerDescription: 'Waiting for a customer email',
		defaults: { name: 'Support Inbox Trigger' },
		inputs: [],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'supportImapApi', required: true, testedBy: 'supportImapConnectionTest' }],
		properties: inboxTriggerProperties,
	};

	methods = {
		credentialTest: {
			async supportImapConnectionTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				try {
					await verifyImapLogin(credential.data as unknown as ImapCredentials);
					return { status: 'OK', message: 'Connection successful' };
				} catch (error) {
					return { status: 'Error', message: (error as Error).message };
				}
			},
		},
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const credentials = (await this.getCredentials('supportImapApi')) as unknown as ImapCredentials;
		if (!credentials?.host) {
			throw new NodeOperationError(this.getNode(), 'The IMAP credential has no "host"');
		}
		const mailbox = ((this.getNodeParameter('mailbox', '') as string) || credentials.mailbox || 'INBOX').trim();
		const watchMode = this.getNodeParameter('watchMode', 'idle') as 'idle' | 'poll';
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		if (options.ticketIdPattern) {
			try {
				new RegExp(options.ticketIdPattern, 'i');
			} catch (error) {
				throw new NodeOperationError(this.getNode(), `The "Ticket ID Pattern" option is not a valid regular expression: ${(error as Error).message}`);
			}
		}
		const mapping = { ticketIdPattern: options.ticketIdPattern || undefined, stripQuotes: options.stripQuotes !== false };
		const connection = imapOptions(credentials);

		const emitTickets = (tickets: EmailTicket[]) => {
			this.emit([this.helpers.returnJsonArray(tickets as unknown as IDataObject[])]);
		};

		if (this.getMode() === 'manual') {
			// "Fetch Test Event": one sample, without moving the cursor or flagging mail.
			const manualTriggerFunction = async () => {
				const ticket = await fetchNewestUnseen(connection, mailbox, mapping);
				if (!ticket) {
					throw new NodeOperationError(this.getNode(), `No unread customer email in mailbox "${mailbox}"; send one and try again`);
				}
				emitTickets([ticket]);
			};
			return { manualTriggerFunction, closeFunction: async () => undefined };
		}

		const cursor = this.getWorkflowStaticData('node') as StoredCursor;
		if (cursor.mailbox !== mailbox) {
			delete cursor.uidValidity;
			delete cursor.lastUid;
			cursor.mailbox = mailbox;
		}

		const watcher = new InboxWatcher({
			connection,
			mailbox,
			mode: watchMode,
			pollIntervalMs: Math.max(1, Number(this.getNodeParameter('pollInterval', 60))) * 1000,
			markSeen: options.markSeen !== false,
			start: options.startFrom ?? 'unseen',
			mapping,
			reconnectInitialMs: Math.max(0.1, options.reconnectDelay ?? 2) * 1000,
			reconnectMaxMs: 5 * 60_000,
			cursor,
			onTickets: emitTickets,
			logger: this.logger,
		});
		await watcher.start();

		return { closeFunction: async () => watcher.stop() };
	}
}
