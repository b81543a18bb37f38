import { dropMemoryBackend, identityKey, memoryBackend } from '../../nodes/shared/conversation';
import type { Ticket } from '../../nodes/shared/ticket';
import type { Engine, PreparedWorkflow } from '../engine';
import type { ReplayTicket } from '../tickets';
import { conversationOf } from './shard';
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

/**
 * A conversation idle for this long (in the history's own time) leaves the replay's memory store, so
 * memory stays bounded by the conversations open in a week, not by the whole history. It would only
 * matter to a conversation that resumes after a week: it is greeted again, as a new one.
 */
export const REPLAY_FORGET_AFTER_MS = 7 * 86_400_000;
const DAY_MS = 86_400_000;

const replayKey = (item: ReplayTicket) => `conversation:${conversationOf(item)}`;

/**
 * The identity the platform would have vouched for, standing for the history's conversation: the web
 * chat session, or the customer id elsewhere. The row's own customer id is not used, so a store
 * replays the file's conversations, whichever worker each lands on.
 */
export function withReplayIdentity(item: ReplayTicket): Ticket {
	const { ticket } = item;
	const key = replayKey(item);
	const message = { ...ticket.message, id: ticket.message.id ?? ticket.ticketId };
	if (ticket.channel === 'webchat') return { ...ticket, sessionId: key, customer: { ...ticket.customer }, message };
	return { ...ticket, customer: { ...ticket.customer, id: key }, message };
}

/**
 * Turns of one conversation cannot share an execution (every Load runs before any Append), so a batch
 * runs in waves: the first turn of each conversation, then the second, each conversation in time order.
 */
export function waves(batch: ReplayTicket[]): ReplayTicket[][] {
	const byConversation = new Map<string, ReplayTicket[]>();
	for (const item of batch) {
		const key = conversationOf(item);
		const turns = byConversation.get(key);
		if (turns) turns.push(item);
		else byConversation.set(key, [item]);
	}
	const out: ReplayTicket[][] = [];
	for (const turns of byConversation.values()) {
		// Stable: turns at the same time keep file order.
		if (turns.length > 1) turns.sort((a, b) => Date.parse(a.ticket.message.receivedAt ?? '') - Date.parse(b.ticket.message.receivedAt ?? ''));
		turns.forEach((turn, index) => (out[index] ??= []).push(turn));
	}
	return out;
}
/** Runs batches of tickets through one prepared workflow on the engine and reads each ticket's outcome. */
export class BatchRunner {
	readonly routerNodes: string[];
	private readonly slaNodes: string[];
	private readonly entryByChannel = new Map<string, string>();
	private readonly defaultEntry: string;
	private readonly memoryStores: string[];
	/** Runs one after another: a conversation's later turns must see its earlier ones stored. */
	private queue: Promise<unknown> = Promise.resolve();
	private latestMs = -Infinity;
	private forgottenUpTo = -Infinity;

	constructor(
		private readonly engine: Engine,
		private readonly prepared: PreparedWorkflow,
		options: BatchRunnerOptions = {},
	) {
		const nodes = prepared.json.nodes.filter((node) => !node.disabled);
		this.memoryStores = prepared.memoryStores ?? [];
		// Each replay starts from empty stores.
		for (const name of this.memoryStores) dropMemoryBackend(name);
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

	run(batch: ReplayTicket[]): Promise<TicketOutcome[]> {
		const next = this.queue.then(() => this.runNow(batch));
		this.queue = next.catch(() => {});
		return next;
	}

	private async runNow(batch: ReplayTicket[]): Promise<TicketOutcome[]> {
		const outcomes: TicketOutcome[] = [];
		for (const wave of this.memoryStores.length ? waves(batch) : [batch]) {
			const byEntry = new Map<string, ReplayTicket[]>();
			for (const item of wave) {
				const entry = this.entryFor(item.ticket);
				const group = byEntry.get(entry);
				if (group) group.push(item);
				else byEntry.set(entry, [item]);
			}
			for (const [entry, group] of byEntry) outcomes.push(...(await this.runGroup(entry, group)));
		}
		if (this.memoryStores.length) {
			this.forgetOwnRows(batch);
			await this.forgetIdle(batch);
		}
		return outcomes;
	}

	/**
	 * A row of a file without a conversation column is a conversation of its own, under a key made of
	 * its id, which the reader never lets another row repeat. A conversation found by that key alone
	 * (no phone or email another row could share) can never be loaded again, so it goes at once: what
	 * would otherwise stay for a week of history, or for good in a file out of time order.
	 */
	private forgetOwnRows(batch: ReplayTicket[]): void {
		for (const item of batch) {
			if (item.conversation !== undefined) continue;
			const key = replayKey(item);
			const own = [identityKey({ kind: 'customer', value: key }), identityKey({ kind: 'webchat', value: key })];
			for (const name of this.memoryStores) memoryBackend(name).forgetOnlyKnownBy(own);
		}
	}

	/**
	 * Once a day of history, drops conversations idle for a week (bounded memory). Between those days,
	 * every batch drops again what is older than the last day's cutoff: in a file out of time order, a
	 * turn that old arrives after its sweep and would otherwise stay for good. In time order nothing is
	 * that old, so this changes nothing there.
	 */
	private async forgetIdle(batch: ReplayTicket[]): Promise<void> {
		for (const item of batch) {
			const ms = Date.parse(item.ticket.message.receivedAt ?? '');
			if (ms > this.latestMs) this.latestMs = ms;
		}
		if (this.latestMs - this.forgottenUpTo >= DAY_MS) this.forgottenUpTo = this.latestMs;
		else if (!Number.isFinite(this.forgottenUpTo)) return;
		for (const name of this.memoryStores) await memoryBackend(name).expire(this.forgottenUpTo - REPLAY_FORGET_AFTER_MS);
	}

	private async runGroup(entry: string, group: ReplayTicket[]): Promise<TicketOutcome[]> {
		const result = await this.engine.run(this.prepared, {
			startNode: entry,
			// Nodes add sections and keep the rest; a shallow copy keeps the reader's ticket untouched all the same.
			items: group.map((item) => (this.memoryStores.length ? withReplayIdentity(item) : { ...item.ticket, customer: { ...item.ticket.customer }, message: { ...item.ticket.message } }) as never),
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
