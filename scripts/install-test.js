#!/usr/bin/env node
'use strict';
/**
 * Installs the packed tarballs the way users do, from the npm registry only, and checks they work:
 *   a. as n8n's community installer does (npm pack, unpack, drop dev/peer/optional dependencies,
 *      npm install --ignore-scripts --install-strategy=shallow --package-lock=false), then loads
 *      every node and credential with n8n-core's PackageDirectoryLoader;
 *   b. a plain `npm install <tarball>` into an empty project (no overrides): nothing from GitHub;
 *   c. the CLI as an analyst, under Node 24: `npx --ignore-scripts -p <cli> support-sim demo`,
 *      checking the printed figures; and the one-line message under the Node running this script
 *      when it is older than 24.
 * Prints one JSON line per step (time, size) and exits non-zero on the first failure.
 *
 *   node scripts/install-test.js [--node24 <path to node 24>] [--only a,b,c]
 * Needs a build (dist/), registry access, and Node 24 for c (default: $N8N_CACHE_DIR/node24, from scripts/install-n8n.sh).
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = (opt('--only') ?? 'a,b,c').split(',');
// The Node 24 that scripts/install-n8n.sh installs for the end-to-end tests.
const node24 = opt('--node24') ?? path.join(process.env.N8N_CACHE_DIR || path.join(root, '.cache', 'n8n'), 'node24', 'node_modules', 'node', 'bin', 'node');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'support247-install-'));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function run(cmd, cmdArgs, cwd, env = {}) {
	const result = spawnSync(cmd, cmdArgs, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env }, maxBuffer: 64 << 20 });
	return { code: result.status, out: `${result.stdout}${result.stderr}` };
}
function must(step, result) {
	if (result.code !== 0) fail(step, result.out.split('\n').slice(-25).join('\n'));
	return result.out;
}
function fail(step, why) {
	process.stderr.write(`install-test ${step}: FAILED\n${why}\n`);
	process.exit(1);
}
const du = (dir) => Number(execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split('\t')[0]) * 1024;
const mb = (bytes) => Math.round(bytes / 1e5) / 10;
const report = (step, fields) => process.stdout.write(`${JSON.stringify({ step, ...fields })}\n`);
function timed(fn) {
	const started = Date.now();
	const value = fn();
	return { value, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
/** Every resolved URL in an installed tree's lockfile that is not the registry. */
function nonRegistry(lockFile) {
	const lock = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
	return Object.entries(lock.packages ?? {})
		.filter(([name, entry]) => name && entry.resolved && !entry.resolved.startsWith('https://registry.npmjs.org/') && !entry.resolved.startsWith('file:'))
		.map(([name, entry]) => `${name} ${entry.resolved}`);
}

