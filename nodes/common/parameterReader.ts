import { isExpression, type IExecuteFunctions } from 'n8n-workflow';

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return isExpression(value);
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

export type ParameterReader = <T>(name: string, itemIndex: number, fallback: T) => T;

/**
 * Reads a node parameter per item only when it holds an expression; a plain value is read once for
 * the execution, as it is the same for every item. n8n resolves each getNodeParameter call in full
 * (defaults, schema checks, copies): per item, on nodes every ticket passes, that cost more than
 * the nodes' own work. Values are shared between items: callers must not change them.
 */
export function parameterReader(ctx: IExecuteFunctions): ParameterReader {
	const parameters = ctx.getNode().parameters;
	const plain = new Map<string, unknown>();
	return <T>(name: string, itemIndex: number, fallback: T): T => {
		if (plain.has(name)) return plain.get(name) as T;
		const value = ctx.getNodeParameter(name, itemIndex, fallback as never) as T;
		if (!holdsExpression(parameters[name])) plain.set(name, value);
		return value;
	};
}
