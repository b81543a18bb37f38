/** Headless Chromium for the end-to-end tests, driven by playwright-core (no bundled browser: Debian's `chromium`). */
import { chromium, selectors, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { assertInstalled, chromiumPath } from '../../helpers/prerequisites';

// Headless, sandbox-free (we run as root in a container) and silent: no update checks, sync or first-run calls.
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

/** Debian's chromium package (/usr/bin/chromium, or CHROMIUM_PATH). */
export async function launchBrowser(): Promise<Browser> {
	assertInstalled('chromium');
	// n8n's editor marks elements with data-test-id (Playwright's default is data-testid).
	selectors.setTestIdAttribute('data-test-id');
	// Playwright's default 30 s is short for a cold Chromium on a loaded runner.
	return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true, timeout: 120_000 });
}

export interface EditorSession {
	context: BrowserContext;
	page: Page;
}

/**
 * A browser context already logged in: reuses the n8n-auth cookie the REST client got at login,
 * so tests don't depend on the sign-in form's markup.
 */
export async function openLoggedInContext(browser: Browser, baseUrl: string, authCookie: string): Promise<EditorSession> {
	const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
	const url = new URL(baseUrl);
	await context.addCookies([
		{ name: 'n8n-auth', value: authCookie, domain: url.hostname, path: '/', httpOnly: true, secure: false, sameSite: 'Lax' },
	]);
	const page = await context.newPage();
	return { context, page };
}

export async function closeQuietly(browser: Browser | undefined): Promise<void> {
	if (!browser) return;
	await browser.close().catch(() => undefined);
}
