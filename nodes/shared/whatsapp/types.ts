import type { AnyMessageContent, AuthenticationState, BaileysEventMap, WAMessage, proto } from '@whiskeysockets/baileys';

/**
 * The part of a Baileys socket (`ReturnType<typeof makeWASocket>`) this package uses. Kept narrow
 * so tests can drive the session with a fake socket that emits Baileys' own event types.
 */
export interface WhatsAppSocket {
	ev: {
		on<E extends keyof BaileysEventMap>(event: E, listener: (arg: BaileysEventMap[E]) => void): void;
		off<E extends keyof BaileysEventMap>(event: E, listener: (arg: BaileysEventMap[E]) => void): void;
	};
	user?: { id: string; name?: string };
	sendMessage(jid: string, content: AnyMessageContent): Promise<WAMessage | undefined>;
	/** Sends a raw protocol message: the only way Baileys 6.x can still send buttons and lists. */
	relayMessage?(jid: string, message: proto.IMessage, options: { messageId?: string }): Promise<string>;
	sendPresenceUpdate(type: 'composing' | 'paused' | 'available' | 'unavailable', jid?: string): Promise<void>;
	/** Closes the websocket and keeps the pairing. */
	end(error: Error | undefined): void;
	/** Unpairs the device: never called by the nodes, listed so fakes mirror the real socket. */
	logout(msg?: string): Promise<void>;
}

export interface SocketOptions {
	auth: AuthenticationState;
	browserName: string;
	markOnlineOnConnect: boolean;
	logger: BaileysLogger;
}

export type MakeSocket = (options: SocketOptions) => WhatsAppSocket;

export interface LoadedAuthState {
	state: AuthenticationState;
	saveCreds: () => Promise<void>;
}

/** Baileys' `useMultiFileAuthState` in production; an in-memory store in tests. */
export type LoadAuthState = (folder: string) => Promise<LoadedAuthState>;

/** Baileys' ILogger (a pino subset). */
export interface BaileysLogger {
	level: string;
	child(obj: Record<string, unknown>): BaileysLogger;
	trace(obj: unknown, msg?: string): void;
	debug(obj: unknown, msg?: string): void;
	info(obj: unknown, msg?: string): void;
	warn(obj: unknown, msg?: string): void;
	error(obj: unknown, msg?: string): void;
}

/** n8n's logger shape, without importing n8n. */
export interface PlainLogger {
	debug(message: string, meta?: object): void;
	info(message: string, meta?: object): void;
	warn(message: string, meta?: object): void;
	error(message: string, meta?: object): void;
}

export type Sleep = (ms: number) => Promise<void>;

/** Everything that touches the outside world, so tests can pass fakes. */
export interface WhatsAppDeps {
	makeSocket: MakeSocket;
	loadAuthState: LoadAuthState;
	sleep: Sleep;
	/** Monotonic milliseconds for rate limiting (performance.now in production). */
	clock: () => number;
}

export type { WAMessage };
