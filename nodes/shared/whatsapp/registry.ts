import path from 'node:path';
import { SendRateLimiter, type SendLimits } from './rate-limit';
import type { WhatsAppSession } from './session';
import type { Sleep, WhatsAppSocket } from './types';

/**
 * Per-process registry of WhatsApp connections, keyed by auth folder (one folder = one linked
 * device). The trigger owns the socket; the send node borrows it. When no trigger runs in this
 * process (queue-mode workers, or a send-only workflow) the send node opens its own connection from
 * the persisted auth state and keeps it here for the next execution.
 *
 * Queue-mode caveat: WhatsApp allows one live connection per linked device. A worker that opens its
 * own connection replaces the main process's trigger connection (code 440), and messages that reach
 * the worker's socket are not redelivered to the trigger. Run WhatsApp workflows where the trigger
 * runs (regular mode, or main-process execution), or pair a second session for sending.
 */
export class WhatsAppConnectionRegistry {
	private readonly triggers = new Map<string, WhatsAppSession>();
	private readonly borrowed = new Map<string, Promise<WhatsAppSession>>();
	private readonly limiters = new Map<string, SendRateLimiter>();

	static key(folder: string): string {
		return path.resolve(folder);
	}

	/** A trigger took the session: close any connection the send node opened on it, so they do not replace each other. */
	publish(session: WhatsAppSession): void {
		const key = WhatsAppConnectionRegistry.key(session.authFolder);
		this.closeBorrowed(key);
		this.triggers.set(key, session);
	}

	withdraw(session: WhatsAppSession): void {
		const key = WhatsAppConnectionRegistry.key(session.authFolder);
		if (this.triggers.get(key) === session) this.triggers.delete(key);
	}

	/**
	 * Keeps a session alive after its trigger closed, e.g. the manual run that showed a QR code:
	 * the scan must still reach a live socket. Stopped after `timeoutMs` unless it opened; once open,
	 * send nodes reuse it.
	 */
	keepAlive(session: WhatsAppSession, timeoutMs: number): void {
		const key = WhatsAppConnectionRegistry.key(session.authFolder);
		if (this.triggers.has(key)) {
			session.stop();
			return;
		}
		this.closeBorrowed(key);
		this.borrowed.set(key, Promise.resolve(session));
		session.whenOpen(timeoutMs).catch(() => {
			if (session.isOpen) return;
			session.stop();
			void this.borrowed.get(key)?.then((current) => current === session && this.borrowed.delete(key));
		});
	}

	/** An open socket for the folder: the trigger's, a kept one, or a new connection from `open`. */
	async socketFor(folder: string, open: () => WhatsAppSession, timeoutMs: number): Promise<WhatsAppSocket> {
		const key = WhatsAppConnectionRegistry.key(folder);
		const trigger = this.triggers.get(key);
		if (trigger && trigger.state !== 'logged-out' && trigger.state !== 'gave-up') {
			// The trigger may be between reconnects: wait for it rather than opening a rival socket.
			if (!trigger.isOpen) await trigger.whenOpen(timeoutMs);
			return trigger.socket as WhatsAppSocket;
		}
		const pending = this.borrowed.get(key);
		if (pending) {
			const session = await pending.catch(() => undefined);
			if (session && (session.isOpen || session.state === 'connecting')) {
				if (!session.isOpen) await session.whenOpen(timeoutMs);
				return session.socket as WhatsAppSocket;
			}
			this.borrowed.delete(key);
		}
		const session = open();
		const opened = session.whenOpen(timeoutMs);
		const opening = session
			.start()
			.then(() => opened)
			.then(
				() => session,
				(error: Error) => {
					session.stop();
					if (this.borrowed.get(key) === opening) this.borrowed.delete(key);
					return Promise.reject(error);
				},
			);
		opened.catch(() => undefined);
		this.borrowed.set(key, opening);
		await opening;
		return session.socket as WhatsAppSocket;
	}

	/** One limiter per session and limit settings, shared by every execution in this process. */
	limiter(folder: string, limits: SendLimits, clock: () => number, sleep: Sleep): SendRateLimiter {
		const key = `${WhatsAppConnectionRegistry.key(folder)}\n${JSON.stringify(limits)}`;
		let limiter = this.limiters.get(key);
		if (!limiter) {
			limiter = new SendRateLimiter(limits, clock, sleep);
			this.limiters.set(key, limiter);
		}
		return limiter;
	}

	/** Stops every connection this registry opened itself (tests, shutdown). Trigger sessions are their trigger's to close. */
	closeAll(): void {
		for (const key of [...this.borrowed.keys()]) this.closeBorrowed(key);
	}

	private closeBorrowed(key: string): void {
		const pending = this.borrowed.get(key);
		if (!pending) return;
		this.borrowed.delete(key);
		void pending.then((session) => session.stop()).catch(() => undefined);
	}
}

/** The process-wide registry the nodes use. Keyed by auth folder: content-keyed, safe across workflows. */
export const whatsAppConnections = new WhatsAppConnectionRegistry();
