/**
 * Test doubles for the WhatsApp nodes: a fake Baileys socket that emits Baileys' own event types
 * (`connection.update`, `creds.update`, `messages.upsert`) with Boom errors as Baileys does, an
 * in-memory auth state, a manual sleep and a virtual clock, and minimal ITriggerFunctions /
 * IExecuteFunctions contexts.
 */
import { EventEmitter } from 'node:events';
import { Boom } from '@hapi/boom';
import type { AnyMessageContent, AuthenticationState, BaileysEventMap, WAMessage, proto } from '@whiskeysockets/baileys';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, ITriggerFunctions } from 'n8n-workflow';

import type { LoadAuthState, MakeSocket, SocketOptions, WhatsAppDeps, WhatsAppSocket } from '../../nodes/shared/whatsapp/types';

export class FakeEvents {
	private readonly emitter = new EventEmitter();
	on<E extends keyof BaileysEventMap>(event: E, listener: (arg: BaileysEventMap[E]) => void): void {
		this.emitter.on(event, listener);
	}
	off<E extends keyof BaileysEventMap>(event: E, listener: (arg: BaileysEventMap[E]) => void): void {
		this.emitter.off(event, listener);
	}
	emit<E extends keyof BaileysEventMap>(event: E, arg: BaileysEventMap[E]): void {
		this.emitter.emit(event, arg);
	}
	listenerCount(event: keyof BaileysEventMap): number {
		return this.emitter.listenerCount(event);
	}
}

export interface FakeSocketBehaviour {
	/** relayMessage rejects, as WhatsApp does for buttons on some accounts. */
	relayFails?: boolean;
	/** The socket has no relayMessage at all. */
	noRelay?: boolean;
}

/** Every call in order, e.g. 'presence:composing', 'send', 'relay', 'presence:paused', 'end'. */
export class FakeSocket implements WhatsAppSocket {
	readonly ev = new FakeEvents();
	user: WhatsAppSocket['user'] = { id: '5215500000000:7@s.whatsapp.net', name: 'Support' };
	readonly calls: string[] = [];
	readonly sent: Array<{ jid: string; content: AnyMessageContent }> = [];
	readonly relayed: Array<{ jid: string; message: proto.IMessage }> = [];
	readonly presence: Array<{ type: string; jid?: string }> = [];
	ended: Array<Error | undefined> = [];
	loggedOut = 0;
	relayMessage?: WhatsAppSocket['relayMessage'];
	private counter = 0;

	constructor(
		readonly options: SocketOptions,
		behaviour: FakeSocketBehaviour = {},
	) {
		if (!behaviour.noRelay) {
			this.relayMessage = async (jid, message) => {
				this.calls.push('relay');
				if (behaviour.relayFails) throw new Boom('Bad request', { statusCode: 400 });
				this.relayed.push({ jid, message });
				return `RELAY-${++this.counter}`;
			};
		}
	}

	async sendMessage(jid: string, content: AnyMessageContent): Promise<WAMessage | undefined> {
		this.calls.push('send');
		this.sent.push({ jid, content });
		return { key: { remoteJid: jid, fromMe: true, id: `SENT-${++this.counter}` } };
	}

	async sendPresenceUpdate(type: 'composing' | 'paused' | 'available' | 'unavailable', jid?: string): Promise<void> {
		this.calls.push(`presence:${type}`);
		this.presence.push({ type, jid });
	}

	end(error: Error | undefined): void {
		this.calls.push('end');
		this.ended.push(error);
	}

	async logout(): Promise<void> {
		this.calls.push('logout');
		this.loggedOut++;
	}

	// Drivers: what WhatsApp's servers would make Baileys emit.
	open(): void {
		this.ev.emit('connection.update', { connection: 'open' });
	}
	qr(qr: string): void {
		this.ev.emit('connection.update', { qr });
	}
	close(statusCode: number): void {
		this.ev.emit('connection.update', {
			connection: 'close',
			lastDisconnect: { error: new Boom('Connection Failure', { statusCode }), date: new Date(0) },
		});
	}
	credsUpdate(): void {
		this.ev.emit('creds.update', { registrationId: 42 });
	}
	upsert(messages: WAMessage[], type: 'notify' | 'append' = 'notify'): void {
		this.ev.emit('messages.upsert', { messages, type });
	}
}

/** makeSocket that records every socket it creates. */
export function fakeSocketFactory(behaviour: FakeSocketBehaviour = {}): { makeSocket: MakeSocket; sockets: FakeSocket[]; latest(): FakeSocket } {
	const sockets: FakeSocket[] = [];
	return {
		sockets,
		makeSocket: (options) => {
			const socket = new FakeSocket(options, behaviour);
			sockets.push(socket);
			return socket;
		},
		latest: () => {
			const socket = sockets[sockets.length - 1];
			if (!socket) throw new Error('no socket was created');
			return socket;
		},
	};
}

/** In-memory stand-in for useMultiFileAuthState, counting loads and saves. */
export function memoryAuth(): { loadAuthState: LoadAuthState; loads: string[]; saves: number } {
	const record = {
		loads: [] as string[],
		saves: 0,
		loadAuthState: async (folder: string) => {
			record.loads.push(folder);
			const state = { creds: {}, keys: {} } as unknown as AuthenticationState;
			return {
				state,
				saveCreds: async () => {
					record.saves++;
				},
			};
		},
	};
	return record;
}

