import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IExecuteFunctions,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { HeaderInjectionError } from '../shared/email/headers';
import { buildReplyMail, ReplyFieldError } from '../shared/email/replyMail';
import { emailReplyProperties } from './description';
import { replyInputFromItem, type ReplyOptions } from './replyFromItem';
import { smtpTransport, verifySmtp, type SmtpCredentials } from './smtpTransport';

export class SupportEmailReply implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support Email Reply',
		name: 'supportEmailReply',
		icon: 'file:supportEmailReply.svg',
		group: ['output'],
		version: 1,
		description: 'Answers a support ticket by email, in its thread, marked so robots never answer back',
		defaults: { name: 'Support Email Reply' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main],
		subtitle: '={{ $parameter["options"]?.to || "Reply in thread" }}',
		usableAsTool: true,
		credentials: [{ name: 'supportSmtpApi', required: true, testedBy: 'supportSmtpConnectionTest' }],
		properties: emailReplyProperties,
	};

	methods = {
		credentialTest: {
			async supportSmtpConnectionTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				try {
					await verifySmtp(credential.data as unknown as SmtpCredentials);
					return { status: 'OK', message: 'Connection successful' };
				} catch (error) {
					return { status: 'Error', message: (error as Error).message };
				}
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = (await this.getCredentials('supportSmtpApi')) as unknown as SmtpCredentials;
		const sender = { fromEmail: credentials.fromEmail, fromName: credentials.fromName };
		const transport = smtpTransport(credentials);
		const output: INodeExecutionData[] = [];

		try {
			for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
				const item = items[itemIndex];
				try {
					const options = this.getNodeParameter('options', itemIndex, {}) as ReplyOptions;
					let mail;
					try {
						mail = buildReplyMail(replyInputFromItem(item.json, options, sender));
					} catch (error) {
						if (error instanceof HeaderInjectionError || error instanceof ReplyFieldError) {
							throw new NodeOperationError(this.getNode(), error.message, { itemIndex, description: `Field: ${error.field}` });
						}
						throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
					}
					const info = await transport.sendMail(mail);
					output.push({
						json: {
							...item.json,
							sent: {
								messageId: info.messageId,
								accepted: (info.accepted ?? []).map(String),
								rejected: (info.rejected ?? []).map(String),
							},
						},
						pairedItem: { item: itemIndex },
					});
				} catch (error) {
					const failure =
						error instanceof NodeOperationError
							? error
							: new NodeOperationError(this.getNode(), `Sending the reply failed: ${(error as Error).message}`, { itemIndex });
					if (!this.continueOnFail()) throw failure;
					output.push({ json: { ...item.json, error: failure.message }, pairedItem: { item: itemIndex } });
				}
			}
		} finally {
			transport.close();
		}
		return [output];
	}
}
