/**
 * Our nodes executing inside a real n8n: a ticket POSTed to a production webhook runs
 * Off-Hours Greeter → Support Triage → Knowledge Lookup → Escalation Router and comes back routed.
 * Also proves the harness: CLI import, activation, restart, and a canvas screenshot.
 */
import { readFileSync, statSync } from 'fs';
import { join } from 'path';
import type { Browser } from 'playwright-core';
import { closeQuietly, launchBrowser } from './helpers/browser';
import { screenshotWorkflow, signIn } from './helpers/editor';
import { N8nServer, OWNER } from './helpers/n8n-server';

const workflow = JSON.parse(readFileSync(join(__dirname, 'fixtures/support-webhook-chain.workflow.json'), 'utf8')) as Record<string, unknown> & { id: string };

// Pinned in the past (a Friday night in Mexico City), so nothing depends on the wall clock.
const ticket = {
	ticketId: 'e2e-1',
	channel: 'webchat',
	customer: { id: 'c-1', name: 'Ana', language: 'es' },
	message: { text: '¿Dónde está mi pedido?', receivedAt: '2026-03-06T23:14:00-06:00' },
	history: [],
};

let server: N8nServer;

beforeAll(async () => {
	server = await N8nServer.start();
	server.importWorkflowWithCli(workflow);
});

afterAll(async () => {
	await server?.stop();
});

async function postTicket(): Promise<{ status: number; body: Record<string, unknown> }> {
	const { status, text } = await server.postWebhook('support-e2e', ticket);
	try {
		return { status, body: JSON.parse(text) as Record<string, unknown> };
	} catch {
		return { status, body: { raw: text } };
	}
}

test('the CLI import keeps the fixture id and every node', async () => {
	const saved = await server.getWorkflow<{ nodes: Array<{ name: string }> }>(workflow.id);
	expect(saved.nodes.map((n) => n.name)).toEqual((workflow.nodes as Array<{ name: string }>).map((n) => n.name));
});

test('the canvas renders the chain (screenshot helper)', async () => {
	let browser: Browser | undefined;
	const file = join(server.userFolder, 'chain.png');
	try {
		browser = await launchBrowser();
		const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await signIn(page, server.baseUrl, OWNER.email, OWNER.password);
		await screenshotWorkflow(page, server.baseUrl, workflow.id, file);
		expect(await page.getByTestId('canvas-node').count()).toBe((workflow.nodes as unknown[]).length);
	} finally {
		await closeQuietly(browser);
	}
	expect(statSync(file).size).toBeGreaterThan(10_000);
});

test('an activated chain answers a ticket posted to its webhook, also after a restart', async () => {
	const activated = await server.activateWorkflow(workflow.id);
	expect(activated.active).toBe(true);
	const first = await postTicket();
	if (first.status !== 200) throw new Error(`webhook answered ${first.status}: ${JSON.stringify(first.body).slice(0, 500)}\n${server.logs.slice(-2000)}`);
	expect(first.body).toMatchObject({ ticketId: 'e2e-1', triage: expect.any(Object), route: { tier: expect.stringMatching(/^L[1-4]$/) } });

	await server.restart();
	const again = await postTicket();
	expect(again.status).toBe(200);
	expect(again.body).toMatchObject({ ticketId: 'e2e-1', route: { tier: (first.body.route as { tier: string }).tier } });
});
