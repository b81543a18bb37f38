/**
 * Where the e2e tests write screenshots: into docs/ (committed, shown in the READMEs) only when
 * SUPPORT247_SCREENSHOTS=1, so an ordinary or CI run never changes the tree; otherwise into a scratch folder.
 */
import { join } from 'path';
import { REPO_ROOT } from './n8n-install';

export const WRITE_DOCS_SCREENSHOTS = process.env.SUPPORT247_SCREENSHOTS === '1';

export function screenshotPath(docsName: string, scratchFolder: string): string {
	return WRITE_DOCS_SCREENSHOTS ? join(REPO_ROOT, 'docs', docsName) : join(scratchFolder, docsName);
}