const npmEnv24 = { PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH}` };
const packDir = path.join(work, 'packs');
fs.mkdirSync(packDir);
must('pack', run('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], root));
must('pack', run('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], path.join(root, 'packages', 'support-sim')));
const nodeTgz = path.join(packDir, `${pkg.name}-${pkg.version}.tgz`);
const cliTgz = path.join(packDir, `${pkg.name}-sim-${pkg.version}.tgz`);
report('pack', { tarballKB: Math.round(fs.statSync(nodeTgz).size / 1024), cliTarballKB: Math.round(fs.statSync(cliTgz).size / 1024) });

if (only.includes('a')) {
	// a. n8n's community installer, under the Node n8n runs on.
	const dir = path.join(work, 'n8n-nodes', 'node_modules', pkg.name);
	fs.mkdirSync(dir, { recursive: true });
	must('a', run('tar', ['-xzf', nodeTgz, '-C', dir, '--strip-components=1'], work));
	const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[key];
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
	const { seconds } = timed(() => must('a', run('npm', ['install', '--ignore-scripts', '--install-strategy=shallow', '--package-lock=false'], dir, npmEnv24)));
	// n8n provides n8n-workflow (and n8n-core) to community nodes; here they come from this repository's install.
	const loader = `
		const { PackageDirectoryLoader } = require('n8n-core');
		(async () => {
			const loader = new PackageDirectoryLoader(${JSON.stringify(dir)});
			await loader.loadAll();
			const nodes = Object.keys(loader.nodeTypes), credentials = Object.keys(loader.credentialTypes);
			process.stdout.write(JSON.stringify({ nodes, credentials }));
		})().catch((e) => { process.stdout.write('LOAD FAILED ' + (e && e.stack)); process.exit(1); });`;
	const loaded = JSON.parse(must('a', run(process.execPath, ['-e', loader], root, { NODE_PATH: path.join(root, 'node_modules') })));
	const expected = pkg.n8n.nodes.length;
	if (loaded.nodes.length !== expected || loaded.credentials.length !== pkg.n8n.credentials.length) {
		fail('a', `loaded ${loaded.nodes.length}/${expected} nodes and ${loaded.credentials.length}/${pkg.n8n.credentials.length} credentials: ${JSON.stringify(loaded)}`);
	}
	report('a', { how: 'n8n community installer', seconds, installedMB: mb(du(dir)), nodes: loaded.nodes.length, credentials: loaded.credentials.length });
}

if (only.includes('b')) {
	// b. A plain npm install, as in ~/.n8n/nodes or a Dockerfile: no overrides, nothing from GitHub.
	const dir = path.join(work, 'plain');
	fs.mkdirSync(dir);
	fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"plain-install","private":true}');
	const { seconds } = timed(() => must('b', run('npm', ['install', '--ignore-scripts', nodeTgz], dir, npmEnv24)));
	const foreign = nonRegistry(path.join(dir, 'package-lock.json'));
	if (foreign.length) fail('b', `fetched from outside the registry:\n${foreign.join('\n')}`);
	const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
	const dev = ['eslint', 'typescript', 'n8n-core'].filter((name) => lock.packages[`node_modules/${name}`]);
	if (dev.length) fail('b', `installed tools no user needs: ${dev.join(', ')}`);
	report('b', { how: 'plain npm install', seconds, installedMB: mb(du(path.join(dir, 'node_modules'))), packages: Object.keys(lock.packages).length - 1 });
}

if (only.includes('c')) {
	// c. The analyst's one command, under Node 24, from a fresh npm cache so that nothing is reused.
	if (!fs.existsSync(node24)) fail('c', `no Node 24 at ${node24}; pass --node24 <path>`);
	const dir = path.join(work, 'analyst');
	fs.mkdirSync(dir);
	const cache = path.join(work, 'npm-cache');
	const env = { ...npmEnv24, npm_config_cache: cache, XDG_CACHE_HOME: path.join(work, 'xdg'), N8N_USER_FOLDER: '' };
	// Unpublished here, so both tarballs are given; from the registry: npx --ignore-scripts -p n8n-nodes-support247-sim support-sim demo
	const { value: out, seconds } = timed(() => must('c', run('npx', ['--yes', '--ignore-scripts', '-p', cliTgz, '-p', nodeTgz, 'support-sim', 'demo', '--out', path.join(dir, 'out')], dir, env)));
	for (const expected of ['1646 read = 1644 replayed + 2 rejected', 'tiers        L1 ', 'AI resolved  ']) {
		if (!out.includes(expected)) fail('c', `demo output lacks "${expected}":\n${out}`);
	}
	const report1 = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'demo-report.json'), 'utf8'));
	const routed = report1.tiers.L1 + report1.tiers.L2 + report1.tiers.L3 + report1.tiers.L4;
	if (routed !== 1644 || report1.tickets.unrouted !== 0) fail('c', `demo routed ${routed} of 1644`);
	if (!out.includes(`AI resolved  ${report1.resolution.aiResolved} (`)) fail('c', 'the printed AI-resolved figure differs from the report');
	const installed = fs.readdirSync(path.join(cache, '_npx')).map((d) => path.join(cache, '_npx', d));
	report('c', { how: 'npx under Node 24', seconds, installedMB: mb(installed.reduce((sum, d) => sum + du(d), 0)), routed, aiResolved: report1.resolution.aiResolved });

	// The same command on the Node running this script, when older than 24: one line, no compile.
	if (Number(process.versions.node.split('.')[0]) < 24) {
		const old = run('npx', ['--yes', '--ignore-scripts', '-p', cliTgz, '-p', nodeTgz, 'support-sim', 'demo'], dir, { npm_config_cache: cache });
		const lines = old.out.split('\n').filter((line) => line && !line.startsWith('npm warn'));
		const expected = `support-sim: needs Node.js 24 or later (the n8n 2.x engine it runs requires it); this is Node.js ${process.versions.node}`;
		if (old.code !== 1 || lines.length !== 1 || lines[0] !== expected || /gyp|compil/i.test(old.out)) fail('c', `on Node ${process.versions.node}: exit ${old.code}\n${old.out}`);
		report('c-old-node', { node: process.versions.node, message: lines[0] });
	}
}
fs.rmSync(work, { recursive: true, force: true });
