import type { Ticket } from '../../nodes/shared/ticket';
import type { Engine, PreparedWorkflow } from '../engine';
import type { ReplayTicket } from '../tickets';
import { ROUTER_TYPE, routedItems, toOutcome, type TicketOutcome } from './outcome';

const SLA_TYPE = 'n8n-nodes-support247.slaTimer';

/** Which trigger a ticket enters by, when a template has one per channel. */
const ENTRY_BY_CHANNEL: Record<string, string[]> = {
	whatsapp: ['n8n-nodes-support247.supportWhatsAppTrigger'],
	email: ['n8n-nodes-support247.supportInboxTrigger', 'n8n-nodes-base.emailReadImap'],
	webchat: ['@n8n/n8n-nodes-langchain.chatTrigger', 'n8n-nodes-base.webhook'],
};

export interface BatchRunnerOptions {
	startNode?: string;
}

/** Runs batches of tickets through one prepared workflow on the engine and reads each ticket's outcome. */
export class BatchRunner {
	readonly routerNodes: string[];
	private readonly slaNodes: string[];
	private readonly entryByChannel = new Map<string, string>();
	private readonly defaultEntry: string;

	constructor(
		private readonly engine: Engine,
		private readonly prepared: PreparedWorkflow,
		options: BatchRunnerOptions = {},
	) {
		const nodes = prepared.json.nodes.filter((node) => !node.disabled);
		this.routerNodes = nodes.filter((node) => node.type === ROUTER_TYPE).map((node) => node.name);
		this.slaNodes = nodes.filter((node) => node.type === SLA_TYPE).map((node) => node.name);
		if (this.routerNodes.length === 0) {
			throw new Error(`${prepared.workflow.name}: the workflow has no Escalation Router, so no ticket's outcome can be read`);
		}
		if (options.startNode) {
			if (!prepared.workflow.getNode(options.startNode)) {
				throw new Error(`${prepared.workflow.name}: start node "${options.startNode}" does not exist`);
			}
			this.defaultEntry = options.startNode;
			return;
		}
		if (prepared.entryPoints.length === 0) throw new Error(`${prepared.workflow.name}: the workflow has no trigger to start from`);
		this.defaultEntry = prepared.entryPoints[0];
		for (const [channel, types] of Object.entries(ENTRY_BY_CHANNEL)) {
			const entry = nodes.find((node) => types.includes(node.type) && prepared.entryPoints.includes(node.name));
			if (entry) this.entryByChannel.set(channel, entry.name);
		}
	}

	entryFor(ticket: Ticket): string {
		return this.entryByChannel.get(String(ticket.channel)) ?? this.defaultEntry;
	}

	async run(batch: ReplayTicket[]): Promise<TicketOutcome[]> {
		const byEntry = new Map<string, ReplayTicket[]>();
		for (const item of batch) {
			const entry = this.entryFor(item.ticket);
			byEntry.set(entry, [...(byEntry.get(entry) ?? []), item]);
		}
		const outcomes: TicketOutcome[] = [];
		for (const [entry, group] of byEntry) outcomes.push(...(await this.runGroup(entry, group)));
		return outcomes;
	}

	private async runGroup(entry: string, group: ReplayTicket[]): Promise<TicketOutcome[]> {
		const result = await this.engine.run(this.prepared, {
			startNode: entry,
			// Nodes add sections and keep the rest; a shallow copy keeps the reader's ticket untouched all the same.
			items: group.map(({ ticket }) => ({ ...ticket, customer: { ...ticket.customer }, message: { ...ticket.message } }) as never),
		});
		if (result.error && group.length > 1) {
			// One bad ticket must not take its batch down with it: replay the batch one by one.
			const single: TicketOutcome[] = [];
			for (const item of group) single.push(...(await this.runGroup(entry, [item])));
			return single;
		}
		const routed = new Map<string, ReturnType<typeof routedItems>[number]>();
		for (const item of routedItems(result, this.routerNodes)) {
			if (!routed.has(item.json.ticketId)) routed.set(item.json.ticketId, item);
		}
		// The SLA Timer runs after the router on the human path: its deadlines join the outcome.
		const slaById = new Map<string, Ticket['sla']>();
		for (const name of this.slaNodes) {
			for (const items of result.outputs[name] ?? []) {
				for (const item of items) {
					const json = item.json as unknown as Ticket;
					if (json.sla && !slaById.has(json.ticketId)) slaById.set(json.ticketId, json.sla);
				}
			}
		}
		const capturedById = new Map<string, number>();
		for (const message of result.captured) {
			const id = String((message.json as { ticketId?: unknown }).ticketId ?? '');
			capturedById.set(id, (capturedById.get(id) ?? 0) + 1);
		}
		const error = result.error ? `${result.error.node ?? 'workflow'}: ${result.error.message}` : undefined;
		return group.map((item) => {
			const id = item.ticket.ticketId;
			const outcome = toOutcome(item, routed.get(id), capturedById.get(id) ?? 0, routed.has(id) ? undefined : error);
			const sla = slaById.get(id);
			if (sla && !outcome.firstResponseDueAt) {
				outcome.firstResponseDueAt = sla.firstResponseDueAt;
				outcome.resolutionDueAt = sla.resolutionDueAt;
			}
			return outcome;
		});
	}
}
