import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** What n8n does with a community package: require each listed file and instantiate its class. */
function loadClass(file: string): { description: Record<string, unknown> } {
	const exported = require(path.join(root, file));
	const className = path.basename(file).split('.')[0];
	const Class = exported[className];
	expect(typeof Class).toBe('function');
	return new Class();
}

describe('package manifest', () => {
	it('is an n8n community package with the n8n-workflow peer; the CLI is its own package', () => {
		expect(pkg.name).toBe('n8n-nodes-support247');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		const sim = JSON.parse(readFileSync(path.join(root, 'packages', 'support-sim', 'package.json'), 'utf8'));
		expect(existsSync(path.join(root, 'packages', 'support-sim', sim.bin['support-sim']))).toBe(true);
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	it.each(pkg.n8n.nodes as string[])('node %s loads, with its codex and icon beside it in dist', (file) => {
		const instance = loadClass(file);
		const description = instance.description as { name: string; icon?: string };
		const folder = path.dirname(path.join(root, file));
		const base = path.basename(file, '.node.js');
		expect(existsSync(path.join(folder, `${base}.node.json`))).toBe(true);
		const codex = JSON.parse(readFileSync(path.join(folder, `${base}.node.json`), 'utf8'));
		expect(codex.node).toBe(`n8n-nodes-support247.${description.name}`);
		expect(description.icon).toMatch(/^file:.+\.svg$/);
		expect(existsSync(path.join(folder, (description.icon as string).slice('file:'.length)))).toBe(true);
	});

	it.each(pkg.n8n.credentials as string[])('credential %s loads and says how it is tested', (file) => {
		const instance = loadClass(file) as unknown as { name: string; properties: unknown[]; test?: unknown };
		expect(instance.name).toMatch(/Api$/);
		expect(Array.isArray(instance.properties)).toBe(true);
	});
});
