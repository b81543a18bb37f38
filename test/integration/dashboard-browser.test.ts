/**
 * The dashboard page and the e-mail report in headless Chromium at a phone's width (390 px): every
 * window's card is drawn, nothing is wider than the screen, nothing is fetched and no script runs.
 * With SUPPORT247_SCREENSHOTS=1 it also refreshes docs/dashboard-phone.png.
 * (Against a real n8n behind its Webhook's header auth: not yet; this renders the page the template returns.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { pathToFileURL } from 'url';
import { chromium, type Browser } from 'playwright-core';

import { conversationsSince, MemoryBackend, type ConversationRecord } from '../../nodes/shared/conversation';
import { buildDashboard, buildReport, renderDashboardHtml, renderReportHtml } from '../../nodes/shared/insights';
import { chromiumPath, describeWith } from '../helpers/prerequisites';
import { fillReportStore, REPORT_NOW } from '../helpers/report-fixture';

describeWith('chromium', 'dashboard in Chromium', 'dashboard page in headless Chromium', () => {
	let browser: Browser;
	let dir: string;
	let records: ConversationRecord[];

	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'support-dashboard-'));
		const backend = new MemoryBackend();
		await fillReportStore(backend);
		records = [];
		for await (const record of conversationsSince(backend, 0)) records.push(record);
		browser = await chromium.launch({
			executablePath: chromiumPath(),
			timeout: 120_000,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
		});
	});

	afterAll(async () => {
		await browser?.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	async function open(file: string, html: string) {
		writeFileSync(file, html);
		const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
		const requests: string[] = [];
		page.on('request', (request) => requests.push(request.url()));
		await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
		return { page, requests };
	}

	it('stacks the three windows on a phone, within the screen\u2019s width', async () => {
		const file = path.join(dir, 'dashboard.html');
		const { page, requests } = await open(file, renderDashboardHtml(buildDashboard(records, { now: REPORT_NOW }), { title: 'Aurora Store support', refreshSeconds: 0 }));
		expect(requests).toEqual([pathToFileURL(file).href]);
		const cards = await page.locator('section.card').evaluateAll((els) => els.map((el) => { const r = el.getBoundingClientRect(); return { window: el.getAttribute('data-window'), left: Math.round(r.left), width: Math.round(r.width), top: Math.round(r.top) }; }));
		expect(cards.map((c) => c.window)).toEqual(['24h', '7d', '30d']);
		// Stacked: one column, each card nearly the screen's width, one below the other.
		for (const card of cards) expect(card.width).toBeGreaterThan(330);
		expect(cards[1].top).toBeGreaterThan(cards[0].top);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		expect(await page.locator('[data-window="7d"] [data-figure="ai-rate"]').innerText()).toBe('33.3 %');
		// The people's answers to review: a short table inside the 7-day card, newest first.
		expect(await page.locator('[data-window="7d"] [data-figure="suggestions"]').innerText()).toMatch(/^suggested answers from people: 2, newest first$/i);
		const rows = await page.locator('[data-window="7d"] table.sugg tr').evaluateAll((els) => els.map((el) => ({ text: (el as HTMLElement).innerText, right: Math.round(el.getBoundingClientRect().right) })));
		expect(rows.map((r) => r.text.split('\t')[0])).toEqual(['Question', '\u201cI want a refund now, this is outrageous\u201d', '\u201cnecesito factura de mi compra\u201d']);
		for (const row of rows) expect(row.right).toBeLessThanOrEqual(390);
		if (process.env.SUPPORT247_SCREENSHOTS === '1') await page.screenshot({ path: path.resolve(__dirname, '../../docs/dashboard-phone.png'), fullPage: true });
		await page.close();
	});

	it('shows the e-mail report within a phone\u2019s width too', async () => {
		const file = path.join(dir, 'report.html');
		const { page, requests } = await open(file, renderReportHtml(buildReport(records, { now: REPORT_NOW, window: '7d' })));
		expect(requests).toHaveLength(1);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		expect(await page.getByText('Escalations by reason').count()).toBe(1);
		await page.close();
	});
});
