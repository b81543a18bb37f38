import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Test-only node types for exercising the engine without our real nodes. */

export const shout: INodeType = {
	description: {
		displayName: 'Shout',
		name: 'shout',
		group: ['transform'],
		version: 1,
		description: 'Upper-cases a text parameter',
		defaults: { name: 'Shout' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Text', name: 'text', type: 'string', default: '' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, i) => ({
				json: { ...item.json, shouted: (this.getNodeParameter('text', i) as string).toUpperCase() },
				pairedItem: { item: i },
			})),
		];
	},
};

export const splitByLength: INodeType = {
	description: {
		displayName: 'Split By Length',
		name: 'splitByLength',
		group: ['transform'],
		version: 1,
		description: 'Short texts to output 0, long texts to output 1',
		defaults: { name: 'Split' },
		inputs: ['main'],
		outputs: ['main', 'main'],
		outputNames: ['short', 'long'],
		properties: [{ displayName: 'Max', name: 'max', type: 'number', default: 5 }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const short: INodeExecutionData[] = [];
		const long: INodeExecutionData[] = [];
		this.getInputData().forEach((item, i) => {
			const max = this.getNodeParameter('max', i) as number;
			(String(item.json.text).length <= max ? short : long).push({ json: item.json, pairedItem: { item: i } });
		});
		return [short, long];
	},
};

export const explode: INodeType = {
	description: {
		displayName: 'Explode',
		name: 'explode',
		group: ['transform'],
		version: 1,
		description: 'Always fails',
		defaults: { name: 'Explode' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		throw new NodeOperationError(this.getNode(), 'field "message.text" is missing', { itemIndex: 0 });
	},
};

export const testNodeTypes = {
	'test.shout': shout,
	'test.splitByLength': splitByLength,
	'test.explode': explode,
};
