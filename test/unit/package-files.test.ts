import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The file list of the tarball npm would publish (from the built dist/). */
function packedFiles(dir: string): string[] {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', maxBuffer: 16 << 20 });
	return (JSON.parse(out)[0].files as Array<{ path: string }>).map((f) => f.path).sort();
}

describe('the published node package', () => {
	const files = packedFiles(root);
	const has = (file: string) => files.includes(file);

	it('ships every file of the "n8n" section, with each node\'s codex and icon beside it', () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(has(file)).toBe(true);
		for (const node of pkg.n8n.nodes as string[]) {
			const folder = path.dirname(node);
			expect(has(node.replace(/\.js$/, '.json'))).toBe(true);
			expect(files.some((f) => path.dirname(f) === folder && f.endsWith('.svg'))).toBe(true);
		}
		expect(files.filter((f) => f.startsWith('dist/credentials/') && f.endsWith('.svg')).length).toBeGreaterThan(0);
	});

	it('ships the data files the nodes read, the templates, the demo history and the licences', () => {
		expect(files.filter((f) => f.startsWith('dist/nodes/shared/') && f.endsWith('.json')).length).toBeGreaterThan(0);
		for (const file of ['workflows/support-247-tiered.json', 'workflows/knowledge/store-kb.json', 'simulator/demo/history.csv', 'LICENSE', 'THIRD-PARTY-NOTICES.md', 'README.md']) {
			expect(has(file)).toBe(true);
		}
		expect(has('dist/simulator/cli.js')).toBe(true);
	});

	it('ships no benchmarks, source maps, generators, sources or tests', () => {
		expect(files.filter((f) => f.startsWith('dist/bench/'))).toEqual([]);
		expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
		expect(files.filter((f) => f.startsWith('dist/simulator/demo/') || f.startsWith('workflows/src/'))).toEqual([]);
		expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
		expect(files.filter((f) => f.startsWith('test/') || f.startsWith('bench/'))).toEqual([]);
	});

	it('has no "main" that does not exist, no CLI that would need n8n-core, and no overrides (they never apply where users install)', () => {
		expect(pkg.overrides).toBeUndefined();
		if (pkg.main) expect(has(pkg.main)).toBe(true);
		expect(pkg.bin).toBeUndefined();
		expect(Object.keys(pkg.dependencies)).not.toContain('n8n-core');
	});
});

describe('the published CLI package', () => {
	const dir = path.join(root, 'packages', 'support-sim');
	const sim = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));

	it('depends on the node package at the same version and on the engine it runs', () => {
		expect(sim.version).toBe(pkg.version);
		expect(sim.dependencies['n8n-nodes-support247']).toBe(pkg.version);
		expect(sim.dependencies['n8n-core']).toBe(pkg.devDependencies['n8n-core']);
		expect(sim.dependencies['n8n-workflow']).toBe(pkg.devDependencies['n8n-workflow']);
	});

	it('ships its command, README and the same licence files as the node package', () => {
		expect(packedFiles(dir)).toEqual(['LICENSE', 'README.md', 'THIRD-PARTY-NOTICES.md', 'bin/support-sim.js', 'package.json']);
		for (const file of ['LICENSE', 'THIRD-PARTY-NOTICES.md']) {
			expect(readFileSync(path.join(dir, file), 'utf8')).toBe(readFileSync(path.join(root, file), 'utf8'));
		}
	});
});
