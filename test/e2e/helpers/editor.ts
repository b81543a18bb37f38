/// <reference lib="dom" />
// (dom: page.evaluate callbacks run in the browser.)
/** Driving n8n's editor (2.41) in a Playwright page: sign in, open workflows, search the node panel, screenshot. */
import { mkdirSync } from 'fs';
import { dirname } from 'path';
import type { Page } from 'playwright-core';

const UI_TIMEOUT_MS = 120_000;

/** Signs in through the editor's own form, as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
	const emailInput = page.locator('input[name="emailOrLdapLoginId"], input[type="email"]').first();
	await emailInput.waitFor({ timeout: UI_TIMEOUT_MS });
	await emailInput.fill(email);
	await page.locator('input[type="password"]').first().fill(password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: UI_TIMEOUT_MS });
}

async function waitForCanvas(page: Page): Promise<void> {
	await page.getByTestId('canvas').first().waitFor({ timeout: UI_TIMEOUT_MS }).catch(async () => {
		await page.locator('.vue-flow').first().waitFor({ timeout: UI_TIMEOUT_MS });
	});
	await dismissOverlays(page);
}

/** Closes first-run callouts and toasts that would cover the canvas or steal key presses. */
async function dismissOverlays(page: Page): Promise<void> {
	await page.keyboard.press('Escape').catch(() => undefined);
	for (const close of await page.locator('.el-notification .el-notification__closeBtn').all()) {
		await close.click({ timeout: 1000 }).catch(() => undefined);
	}
}

export async function openNewWorkflow(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded' });
	await waitForCanvas(page);
}

export async function openWorkflow(page: Page, baseUrl: string, workflowId: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	await waitForCanvas(page);
	// Wait for the nodes themselves, not just the empty canvas.
	await page.getByTestId('canvas-node').first().waitFor({ timeout: UI_TIMEOUT_MS });
}

export interface NodePanelItem {
	name: string;
	/** src of the item's icon image; undefined when n8n drew its placeholder (unknown icon). */
	iconSrc?: string;
	/** True when the image was fetched and decoded (a 404 or broken SVG leaves it at 0 width). */
	iconLoaded: boolean;
}

/** Opens the node panel with N, types the search and returns the listed items. */
export async function searchNodePanel(page: Page, term: string): Promise<NodePanelItem[]> {
	// Focus the canvas (not an input) so that N reaches the editor's shortcut handler.
	await focusCanvas(page);
	await page.keyboard.press('n');
	const search = page.getByTestId('node-creator-search-bar');
	await search.waitFor({ timeout: UI_TIMEOUT_MS });
	await search.fill(term);
	const items = page.getByTestId('node-creator').getByTestId('item-iterator-item');
	await items.first().waitFor({ timeout: UI_TIMEOUT_MS });
	// Results render in one pass after the debounce; wait until the count settles.
	let count = -1;
	for (let stable = 0; stable < 3; ) {
		await page.waitForTimeout(250);
		const now = await items.count();
		stable = now === count ? stable + 1 : 0;
		count = now;
	}
	await waitForImages(page, '[data-test-id="node-creator"] img');
	const result: NodePanelItem[] = [];
	for (const item of await items.all()) {
		const name = (await item.getByTestId('node-creator-item-name').first().textContent().catch(() => null))?.trim();
		if (!name) continue;
		const img = item.locator('img').first();
		const hasImg = (await img.count()) > 0;
		const iconSrc = hasImg ? ((await img.getAttribute('src')) ?? undefined) : undefined;
		const iconLoaded = hasImg ? await img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0) : false;
		result.push({ name, iconSrc, iconLoaded });
	}
	return result;
}

/**
 * Clicks an empty corner of the canvas so shortcuts reach the editor. Forced and short: an element layered
 * over the background would otherwise make Playwright retry the click for its full 30 s action timeout.
 */
async function focusCanvas(page: Page): Promise<void> {
	await page.getByTestId('canvas-background').first().click({ position: { x: 5, y: 5 }, force: true, timeout: 2000 }).catch(() => undefined);
}

/** Waits (bounded) until the matched images have loaded or failed; the editor keeps a live connection, so "networkidle" never comes. */
async function waitForImages(page: Page, selector: string): Promise<void> {
	await page
		.waitForFunction((css) => Array.from(document.querySelectorAll<HTMLImageElement>(css)).every((img) => img.complete), selector, { timeout: 15_000 })
		.catch(() => undefined);
}

export async function screenshot(page: Page, file: string): Promise<void> {
	mkdirSync(dirname(file), { recursive: true });
	await page.screenshot({ path: file });
}

/** Fits the whole workflow into the view (shortcut 1) and waits for the node icons. */
export async function fitView(page: Page): Promise<void> {
	const button = page.getByTestId('zoom-to-fit');
	if ((await button.count()) > 0) {
		await button.first().click({ timeout: 5000 });
	} else {
		await focusCanvas(page);
		await page.keyboard.press('1');
	}
	await page.waitForTimeout(500); // the fit-view animation
	await waitForImages(page, '[data-test-id="canvas-node"] img');
}

/** Opens a workflow, fits it to the view (shortcut 1) and saves a screenshot, e.g. docs/template-<name>.png. */
export async function screenshotWorkflow(page: Page, baseUrl: string, workflowId: string, file: string): Promise<void> {
	await openWorkflow(page, baseUrl, workflowId);
	await fitView(page);
	await screenshot(page, file);
}

export interface CanvasNode {
	name: string;
	type: string;
	/** src of the node's icon image; undefined when n8n drew a glyph (built-in font icons, or its placeholder for unknown types). */
	iconSrc?: string;
	iconLoaded: boolean;
}

/** Every node drawn on the canvas (sticky notes too: they carry no canvas-node test id), with its type and icon image. */
export async function canvasNodes(page: Page): Promise<CanvasNode[]> {
	return page.locator('.vue-flow__node [data-node-name][data-node-type]').evaluateAll((elements) =>
		elements.map((el) => {
			const img = el.querySelector<HTMLImageElement>('[data-test-id="canvas-default-node"] img, .n8n-node-icon img');
			return {
				name: el.getAttribute('data-node-name') ?? '',
				type: el.getAttribute('data-node-type') ?? '',
				iconSrc: img ? new URL(img.src).pathname : undefined,
				iconLoaded: img ? img.complete && img.naturalWidth > 0 : false,
			};
		}),
	);
}

export interface CanvasNodeBox {
	name: string;
	x: number;
	y: number;
	width: number;
	height: number;
}

/** The on-screen box of every node but the sticky notes (which carry no canvas-node test id), as the editor draws it. */
export async function canvasNodeBoxes(page: Page): Promise<CanvasNodeBox[]> {
	return page.locator('[data-test-id="canvas-node"]').evaluateAll((elements) =>
		elements.map((el) => {
			const named = el.closest('[data-node-name]') ?? el.querySelector('[data-node-name]');
			const box = el.getBoundingClientRect();
			return { name: el.getAttribute('data-node-name') ?? named?.getAttribute('data-node-name') ?? '', x: box.x, y: box.y, width: box.width, height: box.height };
		}),
	);
}
