/** Where scripts/install-n8n.sh put Node 24 and n8n, and how to stage our package for n8n to load. */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const N8N_CACHE_DIR = process.env.N8N_CACHE_DIR ?? join(REPO_ROOT, '.cache/n8n');
export const NODE24_BIN = join(N8N_CACHE_DIR, 'node24/node_modules/node/bin/node');
export const N8N_BIN = join(N8N_CACHE_DIR, 'app/node_modules/n8n/bin/n8n');
export const PACKAGE_NAME = 'n8n-nodes-support247';

export function assertN8nInstalled(): void {
	if (!existsSync(join(N8N_CACHE_DIR, '.complete')) || !existsSync(NODE24_BIN) || !existsSync(N8N_BIN)) {
		throw new Error(`n8n is not installed in ${N8N_CACHE_DIR}: run scripts/install-n8n.sh (a few minutes, ~3 GB)`);
	}
}

interface PackageJson {
	name: string;
	n8n: { nodes?: string[]; credentials?: string[] };
	[key: string]: unknown;
}

export function readRepoPackageJson(): PackageJson {
	return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
}

/** Files listed in package.json's "n8n" section that `npm run build` did not produce. */
export function missingBuiltFiles(pkg: PackageJson = readRepoPackageJson()): string[] {
	const listed = [...(pkg.n8n.nodes ?? []), ...(pkg.n8n.credentials ?? [])];
	return listed.filter((file) => !existsSync(join(REPO_ROOT, file)));
}

export interface StagedPackage {
	dir: string;
	/** Built files the staged package.json left out because they do not exist (yet). */
	skippedFiles: string[];
}

/**
 * Puts our package where n8n 2.x loads community packages: <user folder>/.n8n/nodes/node_modules/n8n-nodes-*.
 * (N8N_CUSTOM_EXTENSIONS would load the same files, but through CustomDirectoryLoader, which names every
 * type "CUSTOM.<name>", so workflows using "n8n-nodes-support247.<name>" would not find them.)
 * dist/ is a symlink to the repo's build; Node resolves it to its real path, so our runtime
 * dependencies come from the repo's node_modules. With onlyBuiltFiles, files not built yet are left
 * out of the staged package.json, because n8n drops the whole package when one listed file is missing.
 */
export function stagePackage(userFolder: string, { onlyBuiltFiles = true } = {}): StagedPackage {
	const pkg = readRepoPackageJson();
	const skippedFiles = onlyBuiltFiles ? missingBuiltFiles(pkg) : [];
	const keep = (files?: string[]) => files?.filter((file) => !skippedFiles.includes(file));
	const staged: PackageJson = { ...pkg, n8n: { ...pkg.n8n, nodes: keep(pkg.n8n.nodes), credentials: keep(pkg.n8n.credentials) } };

	const dir = join(userFolder, '.n8n/nodes/node_modules', pkg.name);
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'package.json'), JSON.stringify(staged, null, 2));
	if (!existsSync(join(dir, 'dist'))) symlinkSync(join(REPO_ROOT, 'dist'), join(dir, 'dist'), 'dir');
	if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
	// n8n keeps a package.json in the nodes folder for its own npm installs; give it one so it doesn't try.
	const nodesPackageJson = join(userFolder, '.n8n/nodes/package.json');
	if (!existsSync(nodesPackageJson)) {
		writeFileSync(nodesPackageJson, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } }, null, 2));
	}
	return { dir, skippedFiles };
}
