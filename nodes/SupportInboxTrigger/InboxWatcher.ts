/**
 * Keeps one IMAP connection open on a mailbox and hands each new, human-written mail to
 * `onTickets` exactly once: IDLE (or polling), a UID cursor the caller persists, and
 * reconnection with backoff after a drop. No n8n imports, so tests can drive it directly.
 */
import { ImapFlow, type ImapFlowOptions } from 'imapflow';

import { mailToTicket, parseMail, type MailContext } from '../shared/email/mailToTicket';
import type { EmailTicket } from '../shared/email/types';
import { newUids, planFetch, type CursorStart, type UidCursor } from '../shared/email/uidCursor';

export interface WatcherLogger {
	debug(message: string, meta?: object): void;
	info(message: string, meta?: object): void;
	warn(message: string, meta?: object): void;
}

export interface InboxWatcherOptions {
	connection: ImapFlowOptions;
	mailbox: string;
	/** IDLE pushes new mail at once; poll asks every `pollIntervalMs` (for servers without IDLE). */
	mode: 'idle' | 'poll';
	pollIntervalMs: number;
	markSeen: boolean;
	start: CursorStart;
	mapping: Pick<MailContext, 'ticketIdPattern' | 'stripQuotes' | 'maxTextLength'>;
	/** First reconnect wait; doubles per failed attempt up to `reconnectMaxMs`. */
	reconnectInitialMs: number;
	reconnectMaxMs: number;
	/** The persisted cursor. Mutated in place, so it can be n8n's workflow static data object. */
	cursor: UidCursor;
	onTickets(tickets: EmailTicket[]): void;
	onSkipped?(uid: number, reason: string): void;
	logger: WatcherLogger;
}

/** Mails fetched per round trip: bounds memory when a backlog of thousands is waiting. */
const FETCH_BATCH = 50;

export class InboxWatcher {
	private client: ImapFlow | undefined;
	private stopped = false;
	private fetching: Promise<void> | undefined;
	private fetchAgain = false;
	private reconnectTimer: NodeJS.Timeout | undefined;
	private pollTimer: NodeJS.Timeout | undefined;
	private reconnectAttempt = 0;

	constructor(private readonly options: InboxWatcherOptions) {}

	/** Connects and catches up; rejects if the first connection fails (n8n shows that on activation). */
	async start(): Promise<void> {
		await this.connect();
	}

	async stop(): Promise<void> {
		this.stopped = true;
		clearTimeout(this.reconnectTimer);
		clearInterval(this.pollTimer);
		const client = this.client;
		this.client = undefined;
		if (client) {
			await this.fetching?.catch(() => undefined);
			await client.logout().catch(() => undefined);
			client.close();
		}
	}

	/** For tests and health checks: whether a connection is open right now. */
	get connected(): boolean {
		return Boolean(this.client?.usable);
	}

	private async connect(): Promise<void> {
		const { options } = this;
		const client = new ImapFlow({
			...options.connection,
			disableAutoIdle: options.mode === 'poll',
			// imapflow waits 15 s of silence before IDLE by default; mail arriving in that gap would
			// wait too. We send few commands, so go back to IDLE almost at once.
			autoIdleDelay: 500,
			// Servers drop IDLE after ~30 min; restarting it every 5 also proves the socket is alive.
			maxIdleTime: 5 * 60_000,
		});
		client.on('error', (error: Error) => options.logger.warn(`Support Inbox: IMAP error: ${error.message}`));
		client.on('close', () => this.onClose(client));
		client.on('exists', () => this.requestFetch());
		let opened = false;
		try {
			await client.connect();
			await client.mailboxOpen(options.mailbox);
			opened = true;
		} finally {
			if (!opened) client.close();
		}
		if (this.stopped) {
			await client.logout().catch(() => undefined);
			return;
		}
		this.client = client;
		if (this.reconnectAttempt > 0) options.logger.info(`Support Inbox: reconnected to "${options.mailbox}"`);
		this.reconnectAttempt = 0;
		if (options.mode === 'poll') {
			this.pollTimer = setInterval(() => this.requestFetch(), options.pollIntervalMs);
		}
		// Catch up on whatever arrived while we were away. Not awaited: a backlog of thousands must
		// not hold up activation; 'exists' events meanwhile queue one more pass.
		void this.requestFetch();
	}

	private onClose(client: ImapFlow): void {
		if (client !== this.client) return; // a failed attempt, already handled by its caller
		this.client = undefined;
		clearInterval(this.pollTimer);
		if (this.stopped) return;
		this.options.logger.warn(`Support Inbox: connection to "${this.options.mailbox}" closed; reconnecting`);
		this.scheduleReconnect();
	}

	private scheduleReconnect(): void {
		if (this.stopped) return;
		const { reconnectInitialMs, reconnectMaxMs } = this.options;
		const delay = Math.min(reconnectMaxMs, reconnectInitialMs * 2 ** this.reconnectAttempt);
		this.reconnectAttempt++;
		clearTimeout(this.reconnectTimer);
		this.reconnectTimer = setTimeout(() => {
			this.connect().catch((error: Error) => {
				this.options.logger.warn(`Support Inbox: reconnect failed (${error.message}); next try in ${Math.min(reconnectMaxMs, reconnectInitialMs * 2 ** this.reconnectAttempt)} ms`);
				this.scheduleReconnect();
			});
		}, delay);
	}

