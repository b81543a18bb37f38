/**
 * Every template in a real n8n (the pipelines, the morning follow-up, the weekly report and the dashboard):
 * each imports with `n8n import:workflow --input=workflows/<slug>.json`, keeps every node, uses only node
 * types n8n knows (at the versions the template names), and renders in the editor with our icons, not as
 * unknown nodes, and with no node drawn over another (tall version 2 routers included). With
 * SUPPORT247_SCREENSHOTS=1 it also writes docs/template-<slug>.png (fitted canvas) for the READMEs.
 */
import { readFileSync, statSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { closeQuietly, launchBrowser } from './helpers/browser';
import { canvasNodeBoxes, canvasNodes, fitView, openWorkflow, screenshot, signIn } from './helpers/editor';
import { PACKAGE_NAME, REPO_ROOT } from './helpers/n8n-install';
import { N8nServer, OWNER, type NodeTypeSummary } from './helpers/n8n-server';
import { screenshotPath } from './helpers/screenshots';

const TEMPLATES = ['support-247-tiered', 'after-hours-only', 'dental-clinic-whatsapp', 'email-support-inbox', 'morning-follow-up', 'weekly-report', 'support-dashboard'];

interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
}
interface WorkflowJson {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
}

const templateFile = (slug: string) => join(REPO_ROOT, 'workflows', `${slug}.json`);
const templates = new Map(TEMPLATES.map((slug) => [slug, JSON.parse(readFileSync(templateFile(slug), 'utf8')) as WorkflowJson]));
const template = (slug: string) => templates.get(slug) as WorkflowJson;

let server: N8nServer;
let nodeTypes: NodeTypeSummary[];
const importOutput = new Map<string, string>();

beforeAll(async () => {
	server = await N8nServer.start();
	nodeTypes = await server.nodeTypes();
	for (const slug of TEMPLATES) {
		try {
			importOutput.set(slug, server.importWorkflowFileWithCli(templateFile(slug)));
		} catch (error) {
			importOutput.set(slug, (error as Error).message);
		}
	}
});

afterAll(async () => {
	await server?.stop();
});

/** The node type n8n serves for this name and version, if any (a type lists one version or several). */
function knownType(type: string, version: number): NodeTypeSummary | undefined {
	return nodeTypes.find((t) => t.name === type && (Array.isArray(t.version) ? t.version.includes(version) : t.version === version));
}

describe.each(TEMPLATES)('%s.json', (slug) => {
	test('imports with n8n import:workflow --input=…', () => {
		expect(importOutput.get(slug)).toMatch(/Successfully imported 1 workflow/);
	});

	test('is saved with every node and connection, each node of a type n8n knows at that version', async () => {
		const expected = template(slug);
		const saved = await server.getWorkflow<WorkflowJson>(expected.id);
		const shape = (nodes: WorkflowNode[]) => nodes.map((n) => [n.name, n.type, n.typeVersion]);
		expect(saved.name).toBe(expected.name);
		expect(shape(saved.nodes)).toEqual(shape(expected.nodes));
		expect(saved.connections).toEqual(expected.connections);
		const unknown = saved.nodes.filter((n) => !knownType(n.type, n.typeVersion)).map((n) => `${n.name} (${n.type} v${n.typeVersion})`);
		expect(unknown).toEqual([]);
	});
});

describe('the editor', () => {
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await signIn(page, server.baseUrl, OWNER.email, OWNER.password);
	});

	afterAll(async () => {
		await closeQuietly(browser);
	});

	test.each(TEMPLATES)('draws every node of %s, ours with our own SVG icons', async (slug) => {
		const expected = template(slug);
		await openWorkflow(page, server.baseUrl, expected.id);
		await fitView(page);
		const file = screenshotPath(`template-${slug}.png`, server.userFolder);
		await screenshot(page, file);
		expect(statSync(file).size).toBeGreaterThan(20_000);

		const drawn = await canvasNodes(page);
		expect(drawn.map((n) => [n.name, n.type]).sort()).toEqual(expected.nodes.map((n) => [n.name, n.type]).sort());
		const ours = drawn.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`));
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) {
			const type = nodeTypes.find((t) => t.name === node.type);
			const iconUrl = typeof type?.iconUrl === 'string' ? type.iconUrl : type?.iconUrl?.light;
			// The exact file n8n serves for the type (an unknown node gets n8n's placeholder glyph, no image).
			expect({ node: node.name, iconSrc: node.iconSrc, loaded: node.iconLoaded }).toEqual({ node: node.name, iconSrc: `/${iconUrl}`, loaded: true });
		}

		// As drawn by n8n itself: a node's box (a tall router's too) never covers another's.
		const boxes = await canvasNodeBoxes(page);
		expect(boxes.length).toBe(expected.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length);
		const overlapping: string[] = [];
		for (const [i, a] of boxes.entries()) {
			for (const b of boxes.slice(i + 1)) {
				if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) overlapping.push(`${a.name} / ${b.name}`);
			}
		}
		expect(overlapping).toEqual([]);
	});
});