/** A sleep the test releases by hand, to see what happens before and after a delay. */
export class ManualSleep {
	readonly requested: number[] = [];
	private pending: Array<() => void> = [];
	readonly sleep = (ms: number): Promise<void> => {
		this.requested.push(ms);
		return new Promise<void>((resolve) => this.pending.push(resolve));
	};
	async release(): Promise<void> {
		const pending = this.pending;
		this.pending = [];
		for (const resolve of pending) resolve();
		await flush();
	}
	get waiting(): number {
		return this.pending.length;
	}
}

/** Virtual time: sleeping advances the clock at once. */
export class VirtualClock {
	now = 0;
	readonly slept: number[] = [];
	readonly clock = () => this.now;
	readonly sleep = async (ms: number): Promise<void> => {
		this.slept.push(ms);
		this.now += ms;
	};
}

/** Polls until `check` passes (file writes and QR rendering finish on the thread pool). */
export async function until(check: () => boolean, attempts = 500): Promise<void> {
	for (let i = 0; i < attempts; i++) {
		if (check()) return;
		await new Promise<void>((resolve) => setTimeout(resolve, 5));
	}
	throw new Error('condition not reached');
}

/** Lets queued promise callbacks run. */
export async function flush(): Promise<void> {
	for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function fakeDeps(overrides: Partial<WhatsAppDeps> = {}): WhatsAppDeps & { factory: ReturnType<typeof fakeSocketFactory>; auth: ReturnType<typeof memoryAuth>; time: VirtualClock } {
	const factory = fakeSocketFactory();
	const auth = memoryAuth();
	const time = new VirtualClock();
	return { makeSocket: factory.makeSocket, loadAuthState: auth.loadAuthState, sleep: time.sleep, clock: time.clock, factory, auth, time, ...overrides };
}

export interface TextMessageInit {
	jid?: string;
	id: string;
	text?: string;
	fromMe?: boolean;
	pushName?: string;
	/** Unix seconds, as WhatsApp sends them. */
	ts?: number;
	participant?: string;
	message?: proto.IMessage;
}

export function waMessage(init: TextMessageInit): WAMessage {
	return {
		key: { remoteJid: init.jid ?? '5215512345678@s.whatsapp.net', fromMe: init.fromMe ?? false, id: init.id, participant: init.participant },
		message: init.message ?? { conversation: init.text ?? 'hola' },
		messageTimestamp: init.ts ?? 1772860440, // 2026-03-07T05:14:00Z
		pushName: init.pushName ?? 'Ana',
	};
}

type LogFn = (message: string, meta?: object) => void;
const noop: LogFn = () => undefined;
export const silentLogger: { debug: LogFn; info: LogFn; warn: LogFn; error: LogFn } = { debug: noop, info: noop, warn: noop, error: noop };

export function recordingLogger(): { logger: typeof silentLogger; lines: Array<{ level: string; message: string }> } {
	const lines: Array<{ level: string; message: string }> = [];
	const at = (level: string) => (message: string) => void lines.push({ level, message });
	return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

const NODE = { id: 'n1', name: 'WhatsApp', type: 'n8n-nodes-support247.test', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

export interface TriggerContextInit {
	credentials: IDataObject;
	options?: IDataObject;
	mode?: 'trigger' | 'manual';
	staticData?: IDataObject;
}

/** A minimal ITriggerFunctions: records emits, emitErrors and logs; static data is a plain object kept across restarts. */
export function triggerContext(init: TriggerContextInit) {
	const emitted: INodeExecutionData[][][] = [];
	const errors: Error[] = [];
	const { logger, lines } = recordingLogger();
	const staticData = init.staticData ?? {};
	const ctx = {
		getCredentials: async () => init.credentials,
		getNodeParameter: (name: string, fallback?: unknown) => (name === 'options' ? (init.options ?? {}) : fallback),
		getMode: () => init.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getWorkflowStaticData: () => staticData,
		getNode: () => NODE,
		emit: (data: INodeExecutionData[][]) => void emitted.push(data),
		emitError: (error: Error) => void errors.push(error),
		logger,
		helpers: {
			prepareBinaryData: async (data: Buffer, fileName: string, mimeType: string) => ({
				data: data.toString('base64'),
				fileName,
				mimeType,
			}),
		},
	} as unknown as ITriggerFunctions;
	const items = () => emitted.flatMap((run) => run[0].map((item) => item.json));
	return { ctx, emitted, items, errors, logs: lines, staticData };
}

export interface ExecuteContextInit {
	items: IDataObject[];
	credentials: IDataObject;
	parameters?: IDataObject;
	continueOnFail?: boolean;
}

/** A minimal IExecuteFunctions for the send node. */
export function executeContext(init: ExecuteContextInit): IExecuteFunctions {
	const parameters = init.parameters ?? {};
	return {
		getInputData: () => init.items.map((json) => ({ json })),
		getNodeParameter: (name: string, _index: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getCredentials: async () => init.credentials,
		getNode: () => NODE,
		continueOnFail: () => init.continueOnFail ?? false,
		logger: silentLogger,
	} as unknown as IExecuteFunctions;
}
