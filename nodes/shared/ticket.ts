/**
 * The ticket item: the one JSON shape every node reads and writes (DESIGN.md §2).
 * Each node adds its own section and never drops another's.
 */

export type Channel = 'whatsapp' | 'email' | 'webchat' | 'sms' | 'social' | 'phone' | 'messenger' | 'instagram' | 'telegram';
export type Tier = 'L1' | 'L2' | 'L3' | 'L4';
export type Urgency = 'low' | 'normal' | 'high' | 'critical';
export type Automation = 'high' | 'medium' | 'human';

export interface Customer {
	id?: string;
	name?: string;
	phone?: string;
	email?: string;
	language?: string;
	segment?: string;
}

export interface Message {
	text: string;
	subject?: string;
	/** ISO 8601 with offset. The simulator sets it to the ticket's historical created_at. */
	receivedAt?: string;
	/** Channel-native id (email Message-ID, WhatsApp key id), used for threading and dedupe. */
	id?: string;
	references?: string[];
	/** Set when the text was cut at the input limit (see input-limits.ts). */
	truncated?: boolean;
	/** Length of the text before it was cut (a mail cut before parsing: the raw mail's length). */
	originalLength?: number;
	/** A burst joined into this one message (the WhatsApp trigger's quiet time, Collect Burst): each message in order. */
	parts?: Array<{ id?: string; text: string; receivedAt?: string }>;
}

export interface HistoryTurn {
	role: 'customer' | 'ai' | 'agent';
	text: string;
	at?: string;
	/** Set on an AI turn that did not resolve the customer's need. */
	resolved?: boolean;
	/** An AI holding reply while the system's answer was still to come: not an attempt that failed. */
	pending?: boolean;
}

export interface TriageFlags {
	legal: boolean;
	angry: boolean;
	humanRequested: boolean;
	outOfPolicy: boolean;
	b2bSales: boolean;
	emergency: boolean;
	injection: boolean;
	/** Sensitive and high-stakes cases (absent means false). */
	accountSecurity?: boolean;
	bereavement?: boolean;
	harassment?: boolean;
	privacy?: boolean;
	safetyHazard?: boolean;
	financialHarm?: boolean;
	medical?: boolean;
	minors?: boolean;
	selfHarm?: boolean;
	pressOrRegulator?: boolean;
}

export interface TriageSection {
	intent: string;
	confidence: number;
	urgency: Urgency;
	sentiment: number;
	language: string;
	flags: TriageFlags;
	automation: Automation;
	provider: 'embedded' | 'openai';
	/** A joined burst: how each of its messages was answered (knowledge/parts.ts). */
	parts?: Array<{ text: string; answered: boolean; score: number; bestId?: string }>;
	/** Set when the OpenAI-compatible provider failed and the embedded one answered instead. */
	fallback?: { from: 'openai'; reason: string };
	/** Why each flag was raised, for audits and the handoff summary. */
	evidence?: string[];
	/** Calibrated probability (0–1) that the ticket needs a person: the trained needs-a-human model. */
	humanScore?: number;
}

export interface KnowledgeSource {
	id: string;
	title: string;
}

export interface KnowledgeSection {
	answered: boolean;
	answer?: string;
	score: number;
	sources: KnowledgeSource[];
	/** Id of the best entry even when below the threshold, for audits. */
	bestId?: string;
	/** Answered below the threshold because triage judged the ticket routine (the routine threshold). */
	routine?: boolean;
	method?: 'model' | 'bm25' | 'hybrid' | 'generated';
	/** A joined burst: how each of its messages was answered (knowledge/parts.ts). */
	parts?: Array<{ text: string; answered: boolean; score: number; bestId?: string }>;
	/** Set when the OpenAI-compatible provider failed and the embedded answer (or "not found") was used instead. */
	fallback?: { from: 'openai'; reason: string };
}

export interface HoursSection {
	open: boolean;
	nextOpenAt?: string;
	greeting?: string;
	/** True when the greeting should be sent with this reply (greet-once policy). */
	greet?: boolean;
	/** When the conversation was first greeted (Off-Hours Greeter); a later greeter run does not greet again. */
	greetedAt?: string;
	/** Language of the greeting. */
	language?: string;
	/** IANA zone of the business calendar, so later nodes speak of times in local terms. */
	timeZone?: string;
}

export interface RouteSection {
	tier: Tier;
	reasons: string[];
	/** Machine names of the rules behind the reasons (Escalation Router), in the same order. */
	rules?: string[];
	handoff?: {
		summary: string;
		facts: Record<string, unknown>;
		queue?: string;
		promise?: string;
		/** The person who has taken the conversation over (Conversation Store). */
		assignee?: string;
	};
}

export interface SlaSection {
	policy: string;
	priority?: string;
	businessHours?: boolean;
	/** When the SLA clock started (first customer turn). */
	startedAt?: string;
	firstResponseDueAt?: string;
	resolutionDueAt?: string;
	state?: 'ok' | 'at_risk' | 'breached';
	/** Set by the SLA Timer's check and wait modes. */
	check?: { target: 'firstResponse' | 'resolution'; dueAt: string; used: number; checkedAt: string };
	/** Set by the SLA Timer's wait mode: when the execution resumes. */
	waitTill?: string;
}

/** Written by the Conversation Store's Load (nodes/shared/conversation). */
export interface ConversationSection {
	id: string | null;
	identities: string[];
	unresolvedAiTurns: number;
	greeted: boolean;
	takeover: { by: string; since: string } | null;
	/** The store could not be read: the router sends the ticket to a person. */
	unavailable?: true;
	[key: string]: unknown;
}

export interface ReplySection {
	text: string;
	language: string;
	/** Choices offered with the reply: buttons or a list on WhatsApp, quick replies on Meta, an inline keyboard on Telegram. */
	options?: Array<{ id: string; title: string; description?: string }>;
	/** A holding reply while the answer is still to come (L2's "checking in our system"): not an answer, so not a resolution. */
	pending?: boolean;
	/** 'agent' when a person wrote it (the Conversation Store's Person's Reply); absent for the AI's replies. */
	by?: string;
}

export interface Ticket {
	ticketId: string;
	channel: Channel | string;
	customer: Customer;
	message: Message;
	history?: HistoryTurn[];
	/** Web chat session id (the chat widget's), a verified identity of the web chat customer. */
	sessionId?: string;
	conversation?: ConversationSection;
	hours?: HoursSection;
	triage?: TriageSection;
	knowledge?: KnowledgeSection;
	route?: RouteSection;
	sla?: SlaSection;
	reply?: ReplySection;
	/** What the input limit cut or dropped (see input-limits.ts). */
	inputWarnings?: string[];
	[key: string]: unknown;
}
