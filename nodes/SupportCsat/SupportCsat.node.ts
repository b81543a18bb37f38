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
import { toMillis } from '../shared/calendar';
import { BackendUnavailableError, resolveConversationPolicy, unopened } from '../shared/conversation';
import { DEFAULT_AWAIT_RULES, readCsatAnswer } from '../shared/csat';
import { readPath } from '../shared/field-path';
import type { Ticket } from '../shared/ticket';
import { csatProperties } from './description';

const NOT_AN_ANSWER = 0;
const textAt = (json: IDataObject, path: string): string | undefined => {
	const value = path ? readPath(json, path) : readPath(json, 'message.text');
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
};
const RATED = 1;
const LOW_SCORE = 2;

// It reads the ticket in place right after Load Conversation: not a tool an agent should call.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class SupportCsat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support CSAT',
		name: 'supportCsat',
		icon: 'file:supportCsat.svg',
		group: ['transform'],
		version: 1,
		description: 'Reads the customer’s answer to the CSAT question, stores it with the conversation, and reopens a low score to a person',
		subtitle: 'Read the CSAT answer',
		defaults: { name: 'CSAT Answer' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Not an Answer', 'Rated', 'Low Score'],
		credentials: conversationBackendCredentials(),
		properties: csatProperties,
	};

	methods = { credentialTest: { support247PostgresTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[][] = [[], [], []];
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const opened = await openBackendOfNode(this);
		const rules = {
			answerHours: Number(options.answerHours ?? DEFAULT_AWAIT_RULES.answerHours),
			maxWords: Number(options.maxWords ?? DEFAULT_AWAIT_RULES.maxWords),
		};
		// Only for items that carry no time of their own.
		const clock = runTime(this, options.now);
		const store = { policy: resolveConversationPolicy({}) };
		// Field paths, not expressions: this node sits in the hot path of every message.
		const answerField = String(this.getNodeParameter('answerField', 0, '') ?? '').trim();
		const referenceField = String(this.getNodeParameter('referenceField', 0, 'query.t') ?? '').trim();
		const queue = String(this.getNodeParameter('queue', 0, '') ?? '');
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const json = items[itemIndex].json;
			const paired = { item: itemIndex };
			try {
				if (!opened.backend) {
					// Without the store no answer can be matched to a question: the message goes on as any other.
					this.logger.warn(`Support CSAT: ${unopened('Support CSAT', opened.error).message}; the message goes on as a new one`);
					out[NOT_AN_ANSWER].push({ json, pairedItem: paired });
					continue;
				}
				const ticket = json as unknown as Partial<Ticket>;
				const now = ticket.message?.receivedAt ?? clock;
				toMillis(now, 'message.receivedAt');
				const result = await readCsatAnswer(
					opened.backend,
					{
						ticket,
						text: textAt(json, answerField) ?? (answerField ? '' : (textAt(json, 'query.s') ?? '')),
						reference: textAt(json, referenceField) ?? '',
						now,
						queue,
					},
					store,
					rules,
				);
				if (result.kind === 'none') {
					out[NOT_AN_ANSWER].push({ json, pairedItem: paired });
					continue;
				}
				const { outcome } = result;
				const csat = { score: result.score, stored: result.stored, reopen: result.kind === 'low', ...(result.resolver ? { resolver: result.resolver } : {}), ...(result.tier ? { tier: result.tier } : {}) };
				const base = result.ticket as unknown as IDataObject;
				const sections: IDataObject = { csat, reply: outcome.reply };
				if (outcome.route) {
					sections.route = outcome.route as unknown as IDataObject;
					// The answer skipped triage; the human path's SLA and notices read these.
					sections.triage = { intent: 'csat_low', urgency: 'high', language: outcome.reply.language, ...((base.triage as IDataObject | undefined) ?? {}) };
				}
				out[result.kind === 'low' ? LOW_SCORE : RATED].push({ json: { ...json, ...base, ...sections }, pairedItem: paired });
			} catch (error) {
				if (error instanceof BackendUnavailableError) {
					this.logger.warn(`Support CSAT: ${error.message}; the message goes on as a new one`);
					out[NOT_AN_ANSWER].push({ json, pairedItem: paired });
					continue;
				}
				if (this.continueOnFail()) {
					out[NOT_AN_ANSWER].push({ json: { ...json, error: (error as Error).message }, pairedItem: paired });
					continue;
				}
				throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
			}
		}
		return out;
	}
}
