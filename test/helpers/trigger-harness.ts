/**
 * Runs a trigger node's trigger() outside n8n with a minimal ITriggerFunctions-like context,
 * as n8n's own trigger tests do. Records what it emits; static data is a plain object the test
 * can keep across "restarts".
 */
import type { IDataObject, INodeExecutionData, INodeType, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';

export interface TriggerHarnessOptions {
	parameters?: Record<string, unknown>;
	credentials?: Record<string, IDataObject>;
	/** Shared across harnesses to simulate n8n persisting workflow static data. */
	staticData?: IDataObject;
	mode?: 'trigger' | 'manual';
	nodeName?: string;
	nodeType?: string;
	/** Called with each emitted batch's items, e.g. to run the rest of a workflow. */
	onEmit?(items: IDataObject[]): void;
}

export interface TriggerHarness {
	emitted: INodeExecutionData[][][];
	/** Every emitted item's json, in order. */
	items(): IDataObject[];
	staticData: IDataObject;
	logs: Array<{ level: string; message: string }>;
	start(): Promise<ITriggerResponse | undefined>;
	waitForItems(count: number, timeoutMs?: number): Promise<IDataObject[]>;
	close(): Promise<void>;
}

export function createTriggerHarness(node: INodeType, options: TriggerHarnessOptions = {}): TriggerHarness {
	const parameters = options.parameters ?? {};
	const staticData = options.staticData ?? {};
	const emitted: INodeExecutionData[][][] = [];
	const logs: Array<{ level: string; message: string }> = [];
	const waiters: Array<() => void> = [];
	let response: ITriggerResponse | undefined;

	const log = (level: string) => (message: string) => {
		logs.push({ level, message });
	};
	const nodeDescription = {
		id: 'trigger-under-test',
		name: options.nodeName ?? 'Trigger',
		type: options.nodeType ?? `n8n-nodes-support247.${node.description.name}`,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: parameters as never,
	};

	const context = {
		getNodeParameter(name: string, fallback?: unknown) {
			return name in parameters ? parameters[name] : fallback;
		},
		async getCredentials(type: string) {
			const found = options.credentials?.[type];
			if (!found) throw new Error(`No credentials of type "${type}"`);
			return found;
		},
		getWorkflowStaticData: () => staticData,
		getNode: () => nodeDescription,
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getTimezone: () => 'America/Mexico_City',
		emit(data: INodeExecutionData[][]) {
			emitted.push(data);
			options.onEmit?.(data.flatMap((output) => output.map((item) => item.json)));
			for (const wake of waiters.splice(0)) wake();
		},
		emitError(error: Error) {
			logs.push({ level: 'emitError', message: error.message });
		},
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), verbose: log('verbose') },
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	} as unknown as ITriggerFunctions;

	const items = () => emitted.flatMap((run) => run.flatMap((output) => output.map((item) => item.json)));

	return {
		emitted,
		items,
		staticData,
		logs,
		async start() {
			if (!node.trigger) throw new Error(`${node.description.name} has no trigger()`);
			response = await node.trigger.call(context);
			return response;
		},
		async waitForItems(count, timeoutMs = 60_000) {
			let timer: NodeJS.Timeout | undefined;
			const timeout = new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`expected ${count} emitted items, got ${items().length}: ${JSON.stringify(logs.slice(-5))}`)), timeoutMs);
			});
			try {
				while (items().length < count) await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), timeout]);
			} finally {
				clearTimeout(timer);
			}
			return items();
		},
		async close() {
			await response?.closeFunction?.();
			response = undefined;
		},
	};
}
