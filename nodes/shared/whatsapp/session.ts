import type { BaileysEventMap } from '@whiskeysockets/baileys';
import type { Ticket } from '../ticket';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { DISCONNECT, disconnectCode } from './disconnect';
import { RecentIds } from './recent-ids';
import { DEFAULT_FILTERS, toTicket, type IgnoreReason, type IncomingFilters } from './to-ticket';
import type { BaileysLogger, LoadAuthState, LoadedAuthState, MakeSocket, Sleep, WhatsAppSocket } from './types';

export type SessionState = 'idle' | 'connecting' | 'open' | 'closed' | 'logged-out' | 'gave-up';

export interface SessionEvents {
	/** WhatsApp wants pairing: show this string as a QR code. Arrives again every ~20 s until scanned. */
	onQr?(qr: string): void | Promise<void>;
	onOpen?(user: WhatsAppSocket['user']): void;
	/** New customer messages of one `messages.upsert` batch, already filtered and deduplicated. */
	onTickets?(tickets: Ticket[]): void;
	/** The phone unlinked this device: the auth state is dead, nothing reconnects. */
	onLoggedOut?(error: Error): void;
	onReconnect?(info: { attempt: number; delayMs: number; code?: number }): void;
	/** Reconnect attempts exhausted, or another process took the session over. */
	onGiveUp?(error: Error): void;
	onIgnored?(reason: IgnoreReason | 'duplicate' | 'not-notify', messageId: string | undefined): void;
	/** Saving the auth state failed: pairing keys may be lost, so this is always surfaced. */
	onSaveError?(error: Error): void;
}

export interface WhatsAppSessionOptions {
	authFolder: string;
	makeSocket: MakeSocket;
	loadAuthState: LoadAuthState;
	sleep: Sleep;
	logger: BaileysLogger;
	browserName?: string;
	markOnlineOnConnect?: boolean;
	filters?: Partial<IncomingFilters>;
	backoff?: BackoffOptions;
	/** 0 = keep trying forever (the trigger's default: WhatsApp outages end). */
	maxReconnectAttempts?: number;
	/** Stop instead of reconnecting when WhatsApp says another connection replaced this one. */
	stopOnReplaced?: boolean;
	/** Reject `whenOpen` as soon as WhatsApp asks for a QR scan (the send node cannot show one). */
	failWhenPairingNeeded?: boolean;
	recentIds?: RecentIds;
	/** Only for messages without a WhatsApp timestamp. */
	now: () => Date;
	random?: () => number;
	events?: SessionEvents;
}

type Listeners = {
	[E in 'connection.update' | 'creds.update' | 'messages.upsert']: (arg: BaileysEventMap[E]) => void;
};

/**
 * One WhatsApp Web session on a Baileys socket: loads the persisted auth state, saves every key
 * update, reports pairing QR codes, reconnects with exponential backoff unless the device was
 * logged out, and turns new customer messages into tickets. It owns no n8n code, so the trigger,
 * the send node's fallback connection and the tests all drive the same logic.
 */
export class WhatsAppSession {
	state: SessionState = 'idle';
	socket: WhatsAppSocket | undefined;
	readonly recentIds: RecentIds;
	private auth: LoadedAuthState | undefined;
	private listeners: Listeners | undefined;
	private attempt = 0;
	private stopped = false;
	private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
	private readonly filters: IncomingFilters;
	private events: SessionEvents;

	constructor(private readonly options: WhatsAppSessionOptions) {
		this.recentIds = options.recentIds ?? new RecentIds(1000);
		this.filters = { ...DEFAULT_FILTERS, ...options.filters };
		this.events = options.events ?? {};
	}

	/** Re-points the callbacks, e.g. when a closed manual trigger hands a pairing session to the registry. */
	setEvents(events: SessionEvents): void {
		this.events = events;
	}

	get authFolder(): string {
		return this.options.authFolder;
	}

	get isOpen(): boolean {
		return this.state === 'open';
	}

	async start(): Promise<void> {
		this.stopped = false;
		this.auth ??= await this.options.loadAuthState(this.options.authFolder);
		this.connect();
	}

	/** Ends the socket and any pending reconnect. Never logs out: the pairing survives a restart. */
	stop(): void {
		this.stopped = true;
		this.detach();
		this.socket?.end(undefined);
		this.socket = undefined;
		if (this.state === 'open' || this.state === 'connecting') this.state = 'closed';
		this.rejectWaiters(new Error('WhatsApp session stopped'));
	}

	/** Resolves once the socket is open; rejects when pairing is needed, on logout, give-up or timeout. */
	whenOpen(timeoutMs: number): Promise<void> {
		if (this.state === 'open') return Promise.resolve();
		return new Promise<void>((resolve, reject) => {
			const waiter = { resolve, reject };
			this.waiters.push(waiter);
			void this.options.sleep(timeoutMs).then(() => {
				if (!this.waiters.includes(waiter)) return;
				this.waiters = this.waiters.filter((w) => w !== waiter);
				reject(new Error(`WhatsApp session ${this.options.authFolder} did not open within ${timeoutMs} ms`));
			});
		});
	}

