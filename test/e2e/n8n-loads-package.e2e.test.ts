/**
 * Our package in a real n8n: n8n knows every node type, and the editor's node panel lists them
 * under "Support" with our own SVG icons. Needs scripts/install-n8n.sh and Debian's chromium.
 */
import { existsSync, statSync } from 'fs';
import type { Browser, Page } from 'playwright-core';
import { closeQuietly, launchBrowser } from './helpers/browser';
import { openNewWorkflow, openWorkflow, searchNodePanel, signIn, screenshot, type NodePanelItem } from './helpers/editor';
import { PACKAGE_NAME, missingBuiltFiles } from './helpers/n8n-install';
import { N8nServer, OWNER, type NodeTypeSummary } from './helpers/n8n-server';
import { screenshotPath } from './helpers/screenshots';

const OUR_NODES = [
	'supportTriage',
	'knowledgeLookup',
	'escalationRouter',
	'offHoursGreeter',
	'slaTimer',
	'supportWhatsAppTrigger',
	'supportWhatsAppSend',
	'supportInboxTrigger',
	'supportEmailReply',
	'supportChannelRouter',
	'conversationStore',
	'supportInsights',
];

let server: N8nServer;
let nodeTypes: NodeTypeSummary[];
let panelScreenshot: string;

beforeAll(async () => {
	server = await N8nServer.start();
	panelScreenshot = screenshotPath('n8n-node-panel.png', server.userFolder);
	nodeTypes = await server.nodeTypes();
	if (server.staged.skippedFiles.length) {
		console.warn(`Not built, left out of the staged package: ${server.staged.skippedFiles.join(', ')}`);
	}
});

afterAll(async () => {
	await server?.stop();
});

test('npm run build produced every file package.json lists', () => {
	expect(missingBuiltFiles()).toEqual([]);
});

describe('n8n knows our node types', () => {
	test.each(OUR_NODES)(`${PACKAGE_NAME}.%s`, (name) => {
		const type = nodeTypes.find((t) => t.name === `${PACKAGE_NAME}.${name}`);
		if (!type) throw new Error(`n8n does not list ${PACKAGE_NAME}.${name}. n8n output:\n${server.logs.slice(-2000)}`);
		// A file icon is served from our package, not drawn as a placeholder.
		const iconUrl = typeof type.iconUrl === 'string' ? type.iconUrl : type.iconUrl?.light;
		expect(iconUrl).toMatch(new RegExp(`^icons/${PACKAGE_NAME}/dist/nodes/.+\\.svg$`));
	});
});

const OUR_TRIGGERS = ['supportWhatsAppTrigger', 'supportInboxTrigger'];

/** A saved workflow holding only a trigger, so N opens the "What happens next?" panel where every node is offered. */
const TRIGGER_ONLY_WORKFLOW = {
	name: 'Node panel check',
	nodes: [
		{ id: 'b0a4c4f5-3c0e-4d4e-9f57-2f5d2b0c0001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	],
	connections: {},
};

describe('the editor', () => {
	let browser: Browser;
	let page: Page;
	let firstStep: NodePanelItem[];
	let nextStep: NodePanelItem[];

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1600, height: 1150 } });
		await signIn(page, server.baseUrl, OWNER.email, OWNER.password);
		// A new, empty workflow: N opens "What triggers this workflow?".
		await openNewWorkflow(page, server.baseUrl);
		firstStep = await searchNodePanel(page, 'Support');
		const { id } = await server.createWorkflow(TRIGGER_ONLY_WORKFLOW);
		await openWorkflow(page, server.baseUrl, id);
		try {
			nextStep = await searchNodePanel(page, 'Support');
		} finally {
			await screenshot(page, panelScreenshot);
		}
	});

	afterAll(async () => {
		await closeQuietly(browser);
	});

	const panelItem = (listed: NodePanelItem[], name: string): NodePanelItem => {
		const type = nodeTypes.find((t) => t.name === `${PACKAGE_NAME}.${name}`);
		if (!type) throw new Error(`${PACKAGE_NAME}.${name} is not loaded, so the panel cannot list it`);
		const item = listed.find((i) => i.name === type.displayName);
		if (!item) throw new Error(`"${type.displayName}" is not in the panel; it lists: ${listed.map((i) => i.name).join(', ')}`);
		return item;
	};

	test('saves a screenshot of the node panel', () => {
		expect(existsSync(panelScreenshot) && statSync(panelScreenshot).size).toBeGreaterThan(10_000);
	});

	test.each(OUR_TRIGGERS)('a new workflow\'s first-step panel lists %s under "Support"', (name) => {
		expect(panelItem(firstStep, name).iconLoaded).toBe(true);
	});

	test.each(OUR_NODES)('the next-step panel lists %s under "Support" with our SVG icon', (name) => {
		const item = panelItem(nextStep, name);
		expect(item.iconSrc).toMatch(new RegExp(`/icons/${PACKAGE_NAME}/dist/nodes/.+\\.svg$`));
		expect(item.iconLoaded).toBe(true);
	});
});
