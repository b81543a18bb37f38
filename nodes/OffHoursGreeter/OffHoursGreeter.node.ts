import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { BusinessCalendar } from '../shared/calendar';
import { greetTicket, type GreetOptions } from '../shared/greeting';
import { readCalendar } from '../common/readCalendar';
import { resolveInputLimits, type InputLimits } from '../shared/input-limits';
import { isChannelEvent, toTicketShape } from '../shared/ticket-input';
import { readTicket, writeSections } from '../common/ticketField';
import { greeterProperties } from './description';

// Routes to open / closed; as an AI tool only the first output would be seen.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class OffHoursGreeter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support Off-Hours Greeter',
		name: 'offHoursGreeter',
		icon: 'file:offHoursGreeter.svg',
		group: ['transform'],
		version: 1,
		description: 'Knows the business hours and holidays, and greets customers off hours with when a person is back',
		subtitle: '={{$parameter["alwaysOpen"] ? "24/7" : ($parameter["timeZone"] || "workflow time zone")}}',
		defaults: { name: 'Off-Hours Greeter' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['open', 'closed'],
		properties: greeterProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		let calendar: BusinessCalendar;
		let options: GreetOptions;
		let ticketField: string;
		let limits: InputLimits;
		// Parameters cannot vary per item here, so they are read (and the calendar compiled) once.
		try {
			calendar = readCalendar(this);
			const extra = this.getNodeParameter('options', 0, {}) as IDataObject;
			ticketField = ((extra.ticketField as string) ?? '').trim();
			limits = resolveInputLimits(extra);
			const language = this.getNodeParameter('language', 0, 'auto') as string;
			const templates: Record<string, string[]> = {};
			const entries = ((this.getNodeParameter('templates', 0, {}) as IDataObject).template ?? []) as Array<{ language: string; text: string }>;
			for (const entry of entries) (templates[entry.language] ??= []).push(entry.text);
			options = {
				// Only this node file may read the clock: logic takes the ticket's time, then this fallback.
				now: (extra.now as string) || new Date(),
				language: language === 'auto' ? undefined : language,
				defaultLanguage: language === 'auto' ? (this.getNodeParameter('defaultLanguage', 0, 'en') as string) : undefined,
				businessName: this.getNodeParameter('businessName', 0, '') as string,
				templates,
			};
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}

		const fixedNow = options.now instanceof Date ? options.now.toISOString() : String(options.now);
		const receivedNow = () => fixedNow;
		const open: INodeExecutionData[] = [];
		const closed: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			try {
				// As the first node after a Webhook or Chat Trigger, it also gives their payload the ticket shape.
				const incoming = ticketField ? item.json : (toTicketShape(item.json, receivedNow, limits) as IDataObject);
				// Delivery and read statuses and echoes belong to the conversation, not to a new ticket.
				if (!ticketField && isChannelEvent(incoming)) continue;
				const hours = greetTicket(readTicket(incoming, ticketField), calendar, options);
				const json = writeSections(incoming, ticketField, { hours: hours as unknown as IDataObject });
				(hours.open ? open : closed).push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					open.push({ json: { ...item.json, error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
			}
		}
		return [open, closed];
	}
}
