/**
 * n8n-core logs a node failure and each cause in its chain; a NodeOperationError made from a message has an
 * OperationalError with the same message as its cause. The engine's reporter sees each message once.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';
import { withoutRepeatedCauses } from '../../simulator/engine/error-reporting';

const node = { id: '1', name: 'Boom', type: 'test.explode', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

const chain = (error: Error) => {
	const messages: string[] = [];
	for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
	return messages;
};

describe('engine error reporting', () => {
	it('drops a cause that only repeats the message, and leaves the error itself untouched', () => {
		const error = new NodeOperationError(node, 'field "message.text" is missing', { itemIndex: 0 });
		expect(chain(error)).toEqual(['field "message.text" is missing', 'field "message.text" is missing']);
		const view = withoutRepeatedCauses(error);
		expect(chain(view)).toEqual(['field "message.text" is missing']);
		expect(view).toBeInstanceOf(NodeOperationError);
		expect({ message: view.message, stack: view.stack, context: (view as NodeOperationError).context }).toEqual({ message: error.message, stack: error.stack, context: error.context });
		expect(chain(error)).toHaveLength(2);
	});

	it('keeps causes that say something else, and stops on a cycle', () => {
		const root = new Error('mailbox is locked by another session');
		const error = new NodeOperationError(node, root);
		expect(chain(withoutRepeatedCauses(new Error('cannot read the inbox', { cause: error })))).toEqual(['cannot read the inbox', 'mailbox is locked by another session']);
		const a = new Error('a');
		const b = new Error('b', { cause: a });
		a.cause = b;
		expect(chain(withoutRepeatedCauses(a)).slice(0, 3)).toEqual(['a', 'b']);
		const plain = new Error('plain');
		expect(withoutRepeatedCauses(plain)).toBe(plain);
	});
});
