/**
 * The same decisions as the main template, made by calling the shared domain functions directly:
 * the baseline that shows what the n8n engine adds on top. The template's conversation memory is
 * part of them (Load Conversation, Hand To Person, Save Turn), on a memory store as a replay keeps it,
 * and so are the steps every message passes that decide no tier: whether it answers a CSAT question
 * (CSAT Answer) and how its reply goes out (Reply Channel).
 */
import { calendarConfigFromParameters, getCalendar, WEEKDAYS } from '../../nodes/shared/calendar';
import { appendToConversation, loadConversation, MemoryBackend, resolveConversationPolicy, takeOverConversation, type StoreOptions } from '../../nodes/shared/conversation';
import { channelEventOf } from '../../nodes/shared/channels/from-payload';
import { itemSendTime, outboundFor } from '../../nodes/shared/channels/outbound';
import { DEFAULT_AWAIT_RULES, readCsatAnswer } from '../../nodes/shared/csat';
import { greetTicket } from '../../nodes/shared/greeting';
import { getIntentModel } from '../../nodes/shared/intent';
import { getKnowledgeBase, lookupKnowledge, parseKnowledge, type LookupOptions } from '../../nodes/shared/knowledge';
import { DEFAULT_ROUTING_POLICY, holdingReply, routeTicket } from '../../nodes/shared/routing';
import { annotateSla, DEFAULT_SLA_POLICY } from '../../nodes/shared/sla';
import type { Ticket } from '../../nodes/shared/ticket';
import { triageTicket } from '../../nodes/shared/triage';
import type { WorkflowJson } from '../../simulator/engine';
import { withReplayIdentity } from '../../simulator/replay/batch-runner';
import type { ReplayTicket } from '../../simulator/tickets';

export type RawPipeline = (item: ReplayTicket) => Promise<Ticket>;

/** As Hand To Person asks in the template: once per reply form, which waits 7 days. */
const ASK_ONCE = { expiresMinutes: 168 * 60 };

/** Builds the pipeline from the template's own parameters (calendar, knowledge base), with a store of its own. */
export function rawPipeline(workflow: WorkflowJson): RawPipeline {
	const byType = (type: string) => workflow.nodes.find((node) => node.type === `n8n-nodes-support247.${type}`)?.parameters as Record<string, unknown>;
	const greeter = byType('offHoursGreeter');
	const hours = Object.fromEntries(WEEKDAYS.map((day) => [day, String(greeter[`hours_${day}`] ?? '')]));
	const options = (greeter.calendarOptions ?? {}) as Record<string, string>;
	const calendar = getCalendar(
		calendarConfigFromParameters({ timeZone: greeter.timeZone as string, hours, holidayCountry: options.holidayCountry, holidayState: options.holidayState }, 'UTC'),
	);
	const entries = parseKnowledge(byType('knowledgeLookup').knowledgeJson as string, 'json');
	const kb = getKnowledgeBase(entries);
	const intentModel = getIntentModel(entries);
	const lookupParameters = byType('knowledgeLookup');
	const lookupOptions = (lookupParameters.options ?? {}) as Record<string, unknown>;
	const lookup: LookupOptions = {
		threshold: Number(lookupParameters.threshold ?? 0.5),
		...(lookupOptions.routineThreshold === undefined
			? {}
			: { routine: { threshold: Number(lookupOptions.routineThreshold), maxHumanScore: Number(lookupOptions.routineMaxHumanScore ?? 0.2) } }),
	};
	const replyOptions = (byType('supportChannelRouter').options ?? {}) as Record<string, unknown>;
	const businessName = String(greeter.businessName ?? '');
	const backend = new MemoryBackend();
	const store: StoreOptions = { policy: resolveConversationPolicy({}), trustWebchatCustomerId: false };
	return async (item) => {
		// The identity a replay gives each conversation, as the engine's batch runner does.
		const ticket: Ticket = withReplayIdentity(item);
		ticket.hours = greetTicket(ticket, calendar, { businessName });
		const loaded = await loadConversation(backend, ticket, store);
		ticket.conversation = loaded.conversation as unknown as Ticket['conversation'];
		if (loaded.conversation.id) ticket.history = loaded.history as unknown as Ticket['history'];
		if (loaded.conversation.greetedAt) ticket.hours = { ...ticket.hours, greetedAt: loaded.conversation.greetedAt };
		const csat = await readCsatAnswer(backend, { ticket, text: ticket.message.text ?? '', reference: '', now: String(ticket.message.receivedAt), queue: '' }, store, DEFAULT_AWAIT_RULES);
		// A rating is thanked (or handed to a person) by the CSAT path and decides no tier: none here.
		if (csat.kind !== 'none') return { ...ticket, ...csat.ticket, reply: csat.outcome.reply, route: csat.outcome.route } as Ticket;
		ticket.triage = triageTicket(ticket, { intentModel });
		const looked = lookupKnowledge(ticket, kb, lookup);
		ticket.knowledge = looked.knowledge;
		if (looked.reply) ticket.reply = looked.reply;
		ticket.route = routeTicket(ticket, DEFAULT_ROUTING_POLICY);
		if (ticket.route.tier === 'L3' || ticket.route.tier === 'L4') {
			const reply = holdingReply(ticket, ticket.route);
			if (reply) ticket.reply = reply;
			ticket.sla = annotateSla(ticket, DEFAULT_SLA_POLICY, calendar);
			await takeOverConversation(backend, ticket, ticket.route.handoff?.queue || 'support team', store, ASK_ONCE);
		}
		await appendToConversation(backend, ticket, { replyRole: 'ai', includeCustomerTurn: true }, store);
		if (!channelEventOf(ticket as never)) {
			const outbound = outboundFor(ticket, {
				sendAt: itemSendTime(ticket) ?? '',
				whatsappTemplate: { name: 'support_follow_up', language: '' },
				metaHumanAgentTag: replyOptions.metaHumanAgentTag === true,
			});
			if (outbound) ticket.outbound = outbound as never;
		}
		return ticket;
	};
}

/** Support Triage alone, as the template's node runs it by default (its knowledge base's intent model). */
export function rawTriage(workflow: WorkflowJson): (ticket: Ticket) => Ticket['triage'] {
	const knowledge = workflow.nodes.find((node) => node.type === 'n8n-nodes-support247.knowledgeLookup')?.parameters as Record<string, unknown>;
	const intentModel = getIntentModel(parseKnowledge(knowledge.knowledgeJson as string, 'json'));
	return (ticket) => triageTicket(ticket, { intentModel });
}
