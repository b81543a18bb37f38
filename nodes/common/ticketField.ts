import type { IDataObject } from 'n8n-workflow';
import type { Ticket } from '../shared/ticket';

/**
 * The ticket inside an item: the item itself by default, or a nested object named by a dotted path
 * ("Ticket Field" option) for workflows that carry their own shapes.
 */
export function readTicket(json: IDataObject, path: string): Ticket {
	const ticket = valueAt(json, path);
	if (!ticket || typeof ticket !== 'object') throw new Error(`${path || 'item'}: no ticket object found (set "Ticket Field" if the ticket is nested)`);
	const message = (ticket as Ticket).message;
	if (!message || typeof message !== 'object') throw new Error(`${path ? `${path}.` : ''}message: the ticket has no message object`);
	return ticket as Ticket;
}

/** What the dotted path names in the item (the item itself for an empty path), or undefined. */
export function valueAt(json: IDataObject, path: string): unknown {
	return path ? path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], json) : json;
}

/** A copy of the item's JSON with `sections` merged into the ticket (other sections are kept). */
export function writeSections(json: IDataObject, path: string, sections: IDataObject): IDataObject {
	if (!path) return { ...json, ...sections };
	const [head, ...rest] = path.split('.');
	return { ...json, [head]: writeSections((json[head] as IDataObject) ?? {}, rest.join('.'), sections) };
}