	/** Runs fetches one at a time; a request during a fetch runs once more after it. */
	private requestFetch(): Promise<void> {
		if (this.fetching) {
			this.fetchAgain = true;
			return this.fetching;
		}
		this.fetching = (async () => {
			try {
				do {
					this.fetchAgain = false;
					await this.fetchNew();
				} while (this.fetchAgain && !this.stopped);
			} catch (error) {
				// A dropped connection surfaces here and through 'close'; the reconnect catches up.
				this.options.logger.warn(`Support Inbox: fetching new mail failed: ${(error as Error).message}`);
			} finally {
				this.fetching = undefined;
			}
		})();
		return this.fetching;
	}

	private async fetchNew(): Promise<void> {
		const client = this.client;
		if (!client?.usable) return;
		const { options } = this;
		const cursor = options.cursor;
		const lock = await client.getMailboxLock(options.mailbox);
		try {
			if (options.mode === 'poll') await client.noop();
			const mailbox = client.mailbox;
			if (!mailbox) return;
			const uidValidity = String(mailbox.uidValidity);
			const plan = planFetch(cursor, { uidValidity, uidNext: mailbox.uidNext }, options.start);
			if (plan.reset) options.logger.warn(`Support Inbox: ${plan.reset}; starting the cursor again`);
			Object.assign(cursor, plan.cursor);

			const found = await client.search(plan.unseenOnly ? { uid: plan.uidRange, seen: false } : { uid: plan.uidRange }, { uid: true });
			const uids = newUids(found || [], cursor);
			for (let i = 0; i < uids.length; i += FETCH_BATCH) {
				await this.fetchBatch(client, uids.slice(i, i + FETCH_BATCH), uidValidity);
			}
			if (plan.floorUid !== undefined) cursor.lastUid = Math.max(cursor.lastUid ?? 0, plan.floorUid);
		} finally {
			lock.release();
		}
	}

	private async fetchBatch(client: ImapFlow, uids: number[], uidValidity: string): Promise<void> {
		const { options } = this;
		const fetched: Array<{ uid: number; source: Buffer; internalDate?: Date | string }> = [];
		for await (const message of client.fetch(uids.join(','), { uid: true, source: true, internalDate: true }, { uid: true })) {
			if (message.source) fetched.push({ uid: message.uid, source: message.source, internalDate: message.internalDate });
		}
		fetched.sort((a, b) => a.uid - b.uid);

		const tickets: EmailTicket[] = [];
		const accepted: number[] = [];
		for (const message of fetched) {
			let mapped: ReturnType<typeof mailToTicket>;
			try {
				mapped = mailToTicket(await parseMail(message.source, options.mapping), {
					...options.mapping,
					uid: message.uid,
					uidValidity,
					mailbox: options.mailbox,
					internalDate: message.internalDate,
				});
			} catch (error) {
				// One unparseable mail must not block the cursor for every mail behind it.
				options.logger.warn(`Support Inbox: skipped UID ${message.uid}: cannot parse (${(error as Error).message})`);
				options.onSkipped?.(message.uid, 'unparseable');
				continue;
			}
			const { ticket, verdict } = mapped;
			if (verdict.automated) {
				options.logger.debug(`Support Inbox: skipped UID ${message.uid}: ${verdict.reason}`);
				options.onSkipped?.(message.uid, verdict.reason ?? 'automated');
			} else {
				tickets.push(ticket);
				accepted.push(message.uid);
			}
		}
		// Advance the cursor before handing items over: a crash after this point may lose a
		// mail from the workflow's view, but it can never deliver one twice.
		options.cursor.lastUid = Math.max(options.cursor.lastUid ?? 0, ...uids);
		if (tickets.length) options.onTickets(tickets);
		if (options.markSeen && accepted.length) {
			await client.messageFlagsAdd(accepted.join(','), ['\\Seen'], { uid: true });
		}
	}
}

/** One-shot for n8n's "Fetch Test Event": the newest unseen human mail, cursor and flags untouched. */
export async function fetchNewestUnseen(
	connection: ImapFlowOptions,
	mailbox: string,
	mapping: InboxWatcherOptions['mapping'],
): Promise<EmailTicket | undefined> {
	const client = new ImapFlow({ ...connection, disableAutoIdle: true });
	client.on('error', () => undefined); // surfaced through the rejected promises
	try {
		await client.connect();
		const opened = await client.mailboxOpen(mailbox, { readOnly: true });
		const found = await client.search({ seen: false }, { uid: true });
		const uids = [...(found || [])].sort((a, b) => b - a).slice(0, 20);
		for (const uid of uids) {
			const message = await client.fetchOne(String(uid), { uid: true, source: true, internalDate: true }, { uid: true });
			if (!message || !message.source) continue;
			const { ticket, verdict } = mailToTicket(await parseMail(message.source, mapping), {
				...mapping,
				uid,
				uidValidity: String(opened.uidValidity),
				mailbox,
				internalDate: message.internalDate,
			});
			if (!verdict.automated) return ticket;
		}
		return undefined;
	} finally {
		await client.logout().catch(() => undefined);
		client.close();
	}
}
