/**
 * The SLA Timer's "Wait Until Deadline" is durable in a real n8n: a ticket POSTed to a webhook parks its
 * execution until the first-response deadline (putExecutionToWait), n8n is restarted during the wait, and
 * the new process resumes the execution from the database when the deadline comes: the node after the
 * SLA Timer runs (it POSTs to a listener here) and the execution ends as success.
 *
 * This one test needs real time: n8n resumes by its own clock. The deadline is ~72 s after the POST on a quiet
 * machine (the ticket arrived 48 s "ago" under a 2-minute calendar-time first-response target): long enough to
 * be stored as a waiting execution (n8n's wait tracker only keeps timers for waits due within ~70 s, and the
 * restart throws away any timer anyway), short enough for the suite. On a loaded machine, where n8n takes
 * longer to start, the wait grows with the measured start time, so the restart always fits inside it.
 */
import { createServer, type IncomingMessage, type Server } from 'http';
import { readFileSync } from 'fs';
import { join } from 'path';
import { N8nServer, freePort, type ExecutionSummary } from './helpers/n8n-server';

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/sla-wait-durable.workflow.json'), 'utf8')) as {
	id: string;
	nodes: Array<{ name: string; parameters: Record<string, unknown> }>;
};
const WEBHOOK_PATH = 'support-e2e-sla-wait';
const QUIET_WAIT_MS = 72_000;
/** Set in beforeAll from how long n8n took to start: the target (whole minutes) and how long "ago" the ticket came. */
let firstResponseMinutes = 2;
let arrivedAgoMs = 48_000;
let startMs = 0;

interface Received {
	at: number;
	body: { ticketId?: string; sla?: { waitTill?: string; firstResponseDueAt?: string; state?: string } };
}

let server: N8nServer | undefined;
let listener: Server | undefined;
const received: Received[] = [];

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
	const port = await freePort();
	listener = createServer((req, res) => {
		void readBody(req).then((text) => {
			received.push({ at: Date.now(), body: JSON.parse(text || '{}') as Received['body'] });
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((done) => listener?.listen(port, '127.0.0.1', done));
	const workflow = {
		...fixture,
		nodes: fixture.nodes.map((n) =>
			n.name === 'After The Deadline' ? { ...n, parameters: { ...n.parameters, url: `http://127.0.0.1:${port}/sla-resumed` } } : n,
		),
	};
	const t0 = Date.now();
	server = await N8nServer.start();
	startMs = Date.now() - t0;
	// Room for the restart (about a start) and the polls around it, whatever the machine's load.
	const waitMs = Math.max(QUIET_WAIT_MS, 3 * startMs + 30_000);
	firstResponseMinutes = Math.ceil(waitMs / 60_000);
	arrivedAgoMs = firstResponseMinutes * 60_000 - waitMs;
	workflow.nodes = workflow.nodes.map((n) => (n.name === 'SLA Timer' ? withFirstResponseMinutes(n, firstResponseMinutes) : n));
	server.importWorkflowWithCli(workflow);
	const activated = await server.activateWorkflow(fixture.id);
	if (!activated.active) throw new Error(`the fixture did not activate: ${JSON.stringify(activated)}`);
});

/** The fixture's one custom SLA target, with another first-response time. */
function withFirstResponseMinutes(node: { name: string; parameters: Record<string, unknown> }, minutes: number) {
	const targets = node.parameters.targets as { target: Array<Record<string, unknown>> };
	return { ...node, parameters: { ...node.parameters, targets: { target: targets.target.map((t) => ({ ...t, firstResponseMinutes: minutes })) } } };
}

afterAll(async () => {
	await server?.stop();
	await new Promise((done) => (listener ? listener.close(done) : done(undefined)));
});

test('a waiting SLA Timer execution survives an n8n restart and completes after its deadline', async () => {
	const n8n = server as N8nServer;
	const receivedAt = new Date(Date.now() - arrivedAgoMs);
	const deadline = new Date(receivedAt.getTime() + firstResponseMinutes * 60_000);
	const ticket = { ticketId: 'sla-wait-1', channel: 'webchat', customer: { name: 'Ana', language: 'es' }, message: { text: 'Necesito ayuda con mi pedido', receivedAt: receivedAt.toISOString() } };

	const posted = await n8n.postWebhook(WEBHOOK_PATH, ticket);
	expect(posted.status).toBe(200);

	// Stored as waiting, until exactly the ticket's first-response deadline.
	const waiting = await n8n.waitForExecution(fixture.id, (list) => list.find((e) => e.status === 'waiting'), 'waiting', 120_000);
	expect(new Date(String(waiting.waitTill)).toISOString()).toBe(deadline.toISOString());
	expect(received).toEqual([]);
	if (Date.now() > deadline.getTime() - (startMs + 15_000)) {
		throw new Error(`only ${Math.round((deadline.getTime() - Date.now()) / 1000)} s of the wait are left, and n8n took ${Math.round(startMs / 1000)} s to start: the restart would not fit inside it`);
	}

	await n8n.restart();
	const afterRestart = (await n8n.executions(fixture.id)).find((e) => e.id === waiting.id);
	expect(afterRestart?.status).toBe('waiting');
	expect(received).toEqual([]);

	// The restarted n8n resumes it from the database once the deadline has passed.
	const done = await n8n.waitForExecution(
		fixture.id,
		(list) => list.find((e: ExecutionSummary) => e.id === waiting.id && !['waiting', 'running', 'new'].includes(e.status)),
		'finished',
		deadline.getTime() - Date.now() + 120_000,
	);
	expect(done.status).toBe('success');
	expect(received).toHaveLength(1);
	expect(received[0].at).toBeGreaterThanOrEqual(deadline.getTime());
	// The SLA Timer's annotation survived the wait: at the deadline the first response is due (100 % used: at risk).
	expect(received[0].body).toMatchObject({ ticketId: 'sla-wait-1', sla: { state: 'at_risk', waitTill: expect.any(String), firstResponseDueAt: expect.any(String) } });
	expect(new Date(String(received[0].body.sla?.waitTill)).toISOString()).toBe(deadline.toISOString());
});
