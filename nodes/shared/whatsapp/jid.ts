/** WhatsApp addresses ("JIDs"): `<number>@s.whatsapp.net` for people, `@g.us` groups, `@lid` hidden numbers. */

export const USER_SUFFIX = '@s.whatsapp.net';
export const STATUS_JID = 'status@broadcast';

export function isGroupJid(jid: string): boolean {
	return jid.endsWith('@g.us');
}

export function isStatusJid(jid: string): boolean {
	return jid === STATUS_JID;
}

export function isBroadcastJid(jid: string): boolean {
	return jid.endsWith('@broadcast');
}

/** '5215512345678:12@s.whatsapp.net' → '5215512345678' (drops the device suffix); undefined for groups and lids. */
export function phoneFromJid(jid: string): string | undefined {
	if (!jid.endsWith(USER_SUFFIX)) return undefined;
	const user = jid.slice(0, -USER_SUFFIX.length).split(':')[0];
	return /^\d{5,20}$/.test(user) ? user : undefined;
}

/**
 * A recipient as users write it ('+52 1 55 1234-5678', '5215512345678', or a full JID) → a JID.
 * Returns undefined when it is neither a JID nor a phone number.
 */
export function toJid(recipient: string): string | undefined {
	const trimmed = recipient.trim();
	if (trimmed.includes('@')) return trimmed;
	const digits = trimmed.replace(/[\s().+-]/g, '');
	return /^\d{5,20}$/.test(digits) ? `${digits}${USER_SUFFIX}` : undefined;
}
