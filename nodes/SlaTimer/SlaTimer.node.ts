import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { readCalendar } from '../common/readCalendar';
import { readTicket, writeSections } from '../common/ticketField';
import { annotateSla, checkSla, wakeAt, type CheckOptions, type SlaState } from '../shared/sla';
import type { Ticket } from '../shared/ticket';
import { slaProperties } from './description';
import { readPolicy } from './readPolicy';

const OUTPUT: Record<SlaState, number> = { ok: 0, at_risk: 1, breached: 2 };

// Routes to ok / at risk / breached and can pause the execution: not a tool for an AI agent.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class SlaTimer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Support SLA Timer',
		name: 'slaTimer',
		icon: 'file:slaTimer.svg',
		group: ['transform'],
		version: 1,
		description: 'First-response and resolution deadlines in business hours: annotate, check, or wait durably until a deadline',
		subtitle: '={{$parameter["mode"]}}',
		defaults: { name: 'SLA Timer' },
		// eslint-disable-next-line n8n-nodes-base/node-class-description-inputs-wrong-regular-node
		inputs: [NodeConnectionTypes.Main],
		// eslint-disable-next-line n8n-nodes-base/node-class-description-outputs-wrong
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['ok', 'at risk', 'breached'],
		properties: slaProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = [[], [], []];
		let mode: string;
		let ticketField: string;
		let check: CheckOptions & { wake?: 'deadline' | 'atRisk' };
		let policy;
		let calendar;
		try {
			mode = this.getNodeParameter('mode', 0) as string;
			calendar = readCalendar(this);
			policy = readPolicy(this);
			const options = this.getNodeParameter('options', 0, {}) as IDataObject;
			ticketField = ((options.ticketField as string) ?? '').trim();
			check = {
				// Only this node file may read the clock: logic takes the ticket's time, then this fallback.
				now: (options.now as string) || new Date(),
				priorityFrom: (options.priorityFrom as 'urgency' | 'priority') ?? 'urgency',
				defaultPriority: options.defaultPriority as CheckOptions['defaultPriority'],
			};
			if (mode !== 'annotate') {
				check.target = this.getNodeParameter('target', 0, 'firstResponse') as CheckOptions['target'];
				check.atRiskThreshold = (this.getNodeParameter('atRiskPercent', 0, 80) as number) / 100;
			}
			if (mode === 'check') check.at = (this.getNodeParameter('responseTime', 0, '') as string) || undefined;
			if (mode === 'wait') check.wake = this.getNodeParameter('wakeAt', 0, 'deadline') as 'deadline' | 'atRisk';
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}

		// Wait mode: one wait per execution, until the earliest wake-up among the items, so no ticket is late.
		const tickets: Array<Ticket | Error> = items.map((item) => {
			try {
				return readTicket(item.json, ticketField);
			} catch (error) {
				return error as Error;
			}
		});
		let waitTill: Date | undefined;
		if (mode === 'wait') {
			for (const ticket of tickets) {
				if (ticket instanceof Error) continue;
				try {
					const wake = wakeAt(ticket, policy, calendar, check);
					if (!waitTill || wake < waitTill) waitTill = wake;
				} catch {
					// Reported per item below.
				}
			}
		}

		// Every result in item order, for wait mode (see below).
		const inOrder: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const item = items[itemIndex];
			try {
				const ticket = tickets[itemIndex];
				if (ticket instanceof Error) throw ticket;
				const sla = annotateSla(ticket, policy, calendar, check);
				const result = checkSla(ticket, policy, calendar, waitTill ? { ...check, at: waitTill } : check, sla);
				sla.state = result.state;
				if (mode !== 'annotate') sla.check = { target: result.target, dueAt: result.dueAt, used: result.used, checkedAt: result.checkedAt };
				if (waitTill) sla.waitTill = calendar.toDateTime(waitTill).toISO() as string;
				const json = writeSections(item.json, ticketField, { sla: sla as unknown as IDataObject });
				const out = { json, pairedItem: { item: itemIndex } };
				outputs[OUTPUT[result.state]].push(out);
				inOrder.push(out);
			} catch (error) {
				if (this.continueOnFail()) {
					const out = { json: { ...item.json, error: (error as Error).message }, pairedItem: { item: itemIndex } };
					outputs[0].push(out);
					inOrder.push(out);
					continue;
				}
				throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
			}
		}

		// Durable, like n8n's Wait node: the execution is saved and resumed by n8n after the date, even across
		// restarts; never an in-process timer. The simulator records the date instead of sleeping.
		if (waitTill) {
			await this.putExecutionToWait(waitTill);
			// A real n8n resumes a waiting execution by running this node again as a *disabled* node: it drops
			// what execute() returned and passes the saved *input* items on through the *first* output
			// (WorkflowExecute.handleWaitingState / handleDisabledNode, n8n 2.41). So the annotated items take the
			// input items' place in the array n8n saves with the waiting execution, and all of them leave by the
			// first output, now as they will after the resume; sla.state tells ok, at risk or breached.
			items.splice(0, items.length, ...inOrder);
			return [inOrder, [], []];
		}
		return outputs;
	}
}
