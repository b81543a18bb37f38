/**
 * A conversation: every turn of one customer across channels, found by any identity the platform
 * vouches for. Stored as one document per conversation, so a backend only has to read and write one
 * document (and its identity index) atomically.
 */

/** What vouches for an identity. `weak` is the mailbox sender: mail can be forged. */
export type IdentityStrength = 'verified' | 'weak';
export type IdentityKind = 'whatsapp' | 'webchat' | 'email' | 'customer' | 'phone';

export interface Identity {
	kind: IdentityKind;
	value: string;
	strength: IdentityStrength;
}

/** An email or phone the customer typed in: kept for a person to confirm, never used to find anyone. */
export interface Claim {
	kind: 'email' | 'phone' | 'customer';
	value: string;
	at: string;
	channel: string;
}

export type TurnRole = 'customer' | 'ai' | 'agent';

export interface Turn {
	/** Unique in its conversation: the message id for the customer's turn, `<message id>:ai` for the reply. */
	id: string;
	role: TurnRole;
	text: string;
	channel: string;
	/** ISO 8601 with offset, from the ticket, never from the machine's clock. */
	at: string;
	/** The AI handed the customer to a person with this turn (the holding reply). */
	handoff?: boolean;
	/** The AI's answer was confirmed as solving the customer's need. */
	resolved?: boolean;
	/** A holding reply while the system's answer was still to come (L2): not counted as a failed AI turn. */
	pending?: boolean;
	/** The person who wrote an agent turn. */
	by?: string;
	/** On a customer's turn: what the workflow decided for it (the report and dashboard read this). */
	outcome?: TurnOutcome;
}

/** The workflow's decision on one customer message, as Append found it on the ticket. */
export interface TurnOutcome {
	tier?: 'L1' | 'L2' | 'L3' | 'L4';
	/** The deciding rule's machine name (Escalation Router), e.g. "angry", "lowConfidence". */
	rule?: string;
	/** The deciding reason, as the router wrote it. */
	reason?: string;
	/** Every reason the router gave, deciding one first (capped). */
	reasons?: string[];
	intent?: string;
	language?: string;
	/** The knowledge base answered it. */
	answered?: boolean;
	/** Outside business hours (Off-Hours Greeter). */
	offHours?: boolean;
	/** SLA Timer's first-response deadline, and its state when Append ran. */
	firstResponseDueAt?: string;
	slaState?: 'ok' | 'at_risk' | 'breached';
}

/** A customer's answer to the satisfaction question (1–5). */
export interface CsatAnswer {
	score: number;
	at: string;
	channel: string;
	/** Who resolved what the customer rated: the AI, or a person (the latest agent turn before it). */
	resolver: 'ai' | 'agent';
	/** The tier of the rated case, when known. */
	tier?: string;
	/** The id of the answer's message, so a redelivered answer counts once. */
	id: string;
}

/** A person's answer to a customer's question, kept as a knowledge entry to review. */
export interface KnowledgeSuggestion {
	/** `<conversation id>/<message id>`: one per answered message. */
	id: string;
	question: string;
	answer: string;
	/** es, pt or en (the ticket's triage language), when known. */
	language?: string;
	by: string;
	at: string;
	ticketId: string;
	channel: string;
	/** Why the ticket reached a person (the router's deciding reason), so a reviewer can skip policy cases. */
	reason?: string;
	status: 'pending';
}

/** The last CSAT question and follow-up sent, each with the customer turn (the case) it was about. */
export interface OutreachMarks {
	csatAskedAt?: string;
	csatCase?: string;
	/** A random token in the email question's links, so a link can rate only its own conversation. */
	csatToken?: string;
	followUpAt?: string;
	followUpCase?: string;
}

export interface Takeover {
	by: string;
	since: string;
	/** The person's last action on the conversation; idle time counts from here. */
	lastActivityAt: string;
	/** When the person was last asked to answer (a reply form went out); cleared by their answer. */
	askedAt?: string;
}

export interface Release {
	at: string;
	by?: string;
	reason: 'released' | 'idle';
}

/** What the channel said about one of our messages: sent, delivered, read or failed (never a customer turn). */
export interface DeliveryStatus {
	/** The platform's id of our outgoing message (a wamid, a Messenger mid); `watermark` for Messenger's "everything before". */
	messageId: string;
	status: 'sent' | 'delivered' | 'read' | 'failed';
	channel: string;
	/** When the platform saw it, ISO 8601 from the webhook. */
	at: string;
	/** Why a message failed, as the platform said it. */
	error?: string;
}

/** The latest known delivery state of our messages in a conversation. */
export interface DeliveryState {
	/** Latest status per message id, oldest first, capped. */
	messages: DeliveryStatus[];
	lastDeliveredAt?: string;
	lastReadAt?: string;
	lastFailedAt?: string;
}

export interface ConversationRecord {
	id: string;
	/** Identity keys ("whatsapp:+5215512345678") with their strength. */
	identities: Record<string, IdentityStrength>;
	claims: Claim[];
	/** The last turns, oldest first, capped. */
	turns: Turn[];
	/** Every turn id ever stored (capped), so a redelivered message is stored once even after its turn left the cap. */
	seenTurnIds: string[];
	greetedAt?: string;
	takeover: Takeover | null;
	lastRelease?: Release;
	/** Delivery and read statuses of our replies (absent until the first one). */
	delivery?: DeliveryState;
	createdAt: string;
	/** Satisfaction answers, oldest first (capped). */
	csat?: CsatAnswer[];
	/** A person's answers offered as knowledge entries, for someone to review (capped). */
	suggestions?: KnowledgeSuggestion[];
	/** The customer's name as the latest ticket gave it (a follow-up greets them by it). */
	customerName?: string;
	/**
	 * The WhatsApp Cloud phone-number id the customer last wrote to (the webhook's metadata): the
	 * number a message we send unasked (CSAT, follow-up) must go out from.
	 */
	whatsappPhoneNumberId?: string;
	/** What was sent to the customer unasked (the CSAT question, the morning follow-up), so nothing goes twice. */
	outreach?: OutreachMarks;
	/** Epoch ms of the latest turn or action: retention counts from here. */
	updatedMs: number;
}

/** What a mutation asks the backend to write, atomically with the read that produced it. */
export interface Mutation<T> {
	save?: ConversationRecord;
	/** Conversations to delete with their identity index (merged into `save`, or purged). */
	remove?: string[];
	result: T;
}
