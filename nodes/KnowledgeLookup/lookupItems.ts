/**
 * Knowledge Lookup's execution. Parameters are read once per execution (none varies per ticket);
 * the knowledge base, its index and its intent model come from content-keyed caches, so items
 * only pay for matching. Answered tickets leave on output 0, the rest on output 1. With the
 * OpenAI-compatible provider a grounded answer is written by the model (see groundedLookup);
 * provider failures are handled there, so items are never dropped.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import {
	entriesFromFile,
	entriesFromInline,
	entriesFromValue,
	getKnowledgeBase,
	groundedLookup,
	lookupKnowledge,
	lookupParts,
	DEFAULT_ROUTINE_MAX_HUMAN_SCORE,
	type LookupResult,
	type RoutineOptions,
	type OnKnowledgeProviderFailure,
	type KnowledgeBase,
	type KnowledgeFormat,
} from '../shared/knowledge';
import type { ConnectionOptions } from '../shared/providers';
import type { Ticket } from '../shared/ticket';
import { readPath as getField } from '../shared/field-path';
import { boundedConcurrency, connectionFrom, type OpenAiCompatibleCredentials } from '../shared/providers/credentials';

type Source = 'inline' | 'file' | 'field';

interface NodeOptions {
	addReply?: boolean;
	concurrency?: number;
	embeddingModel?: string;
	hybridSearch?: boolean;
	maxRetries?: number;
	timeoutMs?: number;
	languageField?: string;
	maxSources?: number;
	routineThreshold?: number;
	routineMaxHumanScore?: number;
	textField?: string;
}

interface OpenAiSettings {
	connection: ConnectionOptions;
	model: string;
	onFailure: OnKnowledgeProviderFailure;
	concurrency: number;
	/** Set when hybrid search is on. */
	embeddingModel?: string;
}


interface Settings {
	source: Source;
	threshold: number;
	textField: string;
	languageField: string;
	addReply: boolean;
	maxSources: number;
	routine?: RoutineOptions;
	entriesField: string;
	openAi?: OpenAiSettings;
	/** Built once when the source does not vary per item. */
	sharedBase?: KnowledgeBase;
	/** Why the shared base could not be built; every item reports it. */
	sharedError?: NodeOperationError;
}

async function readOpenAiSettings(ctx: IExecuteFunctions, options: NodeOptions): Promise<OpenAiSettings | undefined> {
	if (ctx.getNodeParameter('provider', 0, 'embedded') !== 'openAiCompatible') return undefined;
	const credentials = (await ctx.getCredentials('openAiCompatibleApi')) as OpenAiCompatibleCredentials;
	const model = (ctx.getNodeParameter('model', 0, '') as string).trim() || credentials.chatModel;
	if (!model) throw new NodeOperationError(ctx.getNode(), 'Parameter "Model" is empty and the credential has no default chat model');
	const embeddingModel = options.hybridSearch ? options.embeddingModel?.trim() || credentials.embeddingModel : undefined;
	if (options.hybridSearch && !embeddingModel) {
		throw new NodeOperationError(ctx.getNode(), 'Option "Embedding Model" is empty and the credential has no default embedding model');
	}
	return {
		embeddingModel,
		connection: connectionFrom(credentials, options),
		model,
		onFailure: ctx.getNodeParameter('onProviderFailure', 0, 'fallback') as OnKnowledgeProviderFailure,
		concurrency: boundedConcurrency(options.concurrency),
	};
}

/** A score setting, 0–1; `setting` names it as the editor shows it ('Parameter "…"', 'Option "…"'). */
function unitInterval(ctx: IExecuteFunctions, value: unknown, setting: string): number {
	if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || value > 1) {
		throw new NodeOperationError(ctx.getNode(), `${setting} must be between 0 and 1, got ${String(value)}`);
	}
	return value;
}

function readRoutine(ctx: IExecuteFunctions, options: NodeOptions): RoutineOptions | undefined {
	if (options.routineThreshold === undefined) return undefined;
	return {
		threshold: unitInterval(ctx, options.routineThreshold, 'Option "Routine Threshold"'),
		maxHumanScore: unitInterval(ctx, options.routineMaxHumanScore ?? DEFAULT_ROUTINE_MAX_HUMAN_SCORE, 'Option "Routine Max Human Score"'),
	};
}

