import type { AppendInput, AppendResult, ConversationPolicy, ConversationRecord, CsatResult, LoadResult, TakeoverResult } from '../../nodes/shared/conversation';
import type { Ticket } from '../../nodes/shared/ticket';

/** The store operations, as every backend must serve them (called in-process, or in a Node 24 child for SQLite). */
export interface StoreUnderTest {
	load(ticket: Ticket, policy?: Partial<ConversationPolicy>): Promise<LoadResult>;
	append(ticket: Ticket, input?: Partial<AppendInput>, policy?: Partial<ConversationPolicy>): Promise<AppendResult>;
	takeOver(ticket: Ticket, by: string): Promise<TakeoverResult>;
	release(ticket: Ticket, by?: string): Promise<TakeoverResult>;
	purge(ticket: Ticket): Promise<number>;
	expire(nowMs: number, retentionDays: number): Promise<number>;
	count(): Promise<number>;
	/** Every conversation touched at or after sinceMs, read in pages of pageSize. */
	listSince(sinceMs: number, pageSize?: number): Promise<ConversationRecord[]>;
	csat(ticket: Ticket, score: number): Promise<CsatResult>;
	close(): Promise<void>;
}

const WA = '+5215512345678';
export function wa(id: string, at: string, text = 'hola', extra: Partial<Ticket> = {}): Ticket {
	return { ticketId: id, channel: 'whatsapp', customer: { name: 'Lucía', phone: WA }, message: { id, text, receivedAt: at }, ...extra };
}
export function chat(id: string, session: string, at: string, text: string, customer: Ticket['customer'] = {}): Ticket {
	return { ticketId: id, channel: 'webchat', sessionId: session, customer, message: { id, text, receivedAt: at } };
}
export function mail(id: string, from: string, at: string, text = 'hello', extra: Partial<Ticket> = {}): Ticket {
	return { ticketId: id, channel: 'email', customer: { email: from }, message: { id, text, receivedAt: at }, ...extra };
}
const answered = (t: Ticket, text: string): Ticket => ({ ...t, route: { tier: 'L1', reasons: [] }, reply: { text, language: 'es' } });

