/**
 * The Conversation Store's SQLite backend at scale: 1,000,000 turns (100,000 customers × 10 turns),
 * then Load by a WhatsApp number, by a customer id and by a web chat session, and Append, each timed
 * one call at a time. Needs node:sqlite, so it runs under n8n's Node 24 on the built package:
 *
 *   npm run build && <node 24> dist/bench/conversation-store.js [--quick] [--out <file.json>]
 *
 * Writes bench/results/conversation-store.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { appendToConversation, identitiesOf, identityKey, loadConversation, resolveConversationPolicy, SqliteBackend } from '../nodes/shared/conversation';
import { appendTurn, newRecord } from '../nodes/shared/conversation/record';
import type { Ticket } from '../nodes/shared/ticket';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : path.resolve(__dirname, '../../bench/results/conversation-store.json');
const CUSTOMERS = quick ? 10_000 : 100_000;
const TURNS_EACH = 10;
const SAMPLES = 2_000;

const options = { policy: resolveConversationPolicy({ retentionDays: 0 }) };
const phone = (i: number) => `+52155${String(10_000_000 + i)}`;
const minute = (base: number, i: number) => new Date(Date.UTC(2026, 2, 2, 16, 0, 0) + (base + i) * 60_000).toISOString().replace('Z', '+00:00');

function whatsapp(i: number, n: number, at: string): Ticket {
	return { ticketId: `w-${i}-${n}`, channel: 'whatsapp', customer: { phone: phone(i), id: `crm-${i}` }, message: { id: `w-${i}-${n}`, text: `mensaje ${n} del cliente ${i}`, receivedAt: at }, route: { tier: 'L1', reasons: [] }, reply: { text: `respuesta ${n}`, language: 'es' } };
}

function percentiles(values: number[]): { p50: number; p99: number; max: number } {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 1000) / 1000;
	return { p50: at(0.5), p99: at(0.99), max: at(1) };
}

async function timed(count: number, make: (k: number) => Promise<unknown>): Promise<number[]> {
	const times: number[] = [];
	for (let k = 0; k < count; k++) {
		const started = performance.now();
		await make(k);
		times.push(performance.now() - started);
	}
	return times;
}

async function main(): Promise<void> {
	const folder = mkdtempSync(path.join(tmpdir(), 's247-conv-bench-'));
	const backend = new SqliteBackend(path.join(folder, 'conversations.sqlite'));
	try {
		const started = performance.now();
		// Each customer's ten turns in one transaction, so filling the file takes minutes, not an hour.
		for (let i = 0; i < CUSTOMERS; i++) {
			const first = whatsapp(i, 0, minute(i % 1000, 0));
			const identities = identitiesOf(first).identities;
			await backend.transact({ identityKeys: identities.map(identityKey) }, () => {
				const record = newRecord(identities, first.message.receivedAt as string);
				for (let n = 0; n < TURNS_EACH / 2; n++) {
					const at = minute(i % 1000, n);
					appendTurn(record, { id: `w-${i}-${n}`, role: 'customer', text: `mensaje ${n} del cliente ${i}`, channel: 'whatsapp', at }, options.policy);
					appendTurn(record, { id: `w-${i}-${n}:ai`, role: 'ai', text: `respuesta ${n}`, channel: 'whatsapp', at }, options.policy);
				}
				return { save: record, result: undefined };
			});
		}
		const populateSeconds = (performance.now() - started) / 1000;
		const turns = CUSTOMERS * TURNS_EACH;
		process.stderr.write(`populated ${turns} turns in ${populateSeconds.toFixed(1)} s\n`);

		const pick = (k: number) => (k * 7919) % CUSTOMERS;
		const later = '2026-03-03T16:00:00+00:00';
		const byWhatsapp = await timed(SAMPLES, (k) => loadConversation(backend, { ticketId: 'x', channel: 'whatsapp', customer: { phone: phone(pick(k)) }, message: { text: 'hola', receivedAt: later } }, options));
		const byCustomerId = await timed(SAMPLES, (k) => loadConversation(backend, { ticketId: 'x', channel: 'email', customer: { id: `crm-${pick(k)}` }, message: { text: 'hola', receivedAt: later } }, options));
		const newSession = await timed(SAMPLES, (k) => loadConversation(backend, { ticketId: 'x', channel: 'webchat', sessionId: `s-${k}`, customer: {}, message: { text: 'hola', receivedAt: later } }, options));
		const append = await timed(SAMPLES, (k) => appendToConversation(backend, whatsapp(pick(k), 100 + k, later), { replyRole: 'ai', includeCustomerTurn: true }, options));
		const result = {
			measuredAt: new Date().toISOString(),
			node: process.versions.node,
			turns,
			customers: CUSTOMERS,
			populateSeconds: Math.round(populateSeconds * 10) / 10,
			samples: SAMPLES,
			loadByWhatsappMs: percentiles(byWhatsapp),
			loadByCustomerIdMs: percentiles(byCustomerId),
			loadNewWebchatSessionMs: percentiles(newSession),
			appendMs: percentiles(append),
			goal: 'Load by any identity ≤ 5 ms p99 at 1,000,000 turns',
		};
		writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
		process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
	} finally {
		await backend.close();
		rmSync(folder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).message}\n`);
	process.exit(1);
});