async function readSettings(ctx: IExecuteFunctions): Promise<Settings> {
	const source = ctx.getNodeParameter('knowledgeSource', 0) as Source;
	const options = ctx.getNodeParameter('options', 0, {}) as NodeOptions;
	const threshold = unitInterval(ctx, ctx.getNodeParameter('threshold', 0, 0.5), 'Parameter "Confidence Threshold"');
	const settings: Settings = {
		source,
		threshold,
		textField: options.textField?.trim() || 'message.text',
		languageField: options.languageField?.trim() ?? '',
		addReply: options.addReply !== false,
		maxSources: options.maxSources ?? 3,
		routine: readRoutine(ctx, options),
		entriesField: source === 'field' ? (ctx.getNodeParameter('entriesField', 0, 'knowledgeBase') as string) : '',
		openAi: await readOpenAiSettings(ctx, options),
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

interface PreparedItem {
	ticket: Partial<Ticket>;
	kb: KnowledgeBase;
	text: string;
}

function prepareItem(ctx: IExecuteFunctions, settings: Settings, item: INodeExecutionData, itemIndex: number): PreparedItem {
	const json = item.json;
	const kb = baseForItem(ctx, settings, json, itemIndex);
	const text = getField(json, settings.textField);
	if (typeof text !== 'string') {
		throw new NodeOperationError(ctx.getNode(), `Field "${settings.textField}" must be a text, got ${text === undefined ? 'nothing' : typeof text}`, { itemIndex });
	}
	const ticket = json as unknown as Partial<Ticket>;
	const language = settings.languageField ? getField(json, settings.languageField) : undefined;
	return {
		ticket: typeof language === 'string' && language ? { ...ticket, triage: undefined, customer: { ...ticket.customer, language } } : ticket,
		kb,
		text,
	};
}

function toOutput(json: IDataObject, result: LookupResult): { answered: boolean; json: IDataObject } {
	const out: IDataObject = { ...json, knowledge: result.knowledge as unknown as IDataObject };
	if (result.reply) out.reply = result.reply as unknown as IDataObject;
	return { answered: result.knowledge.answered, json: out };
}

/** Embedded items stay synchronous: at thousands of tickets a second, a promise per item shows. */
function lookupItem(ctx: IExecuteFunctions, settings: Settings, item: INodeExecutionData, itemIndex: number): { answered: boolean; json: IDataObject } | Promise<{ answered: boolean; json: IDataObject }> {
	const { ticket, kb, text } = prepareItem(ctx, settings, item, itemIndex);
	const common = { threshold: settings.threshold, text, reply: settings.addReply, maxSources: settings.maxSources, routine: settings.routine };
	// A joined burst answers each of its messages (parts.ts); the grounded model reads them all in the joined text.
	if (!settings.openAi) return toOutput(item.json, settings.textField === 'message.text' ? lookupParts(ticket, kb, common) : lookupKnowledge(ticket, kb, common));
	return groundedLookup(ticket, kb, {
		...common,
		connection: settings.openAi.connection,
		model: settings.openAi.model,
		onFailure: settings.openAi.onFailure,
		embeddings: settings.openAi.embeddingModel ? { model: settings.openAi.embeddingModel } : undefined,
	}).then((result) => toOutput(item.json, result));
}

export async function lookupItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const settings = await readSettings(this);
	const results: Array<{ answered: boolean; item: INodeExecutionData } | undefined> = new Array(items.length);
	const fail = (error: unknown, itemIndex: number) => {
		if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
		results[itemIndex] = { answered: true, item: { json: { ...items[itemIndex].json, error: (error as Error).message }, pairedItem: { item: itemIndex } } };
	};
	const handle = async (itemIndex: number) => {
		try {
			const result = await lookupItem(this, settings, items[itemIndex], itemIndex);
			results[itemIndex] = { answered: result.answered, item: { json: result.json, pairedItem: { item: itemIndex } } };
		} catch (error) {
			fail(error, itemIndex);
		}
	};
	if (settings.openAi) {
		await runPool(items.length, settings.openAi.concurrency, handle);
	} else {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const result = lookupItem(this, settings, items[itemIndex], itemIndex) as { answered: boolean; json: IDataObject };
				results[itemIndex] = { answered: result.answered, item: { json: result.json, pairedItem: { item: itemIndex } } };
			} catch (error) {
				fail(error, itemIndex);
			}
		}
	}
	// Kept in input order on each output, whatever order the requests finished in.
	const answered: INodeExecutionData[] = [];
	const notFound: INodeExecutionData[] = [];
	for (const result of results) if (result) (result.answered ? answered : notFound).push(result.item);
	return [answered, notFound];
}

/** Runs task(0..count-1) with at most `limit` in flight; the first thrown error stops the rest. */
async function runPool(count: number, limit: number, task: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}