/** The same behaviour, asserted against any backend. */
export function conversationContract(name: string, open: () => Promise<StoreUnderTest>): void {
	describe(`conversation store contract: ${name}`, () => {
		let store: StoreUnderTest;
		beforeEach(async () => {
			store = await open();
		});
		afterEach(async () => {
			await store.close();
		});

		it('starts a conversation on the first message and finds it again by the same number', async () => {
			const first = await store.load(wa('m1', '2026-03-02T10:00:00-06:00'));
			expect(first.conversation).toMatchObject({ identities: [`whatsapp:${WA}`], turns: [], unresolvedAiTurns: 0, greeted: false, takeover: null });
			await store.append(answered(wa('m1', '2026-03-02T10:00:00-06:00', 'horario?'), 'Abrimos de 9 a 18.'));
			const second = await store.load(wa('m2', '2026-03-02T10:05:00-06:00'));
			expect(second.conversation.id).toBe(first.conversation.id);
			expect(second.conversation.turns.map((t) => [t.role, t.text, t.channel])).toEqual([
				['customer', 'horario?', 'whatsapp'],
				['ai', 'Abrimos de 9 a 18.', 'whatsapp'],
			]);
			expect(second.history).toEqual([
				{ role: 'customer', text: 'horario?', at: '2026-03-02T10:00:00-06:00' },
				{ role: 'ai', text: 'Abrimos de 9 a 18.', at: '2026-03-02T10:00:00-06:00' },
			]);
			expect(second.conversation.unresolvedAiTurns).toBe(1);
			expect(await store.count()).toBe(1);
		});

		it('keeps an L2 holding reply in the history without counting it as a failed AI turn', async () => {
			const checking = { ...wa('m1', '2026-03-02T10:00:00-06:00', '¿dónde va mi pedido A123?'), route: { tier: 'L2' as const, reasons: [] }, reply: { text: 'Déjame revisarlo en nuestro sistema.', language: 'es', pending: true } };
			await store.append(checking);
			const next = await store.load(wa('m2', '2026-03-02T10:05:00-06:00'));
			expect(next.history).toEqual([
				{ role: 'customer', text: '¿dónde va mi pedido A123?', at: '2026-03-02T10:00:00-06:00' },
				{ role: 'ai', text: 'Déjame revisarlo en nuestro sistema.', at: '2026-03-02T10:00:00-06:00', pending: true },
			]);
			expect(next.conversation.unresolvedAiTurns).toBe(0);
		});

		it('stores a redelivered message once', async () => {
			const t = answered(wa('m1', '2026-03-02T10:00:00-06:00', 'hola'), 'Hola, ¿en qué te ayudo?');
			expect(await store.append(t)).toMatchObject({ stored: 2, duplicates: 0 });
			expect(await store.append(t)).toMatchObject({ stored: 0, duplicates: 2 });
			const loaded = await store.load(wa('m2', '2026-03-02T10:01:00-06:00'));
			expect(loaded.conversation.turns).toHaveLength(2);
		});

		it('loses no turn when one customer sends many messages at once', async () => {
			const at = (i: number) => `2026-03-02T10:${String(i).padStart(2, '0')}:00-06:00`;
			await Promise.all(Array.from({ length: 30 }, (_, i) => store.append(wa(`burst-${i}`, at(i), `mensaje ${i}`))));
			const loaded = await store.load(wa('after', '2026-03-02T10:45:00-06:00'));
			expect(loaded.conversation.turns.map((t) => t.text)).toEqual(Array.from({ length: 30 }, (_, i) => `mensaje ${i}`));
			expect(await store.count()).toBe(1);
		});

		it('links identities that meet in one verified ticket, and then finds the customer by either', async () => {
			await store.append(wa('w1', '2026-03-02T10:00:00-06:00', 'mi pedido', { customer: { phone: WA, id: 'cust-7' } }));
			await store.append(mail('e1', 'lucia@example.com', '2026-03-02T11:00:00-06:00', 'sobre mi pedido', { customer: { email: 'lucia@example.com', id: 'cust-7' } }));
			const byMail = await store.load(mail('e2', 'Lucia@Example.com', '2026-03-02T12:00:00-06:00'));
			expect(byMail.conversation.identities.sort()).toEqual(['customer:cust-7', 'email:lucia@example.com', `whatsapp:${WA}`]);
			expect(byMail.conversation.turns.map((t) => t.text)).toEqual(['mi pedido', 'sobre mi pedido']);
			expect(byMail.conversation.weakMatch).toBe(true);
			const byNumber = await store.load(wa('w2', '2026-03-02T12:05:00-06:00'));
			expect(byNumber.conversation.id).toBe(byMail.conversation.id);
			expect(byNumber.conversation.weakMatch).toBe(false);
		});

		it('merges two conversations that a verified ticket shows are one customer', async () => {
			await store.append(wa('w1', '2026-03-02T10:00:00-06:00', 'por WhatsApp'));
			await store.append(mail('e1', 'lucia@example.com', '2026-03-02T10:30:00-06:00', 'por correo', { customer: { email: 'lucia@example.com', id: 'cust-9' } }));
			expect(await store.count()).toBe(2);
			// The shop's own system knows both: a WhatsApp ticket carrying the customer id joins them.
			await store.append(wa('w2', '2026-03-02T11:00:00-06:00', 'otra vez', { customer: { phone: WA, id: 'cust-9' } }));
			expect(await store.count()).toBe(1);
			const loaded = await store.load(mail('e2', 'lucia@example.com', '2026-03-02T11:20:00-06:00'));
			expect(loaded.conversation.turns.map((t) => t.text)).toEqual(['por WhatsApp', 'por correo', 'otra vez']);
		});

		it('never loads someone else\u2019s history from an email or phone typed into a web chat: it keeps them as claims', async () => {
			await store.append(wa('w1', '2026-03-02T10:00:00-06:00', 'mi dirección es Calle 5', { customer: { phone: WA, id: 'cust-7' } }));
			await store.append(mail('e1', 'lucia@example.com', '2026-03-02T10:10:00-06:00', 'factura', { customer: { email: 'lucia@example.com', id: 'cust-7' } }));
			const before = await store.load(wa('w0', '2026-03-02T10:20:00-06:00'));

			const intruder = chat('x1', 'sess-evil', '2026-03-02T11:00:00-06:00', `soy Lucía, mi correo es lucia@example.com y mi número ${WA}`, {
				email: 'lucia@example.com',
				phone: WA,
				id: 'cust-7',
			});
			const loaded = await store.load(intruder);
			expect(loaded.conversation.id).not.toBe(before.conversation.id);
			expect(loaded.conversation.turns).toEqual([]);
			expect(loaded.history).toEqual([]);
			expect(loaded.conversation.identities).toEqual(['webchat:sess-evil']);
			expect(loaded.conversation.claims.map((c) => `${c.kind}:${c.value}`).sort()).toEqual(['customer:cust-7', 'email:lucia@example.com', `phone:${WA}`]);
			await store.append(intruder);

			const victim = await store.load(wa('w2', '2026-03-02T11:05:00-06:00'));
			expect(victim.conversation.id).toBe(before.conversation.id);
			expect(victim.conversation.identities).not.toContain('webchat:sess-evil');
			expect(victim.conversation.turns.map((t) => t.text)).toEqual(['mi dirección es Calle 5', 'factura']);
		});

		it('keeps the takeover until release, and hands an idle one back after the idle time', async () => {
			await store.append(wa('m1', '2026-03-02T10:00:00-06:00', 'quiero una persona'));
			const taken = await store.takeOver(wa('m1', '2026-03-02T10:02:00-06:00'), 'agent-ana');
			expect(taken.takeover).toEqual({ by: 'agent-ana', since: '2026-03-02T10:02:00-06:00' });
			const during = await store.load(wa('m2', '2026-03-02T10:30:00-06:00'), { takeoverIdleMinutes: 60 });
			expect(during.conversation.takeover).toEqual({ by: 'agent-ana', since: '2026-03-02T10:02:00-06:00' });
			await store.release(wa('m2', '2026-03-02T10:40:00-06:00'), 'agent-ana');
			expect((await store.load(wa('m3', '2026-03-02T10:41:00-06:00'))).conversation.takeover).toBeNull();

			await store.takeOver(wa('m4', '2026-03-02T12:00:00-06:00'), 'agent-ana');
			// A person's answer counts as activity: idle time starts again from it.
			await store.append(wa('m4', '2026-03-02T12:30:00-06:00', 'hola'), { replyRole: 'agent', agent: 'agent-ana', agentText: 'Hola, soy Ana.' });
			expect((await store.load(wa('m5', '2026-03-02T13:20:00-06:00'), { takeoverIdleMinutes: 60 })).conversation.takeover).not.toBeNull();
			const idle = await store.load(wa('m6', '2026-03-02T13:31:00-06:00'), { takeoverIdleMinutes: 60 });
			expect(idle.conversation.takeover).toBeNull();
			expect(idle.conversation.released).toEqual({ at: '2026-03-02T13:30:00.000-06:00', reason: 'idle', by: 'agent-ana' });
			expect((await store.load(wa('m7', '2026-03-02T13:32:00-06:00'))).conversation.released).toBeUndefined();
		});

		it('purges a customer on request, and expires idle conversations after the retention', async () => {
			await store.append(wa('w1', '2026-01-02T10:00:00-06:00', 'viejo'));
			await store.append(chat('c1', 'sess-2', '2026-03-02T10:00:00-06:00', 'reciente'));
			expect(await store.count()).toBe(2);
			expect(await store.expire(Date.parse('2026-03-03T00:00:00-06:00'), 30)).toBe(1);
			expect(await store.count()).toBe(1);
			expect(await store.purge(chat('c2', 'sess-2', '2026-03-04T10:00:00-06:00', 'bórrame'))).toBe(1);
			expect(await store.count()).toBe(0);
			expect((await store.load(chat('c3', 'sess-2', '2026-03-04T10:01:00-06:00', 'hola'))).conversation.turns).toEqual([]);
		});

		it('forgets a conversation past its retention when it is next loaded', async () => {
			await store.append(wa('w1', '2026-01-02T10:00:00-06:00', 'viejo'));
			const loaded = await store.load(wa('w2', '2026-03-02T10:00:00-06:00'), { retentionDays: 30 });
			expect(loaded.conversation.turns).toEqual([]);
		});

		it('keeps the last 50 turns and still refuses a redelivery of an older one', async () => {
			for (let i = 0; i < 30; i++) {
				const at = `2026-03-02T${String(10 + Math.floor(i / 30)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00-06:00`;
				await store.append(answered(wa(`m${i}`, at, `q${i}`), `a${i}`));
			}
			const loaded = await store.load(wa('last', '2026-03-02T11:00:00-06:00'));
			expect(loaded.conversation.turns).toHaveLength(50);
			expect(loaded.conversation.turns[0].text).toBe('q5');
			expect(await store.append(answered(wa('m0', '2026-03-02T10:00:00-06:00', 'q0'), 'a0'))).toMatchObject({ stored: 0, duplicates: 2 });
		});

		it('lists the conversations touched since a time, page by page, with each customer turn\u2019s outcome', async () => {
			const routed = (t: Ticket, tier: 'L1' | 'L3', rules: string[], reasons: string[]): Ticket => ({
				...t,
				triage: { intent: 'order_status', confidence: 0.9, urgency: 'normal', sentiment: 0, language: 'es', flags: {}, automation: 'high', provider: 'embedded' } as unknown as Ticket['triage'],
				knowledge: { answered: tier === 'L1', score: 0.8, sources: [] },
				hours: { open: false },
				route: { tier, reasons, rules },
				sla: { policy: 'default', firstResponseDueAt: '2026-03-03T09:30:00-06:00', state: 'ok' },
				reply: { text: 'respuesta', language: 'es' },
			});
			await store.append(wa('old', '2026-02-01T10:00:00-06:00', 'viejo'));
			for (let i = 0; i < 7; i++) await store.append(chat(`c${i}`, `sess-${i}`, `2026-03-02T1${i}:00:00-06:00`, `hola ${i}`));
			await store.append(routed(mail('e1', 'ana@example.com', '2026-03-02T23:00:00-06:00', 'estoy furioso'), 'L3', ['offHours', 'angry'], ['off hours: held', 'angry customer']));
			const since = Date.parse('2026-03-01T00:00:00-06:00');
			const all = await store.listSince(since, 3);
			expect(all).toHaveLength(8);
			expect(new Set(all.map((r) => r.id)).size).toBe(8);
			expect(all.map((r) => r.id)).toEqual([...all.map((r) => r.id)].sort());
			const angry = all.find((r) => r.identities['email:ana@example.com']);
			expect(angry?.turns[0].outcome).toEqual({
				tier: 'L3',
				rule: 'angry',
				reason: 'angry customer',
				reasons: ['off hours: held', 'angry customer'],
				intent: 'order_status',
				language: 'es',
				answered: false,
				offHours: true,
				firstResponseDueAt: '2026-03-03T09:30:00-06:00',
				slaState: 'ok',
			});
			expect(await store.listSince(Date.parse('2026-03-02T23:00:00-06:00'))).toHaveLength(1);
			expect(await store.listSince(Date.parse('2026-01-01T00:00:00-06:00'))).toHaveLength(9);
		});

		it('stores a satisfaction answer once with who resolved the case, and asks to reopen a low one', async () => {
			await store.append(answered(wa('m1', '2026-03-02T10:00:00-06:00', 'horario?'), 'Abrimos de 9 a 18.'));
			const first = await store.csat(wa('s1', '2026-03-02T10:05:00-06:00', '5'), 5);
			expect(first).toMatchObject({ stored: true, reopen: false, answer: { id: 's1', score: 5, resolver: 'ai', tier: 'L1', channel: 'whatsapp', at: '2026-03-02T10:05:00-06:00' } });
			expect(await store.csat(wa('s1', '2026-03-02T10:05:00-06:00', '5'), 5)).toMatchObject({ stored: false });
			await store.append(wa('m2', '2026-03-02T11:00:00-06:00', 'no funciona'), { replyRole: 'agent', agent: 'ana', agentText: 'Ya lo arreglé.' });
			const low = await store.csat(wa('s2', '2026-03-02T11:30:00-06:00', '1'), 1);
			expect(low).toMatchObject({ stored: true, reopen: true, answer: { score: 1, resolver: 'agent' } });
			const [record] = await store.listSince(0);
			expect(record.csat?.map((a) => a.score)).toEqual([5, 1]);
			await expect(store.csat(wa('s3', '2026-03-02T11:31:00-06:00', '7'), 7)).rejects.toThrow('csat.score');
		});
	});
}
