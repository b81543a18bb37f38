import type { IExecuteFunctions } from 'n8n-workflow';
import { parameterReader } from '../../nodes/common/parameterReader';

/** A node context whose getNodeParameter answers from `values` per item and counts its calls. */
function context(parameters: Record<string, unknown>, values: (name: string, itemIndex: number) => unknown) {
	const calls: string[] = [];
	const ctx = {
		getNode: () => ({ parameters }),
		getNodeParameter: (name: string, itemIndex: number) => {
			calls.push(`${name}@${itemIndex}`);
			return values(name, itemIndex);
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

describe('parameterReader', () => {
	it('reads a plain parameter once for the execution and an expression per item', () => {
		const { ctx, calls } = context({ channelField: 'channel', person: '={{ $json.owner }}' }, (name, i) => (name === 'person' ? `owner-${i}` : 'channel'));
		const param = parameterReader(ctx);
		const read = [0, 1, 2].map((i) => [param('channelField', i, ''), param('person', i, '')]);
		expect(read).toEqual([
			['channel', 'owner-0'],
			['channel', 'owner-1'],
			['channel', 'owner-2'],
		]);
		expect(calls).toEqual(['channelField@0', 'person@0', 'person@1', 'person@2']);
	});

	it('reads a collection per item when any value inside it is an expression', () => {
		const { ctx, calls } = context({ options: { listButton: 'Options', nested: [{ text: '={{ $json.x }}' }] }, plainOptions: { listButton: 'Options' } }, (name, i) => ({ name, i }));
		const param = parameterReader(ctx);
		for (const i of [0, 1]) {
			param('options', i, {});
			param('plainOptions', i, {});
		}
		expect(calls).toEqual(['options@0', 'plainOptions@0', 'options@1']);
	});

	it('keeps reading per item while a read fails, so each item gets its own error', () => {
		let fail = true;
		const { ctx, calls } = context({ mode: 'a' }, () => {
			if (fail) throw new Error('bad');
			return 'a';
		});
		const param = parameterReader(ctx);
		expect(() => param('mode', 0, '')).toThrow('bad');
		fail = false;
		expect(param('mode', 1, '')).toBe('a');
		expect(param('mode', 2, '')).toBe('a');
		expect(calls).toEqual(['mode@0', 'mode@1']);
	});
});
