import type { OutgoingKind, OutgoingPlan } from './outgoing';
import type { Sleep, WhatsAppSocket } from './types';

export interface TypingOptions {
	enabled: boolean;
	/** How long "typing…" shows before the message lands. */
	ms: number;
}

export interface Delivery {
	messageId: string | undefined;
	kind: OutgoingKind;
	/** Set when native buttons/lists were refused and numbered text went instead. */
	fallbackFrom?: 'buttons' | 'list';
	fallbackReason?: string;
}

async function quietly(action: () => Promise<void>): Promise<void> {
	try {
		await action();
	} catch {
		// A presence update is cosmetic: it must never fail the reply itself.
	}
}

/** Sends one planned message with a typing indicator around it: composing → wait → send → paused. */
export async function deliver(socket: WhatsAppSocket, jid: string, plan: OutgoingPlan, typing: TypingOptions, sleep: Sleep): Promise<Delivery> {
	if (typing.enabled) {
		await quietly(() => socket.sendPresenceUpdate('composing', jid));
		if (typing.ms > 0) await sleep(typing.ms);
	}
	try {
		if ('message' in plan) {
			if (socket.relayMessage) {
				try {
					const messageId = await socket.relayMessage(jid, plan.message, {});
					return { messageId, kind: plan.kind };
				} catch (error) {
					const sent = await socket.sendMessage(jid, { text: plan.fallbackText });
					return { messageId: sent?.key?.id ?? undefined, kind: 'numbered', fallbackFrom: plan.kind, fallbackReason: (error as Error).message };
				}
			}
			const sent = await socket.sendMessage(jid, { text: plan.fallbackText });
			return { messageId: sent?.key?.id ?? undefined, kind: 'numbered', fallbackFrom: plan.kind, fallbackReason: 'socket cannot relay raw messages' };
		}
		const sent = await socket.sendMessage(jid, plan.content);
		return { messageId: sent?.key?.id ?? undefined, kind: plan.kind };
	} finally {
		if (typing.enabled) await quietly(() => socket.sendPresenceUpdate('paused', jid));
	}
}
