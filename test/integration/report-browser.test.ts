/**
 * The HTML report in a real headless Chromium: every chart is drawn (non-zero boxes), nothing is
 * fetched (the only request is the file itself), and nothing is logged as an error (a CSP violation
 * would be). With SUPPORT247_SCREENSHOTS=1 it also refreshes docs/report-screenshot.png.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { pathToFileURL } from 'url';
import { chromium, type Browser } from 'playwright-core';

import { renderHtml } from '../../simulator/report/html';
import { chromiumPath, describeWith } from '../helpers/prerequisites';
import { sampleReport } from '../helpers/sample-report';

describeWith('chromium', 'HTML report in Chromium', 'HTML report in headless Chromium', () => {
	let browser: Browser;
	let dir: string;

	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'support-report-'));
		browser = await chromium.launch({
			executablePath: chromiumPath(),
			// Playwright's default 30 s is short for a cold Chromium on a loaded runner.
			timeout: 120_000,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
		});
	});

	afterAll(async () => {
		await browser?.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('draws every chart without fetching anything', async () => {
		const file = path.join(dir, 'report.html');
		writeFileSync(file, renderHtml(sampleReport()));
		const url = pathToFileURL(file).href;

		const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
		const requests: string[] = [];
		const problems: string[] = [];
		page.on('request', (request) => requests.push(request.url()));
		page.on('console', (message) => {
			if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
		});
		page.on('pageerror', (error) => problems.push(error.message));
		await page.goto(url, { waitUntil: 'load' });

		for (const selector of ['svg.heatmap', 'svg.confusion', 'svg.histogram', 'svg.sweep', 'svg.cost']) {
			const box = await page.locator(selector).boundingBox();
			expect({ selector, drawn: box !== null && box.width > 100 && box.height > 50 }).toEqual({ selector, drawn: true });
		}
		// The shapes inside are drawn too, not just their containers.
		const cellBoxes = await page.locator('svg.heatmap rect.heat-cell').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0).length);
		expect(cellBoxes).toBe(168);
		const barBoxes = await page.locator('svg.histogram rect.hist-bar').evaluateAll((bars) => bars.filter((bar) => bar.getBoundingClientRect().height > 0).length);
		expect(barBoxes).toBe(10);
		expect(await page.locator('.kpi').count()).toBeGreaterThanOrEqual(11);

		expect(requests).toEqual([url]);
		expect(problems).toEqual([]);

		if (process.env.SUPPORT247_SCREENSHOTS === '1') {
			await page.screenshot({ path: path.resolve(__dirname, '../../docs/report-screenshot.png'), fullPage: true });
		}
		await page.close();
	});

	it('shows the how-to note instead of a sweep chart when no sweep was run', async () => {
		const file = path.join(dir, 'no-sweep.html');
		writeFileSync(file, renderHtml(sampleReport((report) => delete report.sweep)));
		const page = await browser.newPage();
		await page.goto(pathToFileURL(file).href);
		expect(await page.locator('svg.sweep').count()).toBe(0);
		await expect(page.locator('#sweep').innerText()).resolves.toContain('--sweep "Knowledge Lookup.threshold=0.3:0.9:0.05"');
		await page.close();
	});
});
