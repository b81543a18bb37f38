/**
 * Support Triage's execution: parameters are read once per execution (none of them varies per
 * ticket), the knowledge base and its intent model come from content-keyed caches, and each item
 * gets a `triage` section. Items are never dropped: a provider failure falls back inside
 * openAiTriage, and a bad item fails alone under continueOnFail.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { getIntentModel } from '../shared/intent';
import type { ConnectionOptions } from '../shared/providers';
import type { Ticket, TriageSection } from '../shared/ticket';
import {
	DEFAULT_SYSTEM_INTENTS,
	FLAG_NAMES,
	openAiTriage,
	TriageInputError,
	triageTicket,
	type FlagName,
	type OnProviderFailure,
	type TriageOptions,
} from '../shared/triage';
import { loadKnowledgeBase, type KnowledgeSource } from './knowledgeBase';
import { boundedConcurrency, connectionFrom, type OpenAiCompatibleCredentials } from '../shared/providers/credentials';

interface NodeOptions {
	b2bMinQuantity?: number;
	concurrency?: number;
	confidenceThreshold?: number;
	defaultLanguage?: string;
	humanFlags?: string[];
	languages?: string;
	languageField?: string;
	maxRetries?: number;
	outputField?: string;
	returnWindowDays?: number;
	systemIntents?: string;
	textField?: string;
	timeoutMs?: number;
}

interface OpenAiSettings {
	connection: ConnectionOptions;
	model: string;
	onFailure: OnProviderFailure;
	concurrency: number;
	intents?: Array<{ id: string; description?: string }>;
}

interface Settings {
	triage: TriageOptions;
	textPath: string;
	languagePath: string;
	outputField: string;
	openAi?: OpenAiSettings;
}


export async function triageItems(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const settings = await readSettings(this);
	const results: Array<INodeExecutionData | undefined> = new Array(items.length);

	const handle = async (itemIndex: number) => {
		const item = items[itemIndex];
		try {
			const ticket = ticketView(this, item.json, settings, itemIndex);
			const section: TriageSection = settings.openAi
				? await openAiTriage(ticket, { ...settings.openAi, embedded: settings.triage, languages: settings.triage.languages })
				: triageTicket(ticket, settings.triage);
			results[itemIndex] = { json: { ...item.json, [settings.outputField]: section as unknown as IDataObject }, pairedItem: { item: itemIndex } };
		} catch (error) {
			const failure = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw failure;
			results[itemIndex] = { json: { ...item.json, error: failure.message }, pairedItem: { item: itemIndex } };
		}
	};

	if (settings.openAi) {
		await runPool(items.length, settings.openAi.concurrency, handle);
	} else {
		for (let i = 0; i < items.length; i++) await handle(i);
	}
	return [results as INodeExecutionData[]];
}

async function readSettings(ctx: IExecuteFunctions): Promise<Settings> {
	const options = ctx.getNodeParameter('options', 0, {}) as NodeOptions;
	const provider = ctx.getNodeParameter('provider', 0, 'embedded') as string;
	const source = ctx.getNodeParameter('knowledgeSource', 0, 'none') as KnowledgeSource;
	const entries = loadKnowledgeBase(
		ctx.getNode(),
		source,
		source === 'inline' ? ctx.getNodeParameter('knowledgeJson', 0, '[]') : undefined,
		source === 'file' ? (ctx.getNodeParameter('knowledgeFile', 0, '') as string) : '',
	);

	const systemIntents = splitList(options.systemIntents) ?? DEFAULT_SYSTEM_INTENTS;
	const triage: TriageOptions = {
		intentModel: entries ? getIntentModel(entries) : undefined,
		confidenceThreshold: options.confidenceThreshold ?? 0.5,
		systemIntents: entries ? [...systemIntents, ...entries.filter((entry) => entry.tier === 'L2').map((entry) => entry.id)] : systemIntents,
		humanFlags: (options.humanFlags ?? [...FLAG_NAMES]).filter((flag): flag is FlagName => (FLAG_NAMES as readonly string[]).includes(flag)),
		languages: splitList(options.languages) ?? ['es', 'pt', 'en'],
		defaultLanguage: options.defaultLanguage || 'en',
		returnWindowDays: options.returnWindowDays ?? 30,
		b2bMinQuantity: options.b2bMinQuantity ?? 100,
	};
	const settings: Settings = {
		triage,
		textPath: options.textField || 'message.text',
		languagePath: options.languageField || 'customer.language',
		outputField: options.outputField || 'triage',
	};
	if (provider === 'openAiCompatible') {
		const credentials = (await ctx.getCredentials('openAiCompatibleApi')) as OpenAiCompatibleCredentials;
		const model = (ctx.getNodeParameter('model', 0, '') as string) || credentials.chatModel;
		if (!model) throw new NodeOperationError(ctx.getNode(), 'Parameter "Model" is empty and the credential has no default chat model');
		settings.openAi = {
			connection: connectionFrom(credentials, options),
			model,
			onFailure: ctx.getNodeParameter('onProviderFailure', 0, 'fallback') as OnProviderFailure,
			concurrency: boundedConcurrency(options.concurrency),
			intents: entries?.map((entry) => ({ id: entry.id, description: entry.title })),
		};
	}
	return settings;
}

/** The ticket as triage reads it; custom field paths let users feed their own item shapes. */
function ticketView(ctx: IExecuteFunctions, json: IDataObject, settings: Settings, itemIndex: number): Pick<Ticket, 'message' | 'customer' | 'channel'> {
	const ticket = json as unknown as Ticket;
	if (settings.textPath === 'message.text' && settings.languagePath === 'customer.language') {
		if (typeof ticket.message?.text !== 'string') throw missingField(ctx, 'message.text', itemIndex);
		return ticket;
	}
	const text = readPath(json, settings.textPath);
	if (typeof text !== 'string') throw missingField(ctx, settings.textPath, itemIndex);
	const language = readPath(json, settings.languagePath);
	return {
		channel: ticket.channel,
		message: { text, subject: typeof ticket.message?.subject === 'string' ? ticket.message.subject : undefined },
		customer: { language: typeof language === 'string' ? language : undefined },
	};
}

function missingField(ctx: IExecuteFunctions, field: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `field "${field}" is missing or not a string`, {
		itemIndex,
		description: `Support Triage reads the customer's text from "${field}". Set Options > Text Field if your items keep it elsewhere.`,
	});
}

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	if (error instanceof TriageInputError) return missingField(ctx, error.field, itemIndex);
	return new NodeOperationError(ctx.getNode(), (error as Error).message ?? String(error), { itemIndex });
}

function readPath(value: unknown, path: string): unknown {
	let current = value;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function splitList(value: string | undefined): string[] | undefined {
	const list = (value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
	return list.length > 0 ? list : undefined;
}

/** Runs task(0..count-1) with at most `limit` in flight; the first thrown error stops the rest. */
async function runPool(count: number, limit: number, task: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}
