/**
 * Knowledge Lookup's execution. Parameters are read once per execution (none varies per ticket);
 * the knowledge base, its index and its intent model come from content-keyed caches, so items
 * only pay for matching. Answered tickets leave on output 0, the rest on output 1.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import {
	entriesFromFile,
	entriesFromInline,
	entriesFromValue,
	getKnowledgeBase,
	lookupKnowledge,
	type KnowledgeBase,
	type KnowledgeFormat,
} from '../shared/knowledge';
import type { Ticket } from '../shared/ticket';
import { readPath as getField } from '../shared/field-path';

type Source = 'inline' | 'file' | 'field';

interface NodeOptions {
	addReply?: boolean;
	languageField?: string;
	maxSources?: number;
	textField?: string;
}

interface Settings {
	source: Source;
	threshold: number;
	textField: string;
	languageField: string;
	addReply: boolean;
	maxSources: number;
	entriesField: string;
	/** Built once when the source does not vary per item. */
	sharedBase?: KnowledgeBase;
	/** Why the shared base could not be built; every item reports it. */
	sharedError?: NodeOperationError;
}

function readSettings(ctx: IExecuteFunctions): Settings {
	const source = ctx.getNodeParameter('knowledgeSource', 0) as Source;
	const options = ctx.getNodeParameter('options', 0, {}) as NodeOptions;
	const threshold = ctx.getNodeParameter('threshold', 0, 0.5) as number;
	if (typeof threshold !== 'number' || Number.isNaN(threshold) || threshold < 0 || threshold > 1) {
		throw new NodeOperationError(ctx.getNode(), `Parameter "Confidence Threshold" must be between 0 and 1, got ${String(threshold)}`);
	}
	const settings: Settings = {
		source,
		threshold,
		textField: options.textField?.trim() || 'message.text',
		languageField: options.languageField?.trim() ?? '',
		addReply: options.addReply !== false,
		maxSources: options.maxSources ?? 3,
		entriesField: source === 'field' ? (ctx.getNodeParameter('entriesField', 0, 'knowledgeBase') as string) : '',
	};
	if (source === 'field') return settings;
	try {
		const entries =
			source === 'file'
				? entriesFromFile(ctx.getNodeParameter('knowledgeFile', 0, '') as string, ctx.getNodeParameter('knowledgeFormat', 0, 'auto') as KnowledgeFormat | 'auto')
				: entriesFromInline(ctx.getNodeParameter('knowledgeJson', 0, '[]'));
		settings.sharedBase = getKnowledgeBase(entries);
	} catch (error) {
		const parameter = source === 'file' ? 'Knowledge Base File' : 'Knowledge Base JSON';
		settings.sharedError = new NodeOperationError(ctx.getNode(), `Parameter "${parameter}": ${(error as Error).message}`);
	}
	return settings;
}

function baseForItem(ctx: IExecuteFunctions, settings: Settings, json: IDataObject, itemIndex: number): KnowledgeBase {
	if (settings.sharedError) throw new NodeOperationError(ctx.getNode(), settings.sharedError.message, { itemIndex });
	if (settings.sharedBase) return settings.sharedBase;
	try {
		return getKnowledgeBase(entriesFromValue(getField(json, settings.entriesField)));
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `Field "${settings.entriesField}": ${(error as Error).message}`, { itemIndex });
	}
}

function lookupItem(ctx: IExecuteFunctions, settings: Settings, item: INodeExecutionData, itemIndex: number): { answered: boolean; json: IDataObject } {
	const json = item.json;
	const kb = baseForItem(ctx, settings, json, itemIndex);
	const text = getField(json, settings.textField);
	if (typeof text !== 'string') {
		throw new NodeOperationError(ctx.getNode(), `Field "${settings.textField}" must be a text, got ${text === undefined ? 'nothing' : typeof text}`, { itemIndex });
	}
	const ticket = json as unknown as Partial<Ticket>;
	const language = settings.languageField ? getField(json, settings.languageField) : undefined;
	const result = lookupKnowledge(
		typeof language === 'string' && language ? { ...ticket, triage: undefined, customer: { ...ticket.customer, language } } : ticket,
		kb,
		{ threshold: settings.threshold, text, reply: settings.addReply, maxSources: settings.maxSources },
	);
	const out: IDataObject = { ...json, knowledge: result.knowledge as unknown as IDataObject };
	if (result.reply) out.reply = result.reply as unknown as IDataObject;
	return { answered: result.knowledge.answered, json: out };
}

export function lookupItems(this: IExecuteFunctions): INodeExecutionData[][] {
	const items = this.getInputData();
	const settings = readSettings(this);
	const answered: INodeExecutionData[] = [];
	const notFound: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		try {
			const result = lookupItem(this, settings, items[itemIndex], itemIndex);
			(result.answered ? answered : notFound).push({ json: result.json, pairedItem });
		} catch (error) {
			if (this.continueOnFail()) {
				answered.push({ json: { ...items[itemIndex].json, error: (error as Error).message }, pairedItem });
				continue;
			}
			throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
		}
	}
	return [answered, notFound];
}