	private connect(): void {
		const auth = this.auth;
		if (!auth || this.stopped) return;
		this.state = 'connecting';
		const socket = this.options.makeSocket({
			auth: auth.state,
			browserName: this.options.browserName ?? 'n8n Support247',
			markOnlineOnConnect: this.options.markOnlineOnConnect ?? false,
			logger: this.options.logger,
		});
		this.socket = socket;
		this.listeners = {
			// Every key update must reach disk, or the next restart needs a new QR scan.
			'creds.update': () => {
				auth.saveCreds().catch((error: Error) => this.events?.onSaveError?.(error));
			},
			'connection.update': (update) => this.onConnectionUpdate(socket, update),
			'messages.upsert': (upsert) => this.onUpsert(upsert),
		};
		socket.ev.on('creds.update', this.listeners['creds.update']);
		socket.ev.on('connection.update', this.listeners['connection.update']);
		socket.ev.on('messages.upsert', this.listeners['messages.upsert']);
	}

	private detach(): void {
		const socket = this.socket;
		const listeners = this.listeners;
		if (!socket || !listeners) return;
		socket.ev.off('creds.update', listeners['creds.update']);
		socket.ev.off('connection.update', listeners['connection.update']);
		socket.ev.off('messages.upsert', listeners['messages.upsert']);
		this.listeners = undefined;
	}

	private onConnectionUpdate(socket: WhatsAppSocket, update: BaileysEventMap['connection.update']): void {
		if (socket !== this.socket || this.stopped) return;
		const events = this.events;
		if (update.qr) {
			const qr = update.qr;
			Promise.resolve(events?.onQr?.(qr)).catch((error: Error) => this.options.logger.warn({ error: error.message }, 'showing the QR code failed'));
			if (this.options.failWhenPairingNeeded) {
				this.rejectWaiters(new Error('WhatsApp session is not paired: activate the Support WhatsApp Trigger and scan its QR code'));
			}
		}
		if (update.connection === 'open') {
			this.state = 'open';
			this.attempt = 0;
			events?.onOpen?.(socket.user);
			const waiters = this.waiters;
			this.waiters = [];
			for (const waiter of waiters) waiter.resolve();
			return;
		}
		if (update.connection !== 'close') return;

		const error = update.lastDisconnect?.error ?? new Error('connection closed');
		const code = disconnectCode(error);
		this.detach();
		this.socket = undefined;
		if (code === DISCONNECT.loggedOut) {
			this.state = 'logged-out';
			const loggedOut = new Error(
				`WhatsApp logged this device out. Delete the auth folder ${this.options.authFolder} and scan a new QR code`,
			);
			this.rejectWaiters(loggedOut);
			events?.onLoggedOut?.(loggedOut);
			return;
		}
		if (code === DISCONNECT.connectionReplaced && this.options.stopOnReplaced) {
			this.giveUp(new Error('Another connection replaced this WhatsApp session'));
			return;
		}
		if (code === DISCONNECT.restartRequired) {
			// Sent right after a QR scan: Baileys expects an immediate new socket on the same auth state.
			this.connect();
			return;
		}
		void this.reconnectLater(code);
	}

	private async reconnectLater(code: number | undefined): Promise<void> {
		this.state = 'connecting';
		const attempt = ++this.attempt;
		const max = this.options.maxReconnectAttempts ?? 0;
		if (max > 0 && attempt > max) {
			this.giveUp(new Error(`WhatsApp connection lost and ${max} reconnect attempts failed (last code ${code ?? 'none'})`));
			return;
		}
		const delayMs = backoffDelay(attempt - 1, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random);
		this.events?.onReconnect?.({ attempt, delayMs, code });
		await this.options.sleep(delayMs);
		if (this.stopped || this.socket) return;
		this.connect();
	}

	private giveUp(error: Error): void {
		this.state = 'gave-up';
		this.rejectWaiters(error);
		this.events?.onGiveUp?.(error);
	}

	private rejectWaiters(error: Error): void {
		const waiters = this.waiters;
		this.waiters = [];
		for (const waiter of waiters) waiter.reject(error);
	}

	private onUpsert(upsert: BaileysEventMap['messages.upsert']): void {
		const events = this.events;
		// 'append' is history sync and our own sends seen from other devices: not new customer messages.
		if (upsert.type !== 'notify') {
			for (const msg of upsert.messages) events?.onIgnored?.('not-notify', msg.key?.id ?? undefined);
			return;
		}
		const tickets: Ticket[] = [];
		for (const msg of upsert.messages) {
			const result = toTicket(msg, this.filters, this.options.now);
			if ('ignored' in result) {
				events?.onIgnored?.(result.ignored, msg.key?.id ?? undefined);
				continue;
			}
			const id = result.ticket.message.id as string;
			if (!this.recentIds.add(id)) {
				events?.onIgnored?.('duplicate', id);
				continue;
			}
			tickets.push(result.ticket);
		}
		if (tickets.length > 0) events?.onTickets?.(tickets);
	}
}
