/** The reply channels a template can branch on, in output order. */
export const REPLY_CHANNELS = ['whatsapp', 'email', 'webchat'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

/** Output index for a ticket's channel: one per reply channel, then "other". */
export function channelOutput(channel: unknown): number {
	const index = REPLY_CHANNELS.indexOf(String(channel ?? '').toLowerCase() as ReplyChannel);
	return index >= 0 ? index : REPLY_CHANNELS.length;
}

/**
 * Version 2 outputs. The first four keep version 1's indexes, so connections made for version 1
 * stay valid; the channels a business already has follow, then Status: delivery and read receipts and
 * echoes, which belong to a conversation and never get a reply; then Window Closed: Messenger and
 * Instagram replies the Send API would refuse (after 24 hours), for a person to take.
 */
export const ROUTER_V2_OUTPUTS = [
	'WhatsApp',
	'Email',
	'Web Chat',
	'Other',
	'WhatsApp Cloud',
	'WhatsApp Cloud Template',
	'Messenger',
	'Instagram',
	'Telegram',
	'Status',
	'Window Closed',
] as const;

const V2_INDEX: Record<string, number> = {
	'whatsapp-cloud': 4,
	'whatsapp-cloud-template': 5,
	messenger: 6,
	instagram: 7,
	telegram: 8,
	'window-closed': 10,
};

/** Output index for a ticket in version 2: the outbound route when there is one, else the version 1 output. */
export function channelOutputV2(channel: unknown, outboundRoute: string | undefined): number {
	if (outboundRoute && V2_INDEX[outboundRoute] !== undefined) return V2_INDEX[outboundRoute];
	return channelOutput(channel);
}
