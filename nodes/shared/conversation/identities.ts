/* eslint-disable @n8n/community-nodes/require-node-api-error -- pure domain code with no n8n imports; the Conversation Store node wraps these errors in NodeOperationError */
import { extractFacts } from '../routing/facts';
import type { Ticket } from '../ticket';
import type { Claim, Identity, IdentityKind } from './types';

export interface IdentityOptions {
	/**
	 * Trust `customer.id` on web chat tickets. Off by default: a web chat body is written by the browser,
	 * so an id in it is only as good as the site's login. Turn on when the site's server sets it.
	 */
	trustWebchatCustomerId?: boolean;
}

export interface TicketIdentities {
	/** Identities the platform vouches for: these find and link conversations. */
	identities: Identity[];
	/** What the customer typed in: stored for a person to confirm, never used to find a conversation. */
	claims: Claim[];
}

const MAX_VALUE = 200;
const MAX_CLAIMS_PER_TICKET = 10;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim().slice(0, MAX_VALUE) : undefined);

/** "+52 1 55 1234-5678", "5215512345678@s.whatsapp.net" → "+5215512345678"; undefined without enough digits. */
export function normalizePhone(value: string): string | undefined {
	const digits = value.split('@')[0].split(':')[0].replace(/\D/g, '');
	return digits.length >= 7 && digits.length <= 15 ? `+${digits}` : undefined;
}

export function normalizeEmail(value: string): string | undefined {
	const email = value.trim().toLowerCase();
	return /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined;
}

/** The stored key of an identity: "whatsapp:+5215512345678", "email:ana@example.com". */
export function identityKey(identity: Pick<Identity, 'kind' | 'value'>): string {
	return `${identity.kind}:${identity.value}`;
}

function normalize(kind: IdentityKind, value: string): string | undefined {
	if (kind === 'whatsapp' || kind === 'phone') return normalizePhone(value);
	if (kind === 'email') return normalizeEmail(value);
	return value;
}

/**
 * Which identities of a ticket may find its conversation, and which are mere claims.
 * Verified: the WhatsApp number the platform delivered the message from, the web chat session, the
 * customer id from the business's own systems, the number of an SMS or phone call. Weak: the mailbox
 * sender. An email or phone typed into a web chat (or written in any message) is a claim only.
 */
export function identitiesOf(ticket: Ticket, options: IdentityOptions = {}): TicketIdentities {
	const identities: Identity[] = [];
	const claims: Claim[] = [];
	const channel = String(ticket.channel ?? '');
	const at = str(ticket.message?.receivedAt) ?? '';
	const customer = ticket.customer ?? {};
	const add = (kind: IdentityKind, raw: string | undefined, strength: Identity['strength']) => {
		const value = raw && normalize(kind, raw);
		if (value && !identities.some((i) => i.kind === kind && i.value === value)) identities.push({ kind, value, strength });
	};
	const claim = (kind: Claim['kind'], raw: string | undefined) => {
		const value = raw && (kind === 'email' ? normalizeEmail(raw) : kind === 'phone' ? normalizePhone(raw) : raw);
		if (!value || claims.length >= MAX_CLAIMS_PER_TICKET) return;
		if (identities.some((i) => i.value === value) || claims.some((c) => c.kind === kind && c.value === value)) return;
		claims.push({ kind, value, at, channel });
	};

	const whatsapp = ticket.whatsapp as { jid?: unknown } | undefined;
	if (channel === 'whatsapp') add('whatsapp', str(whatsapp?.jid) ?? str(customer.phone), 'verified');
	if (channel === 'webchat') add('webchat', str(ticket.sessionId), 'verified');
	if (channel === 'email') add('email', str(customer.email), 'weak');
	if (channel === 'sms' || channel === 'phone') add('phone', str(customer.phone), 'verified');
	const customerId = str(customer.id);
	if (channel !== 'webchat' || options.trustWebchatCustomerId) add('customer', customerId, 'verified');
	else claim('customer', customerId);

	// Everything else the ticket carries about the customer was typed by someone: claims only.
	if (channel !== 'email') claim('email', str(customer.email));
	if (channel !== 'whatsapp' && channel !== 'sms' && channel !== 'phone') claim('phone', str(customer.phone));
	const facts = extractFacts([ticket.message?.text?.slice(0, 4000)]);
	for (const email of facts.emails) claim('email', email);
	for (const phone of facts.phones) claim('phone', phone);
	return { identities, claims };
}
