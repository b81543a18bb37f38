/**
 * Checks a value against the JSON Schema subset that OpenAI's strict structured outputs accept
 * (type, enum, const, properties, required, additionalProperties, items, anyOf, plus numeric and
 * array bounds). Hand-written because that subset is small and a full validator would add a
 * runtime dependency to every n8n install for a check that runs once per provider answer.
 */

export type JsonSchema = {
	type?: string | string[];
	enum?: readonly unknown[];
	const?: unknown;
	properties?: Record<string, JsonSchema>;
	required?: readonly string[];
	additionalProperties?: boolean | JsonSchema;
	items?: JsonSchema;
	anyOf?: JsonSchema[];
	minimum?: number;
	maximum?: number;
	minItems?: number;
	maxItems?: number;
	description?: string;
};

/** Problems found, each naming the path ("$.flags.legal: expected boolean"); empty when valid. */
export function validateJsonSchema(schema: JsonSchema, value: unknown, path = '$'): string[] {
	const errors: string[] = [];
	if (schema.anyOf) {
		const fits = schema.anyOf.some((option) => validateJsonSchema(option, value, path).length === 0);
		if (!fits) errors.push(`${path}: matches none of anyOf`);
		return errors;
	}
	if (schema.type !== undefined) {
		const types = Array.isArray(schema.type) ? schema.type : [schema.type];
		if (!types.some((type) => hasType(value, type))) {
			errors.push(`${path}: expected ${types.join(' or ')}`);
			return errors;
		}
	}
	if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
		errors.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`);
	}
	if ('const' in schema && schema.const !== value) errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
	if (typeof value === 'number') {
		if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
		if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
	}
	if (Array.isArray(value)) {
		if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
		if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
		if (schema.items) value.forEach((item, i) => errors.push(...validateJsonSchema(schema.items as JsonSchema, item, `${path}[${i}]`)));
	}
	if (isObject(value)) {
		for (const key of schema.required ?? []) {
			if (!(key in value)) errors.push(`${path}.${key}: is required`);
		}
		for (const [key, child] of Object.entries(value)) {
			const property = schema.properties?.[key];
			if (property) errors.push(...validateJsonSchema(property, child, `${path}.${key}`));
			else if (schema.additionalProperties === false) errors.push(`${path}.${key}: is not allowed`);
			else if (isObject(schema.additionalProperties)) errors.push(...validateJsonSchema(schema.additionalProperties, child, `${path}.${key}`));
		}
	}
	return errors;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
	switch (type) {
		case 'string':
			return typeof value === 'string';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'integer':
			return Number.isInteger(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'null':
			return value === null;
		case 'array':
			return Array.isArray(value);
		case 'object':
			return isObject(value);
		default:
			return false;
	}
}
