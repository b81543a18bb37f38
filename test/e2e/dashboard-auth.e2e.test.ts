/**
 * workflows/support-dashboard.json in a real n8n: imported, given a Header Auth credential as its sticky
 * note asks, activated, and read over HTTP. Without the header (or with a wrong value) n8n refuses the
 * request before the workflow runs; with it the page comes back with the figures of a SQLite store seeded
 * with the hand-computed report fixture. The same workflow switched to Basic Auth asks for a login.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteStore, stopSqliteStores } from '../helpers/sqlite-store';
import { A, B, C, caseTicket, REPORT_CASES, REPORT_NOW } from '../helpers/report-fixture';
import { NODE24_BIN, REPO_ROOT } from './helpers/n8n-install';
import { N8nServer } from './helpers/n8n-server';

interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
interface TemplateJson {
	id: string;
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, unknown>;
}

const template = JSON.parse(readFileSync(join(REPO_ROOT, 'workflows/support-dashboard.json'), 'utf8')) as TemplateJson;
const PATH = String(template.nodes.find((n) => n.name === 'Dashboard Webhook')?.parameters.path);
const HEADER = { name: 'X-Dashboard-Key', value: 'b3c7a1f0e9d2-long-random-value' };

let server: N8nServer;
let folder: string;
let databaseFile: string;

/** GET a production webhook, retrying while n8n is still registering it after activation. */
async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; type: string }> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const res = await fetch(`${server.baseUrl}/webhook/${path}`, { headers });
		const text = await res.text();
		if (!(res.status === 404 && text.includes('is not registered')) || Date.now() > deadline) return { status: res.status, text, type: res.headers.get('content-type') ?? '' };
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** The template as a user fills it in: the credential, the shared store file, and "now" pinned to the fixture's. */
function filledIn(id: string, authentication: string, credentials: Record<string, { id: string; name: string }>): TemplateJson {
	return {
		...template,
		id,
		name: `${template.name} (${authentication})`,
		nodes: template.nodes.map((node) => {
			if (node.name === 'Dashboard Webhook') return { ...node, parameters: { ...node.parameters, path: `${PATH}-${authentication}`, authentication }, credentials };
			if (node.name === 'Build Dashboard') return { ...node, parameters: { ...node.parameters, databaseFile, now: REPORT_NOW } };
			return node;
		}),
	};
}

const cases = (html: string) => [...html.matchAll(/data-window="(\w+)"[\s\S]*?data-figure="cases">(\d+)</g)].map((m) => [m[1], Number(m[2])]);

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 's247-dashboard-'));
	databaseFile = join(folder, 'conversations.sqlite');
	// The store the pipeline would have written, through the built package on Node 24 (node:sqlite).
	const store = await sqliteStore(NODE24_BIN, databaseFile);
	for (const c of REPORT_CASES) await store.append(caseTicket(c), { replyRole: 'ai', includeCustomerTurn: true });
	const asAgent = (who: typeof B, id: string, at: string, text: string) => store.append(caseTicket({ id, who, at, text: '' }), { replyRole: 'agent', agent: 'maria', agentText: text, includeCustomerTurn: false });
	await asAgent(B, 'b1-answer', '2026-03-09T08:00:00-06:00', 'Your refund is on its way.');
	await asAgent(C, 'c1-answer', '2026-03-06T16:00:00-06:00', 'Te envío la factura por correo.');
	await store.csat(caseTicket({ id: 'a1-csat', who: A, at: '2026-03-08T10:05:00-06:00', text: '5' }), 5);
	await store.csat(caseTicket({ id: 'b1-csat', who: B, at: '2026-03-09T08:30:00-06:00', text: '2' }), 2);
	await store.close();

	server = await N8nServer.start();
	const header = await server.createCredential('httpHeaderAuth', 'Dashboard header auth', HEADER);
	const basic = await server.createCredential('httpBasicAuth', 'Dashboard login', { user: 'supervisor', password: 'a-long-passphrase' });
	server.importWorkflowWithCli(filledIn('dashboardheader01', 'headerAuth', { httpHeaderAuth: header }) as unknown as Record<string, unknown>);
	server.importWorkflowWithCli(filledIn('dashboardbasic001', 'basicAuth', { httpBasicAuth: basic }) as unknown as Record<string, unknown>);
	for (const id of ['dashboardheader01', 'dashboardbasic001']) expect((await server.activateWorkflow(id)).active).toBe(true);
});

afterAll(async () => {
	stopSqliteStores();
	await server?.stop();
	rmSync(folder, { recursive: true, force: true });
});

describe('the live dashboard behind n8n’s auth', () => {
	it('Header Auth: no header or a wrong value is refused; the right one gets the page with the store’s figures', async () => {
		const path = `${PATH}-headerAuth`;
		const none = await get(path);
		expect(none.status).toBe(403);
		expect(none.text).not.toContain('data-window');
		const wrong = await get(path, { [HEADER.name]: 'guess' });
		expect(wrong.status).toBe(403);
		const page = await get(path, { [HEADER.name]: HEADER.value });
		expect(page.status).toBe(200);
		expect(page.type).toMatch(/text\/html/);
		expect(page.text).toContain('<meta http-equiv="refresh" content="60">');
		expect(cases(page.text)).toEqual([
			['24h', 3],
			['7d', 6],
			['30d', 7],
		]);
	});

	it('Basic Auth: a login is asked for, and the right one gets the same page', async () => {
		const path = `${PATH}-basicAuth`;
		const none = await get(path);
		expect(none.status).toBe(401);
		expect(none.text).not.toContain('data-window');
		const wrong = await get(path, { authorization: `Basic ${Buffer.from('supervisor:nope').toString('base64')}` });
		expect(wrong.status).toBe(401);
		expect(wrong.text).not.toContain('data-window');
		const page = await get(path, { authorization: `Basic ${Buffer.from('supervisor:a-long-passphrase').toString('base64')}` });
		expect(page.status).toBe(200);
		expect(cases(page.text)).toEqual([
			['24h', 3],
			['7d', 6],
			['30d', 7],
		]);
	});
});
