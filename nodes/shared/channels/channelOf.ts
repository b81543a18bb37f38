/** The reply channels a template can branch on, in output order. */
export const REPLY_CHANNELS = ['whatsapp', 'email', 'webchat'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

/** Output index for a ticket's channel: one per reply channel, then "other". */
export function channelOutput(channel: unknown): number {
	const index = REPLY_CHANNELS.indexOf(String(channel ?? '').toLowerCase() as ReplyChannel);
	return index >= 0 ? index : REPLY_CHANNELS.length;
}
