import type { INodeExecutionData } from 'n8n-workflow';
import type { Ticket, Tier } from '../../nodes/shared/ticket';
import type { RunResult } from '../engine';
import type { TicketLabels } from '../tickets';

export const ROUTER_TYPE = 'n8n-nodes-support247.escalationRouter';
const TIERS: Tier[] = ['L1', 'L2', 'L3', 'L4'];

/** What one ticket's replay ended as: read from the items leaving the router and the sections the nodes wrote. */
export interface TicketOutcome {
	id: string;
	line: number;
	text: string;
	channel: string;
	language?: string;
	receivedAt: string;
	/** Undefined when the ticket never left a router: a conservation failure, reported loudly. */
	tier?: Tier;
	reasons: string[];
	answered: boolean;
	aiResolved: boolean;
	predictedIntent?: string;
	triageIntent?: string;
	confidence?: number;
	knowledgeScore?: number;
	open?: boolean;
	nextOpenAt?: string;
	firstResponseDueAt?: string;
	resolutionDueAt?: string;
	replyLanguage?: string;
	fallback?: string;
	captured: number;
	error?: string;
	labels: TicketLabels;
	warnings: string[];
	/** Set when the file groups rows into conversations (see ReplayTicket.conversation). */
	conversation?: string;
	/** The routing rules that fired (deciding one first). */
	rules?: string[];
	/** The text the bot sent with the routed ticket (an answer or a holding reply); absent when silent. */
	replyText?: string;
	/** The reply was a holding reply while the system's answer was still to come. */
	replyPending?: boolean;
	/** The knowledge entry whose answer was sent (loops compare entries: a greeting or an opening varies the text). */
	answerEntry?: string;
	/** The greeter greeted with this turn. */
	greeted?: boolean;
	/** The customer asked for a person (triage flag). */
	humanRequested?: boolean;
	/** A person had the conversation when this turn arrived (or its state could not be read). */
	takenOver?: boolean;
}

export interface RoutedItem {
	tier: Tier;
	json: Ticket;
}

/** Items on each router output, in tier order, for every router node in the workflow. */
export function routedItems(result: RunResult, routerNodes: string[]): RoutedItem[] {
	const routed: RoutedItem[] = [];
	for (const name of routerNodes) {
		const outputs = result.outputs[name] ?? [];
		outputs.forEach((items: INodeExecutionData[], index) => {
			const fallbackTier = TIERS[index] ?? 'L3';
			for (const item of items) {
				const json = item.json as unknown as Ticket;
				routed.push({ tier: json.route?.tier ?? fallbackTier, json });
			}
		});
	}
	return routed;
}

export function toOutcome(
	base: { line: number; ticket: Ticket; labels: TicketLabels; warnings: string[]; conversation?: string },
	routed: RoutedItem | undefined,
	captured: number,
	error?: string,
): TicketOutcome {
	const json = routed?.json ?? base.ticket;
	const tier = routed?.tier;
	const answered = Boolean(json.knowledge?.answered);
	// A holding reply ("checking in our system") is not an answer.
	const hasReply = Boolean(json.reply?.text) && json.reply?.pending !== true;
	const aiTier = tier === 'L1' || tier === 'L2';
	const answeringEntry = answered ? json.knowledge?.sources?.[0]?.id : undefined;
	return {
		id: base.ticket.ticketId,
		line: base.line,
		text: base.ticket.message.text,
		channel: String(base.ticket.channel),
		language: json.triage?.language ?? base.ticket.customer.language,
		receivedAt: base.ticket.message.receivedAt ?? '',
		tier,
		reasons: json.route?.reasons ?? [],
		answered,
		// Honest resolution: the AI ended it at L1/L2 with an answer, not merely without escalating.
		aiResolved: aiTier && (answered || hasReply),
		predictedIntent: answeringEntry ?? (tier === 'L3' || tier === 'L4' ? undefined : json.triage?.intent),
		triageIntent: json.triage?.intent,
		confidence: json.knowledge?.score ?? json.triage?.confidence,
		knowledgeScore: json.knowledge?.score,
		open: json.hours?.open,
		nextOpenAt: json.hours?.nextOpenAt,
		firstResponseDueAt: json.sla?.firstResponseDueAt,
		resolutionDueAt: json.sla?.resolutionDueAt,
		replyLanguage: json.reply?.language,
		fallback: json.triage?.fallback?.reason,
		captured,
		error,
		labels: base.labels,
		warnings: base.warnings,
		...(base.conversation !== undefined ? { conversation: base.conversation } : {}),
		rules: json.route?.rules ?? [],
		...(json.reply?.text ? { replyText: json.reply.text } : {}),
		...(json.reply?.pending ? { replyPending: true } : {}),
		...(answeringEntry ? { answerEntry: String(answeringEntry) } : {}),
		...(json.hours?.greet ? { greeted: true } : {}),
		humanRequested: json.triage?.flags?.humanRequested === true,
		takenOver: !!(json.conversation as { takeover?: unknown } | undefined)?.takeover || (json.conversation as { unavailable?: unknown } | undefined)?.unavailable === true,
	};
}
