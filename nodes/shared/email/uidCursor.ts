/**
 * The trigger's place in the mailbox: UIDVALIDITY + the last UID handed to the workflow.
 * Kept in workflow static data so a restart neither repeats nor skips mail (RFC 3501 §2.3.1.1).
 * Pure: no n8n imports.
 */

export interface UidCursor {
	uidValidity?: string;
	lastUid?: number;
}

export type CursorStart = 'unseen' | 'new';

export interface FetchPlan {
	/** UID range to search, e.g. "42:*". */
	uidRange: string;
	/** Search only unseen mail. */
	unseenOnly: boolean;
	/** The cursor to store before fetching (reset when UIDVALIDITY changed). */
	cursor: UidCursor;
	/**
	 * After this fetch the cursor must be at least here: a first "unseen" run skips read mail,
	 * which must not come back on the next "lastUid+1:*" search.
	 */
	floorUid?: number;
	/** Why the cursor was reset, for the log. */
	reset?: string;
}

/**
 * @param stored what static data holds
 * @param mailbox the opened mailbox's UIDVALIDITY and UIDNEXT
 * @param start first activation: take unseen mail already there, or only mail arriving from now on
 */
export function planFetch(stored: UidCursor, mailbox: { uidValidity: string; uidNext: number }, start: CursorStart): FetchPlan {
	if (stored.uidValidity === mailbox.uidValidity && typeof stored.lastUid === 'number') {
		return { uidRange: `${stored.lastUid + 1}:*`, unseenOnly: false, cursor: { ...stored } };
	}
	const reset = stored.uidValidity !== undefined ? `UIDVALIDITY changed from ${stored.uidValidity} to ${mailbox.uidValidity}` : undefined;
	if (start === 'new') {
		const lastUid = Math.max(0, mailbox.uidNext - 1);
		return { uidRange: `${lastUid + 1}:*`, unseenOnly: false, cursor: { uidValidity: mailbox.uidValidity, lastUid }, reset };
	}
	return { uidRange: '1:*', unseenOnly: true, cursor: { uidValidity: mailbox.uidValidity, lastUid: 0 }, floorUid: Math.max(0, mailbox.uidNext - 1), reset };
}

/** UIDs above the cursor, ascending. "N:*" always returns the newest message, even when older than N. */
export function newUids(uids: Iterable<number>, cursor: UidCursor): number[] {
	const last = cursor.lastUid ?? 0;
	return [...new Set(uids)].filter((uid) => uid > last).sort((a, b) => a - b);
}
