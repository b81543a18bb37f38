import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { closeQuietly, launchBrowser } from './helpers/browser';
import { openWorkflow, signIn } from './helpers/editor';
import { N8nServer, OWNER } from './helpers/n8n-server';
import { spawnSync } from 'child_process';
import { N8N_BIN, NODE24_BIN, REPO_ROOT } from './helpers/n8n-install';

test('explore', async () => {
	const t0 = Date.now();
	const server = await N8nServer.start();
	console.log('start', Date.now() - t0);
	try {
		const t1 = Date.now();
		const out = server.importWorkflowFileWithCli(join(REPO_ROOT, 'workflows/support-247-tiered.json'));
		console.log('import', Date.now() - t1, out);
		const list = await server.rest<unknown>('GET', '/rest/workflows');
		writeFileSync('/tmp/explore-list.json', JSON.stringify(list, null, 1));
		const id = (list as Array<{ id: string }>)[0].id;
		const browser = await launchBrowser();
		const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
		await signIn(page, server.baseUrl, OWNER.email, OWNER.password);
		const t2 = Date.now();
		await openWorkflow(page, server.baseUrl, id);
		console.log('open', Date.now() - t2);
		await page.waitForTimeout(2000);
		writeFileSync('/tmp/explore-canvas.html', await page.locator('.vue-flow').first().innerHTML());
		await page.screenshot({ path: '/tmp/explore.png' });
		await closeQuietly(browser);
	} finally {
		await server.stop();
	}
});
