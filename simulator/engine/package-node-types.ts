import path from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

export interface LoadedPackage {
	packageName: string;
	nodes: Map<string, INodeType | IVersionedNodeType>;
	credentials: Map<string, ICredentialType>;
}

/**
 * n8n-core's loader runs only the files it is handed: a replay hands it the node files its workflow
 * uses, so a worker does not load the mail, WhatsApp and store libraries of nodes it never runs.
 * A node file is named after its type (`SupportTriage.node.js` is `supportTriage`); a wanted type
 * missing after that pass makes the loader go through every file, so an unusual name only costs time.
 */
class SelectivePackageLoader extends PackageDirectoryLoader {
	constructor(
		directory: string,
		private readonly wanted: ReadonlySet<string> | undefined,
	) {
		super(directory);
	}

	override async loadAll(): Promise<void> {
		const wanted = this.wanted;
		if (!wanted) return super.loadAll();
		const { n8n, version } = this.packageJson;
		const files = n8n?.nodes ?? [];
		const typeOf = (file: string) => {
			const base = path.basename(file).replace(/\.node\.js$/, '');
			return `${this.packageName}.${base.charAt(0).toLowerCase()}${base.slice(1)}`;
		};
		for (const file of files) if (wanted.has(typeOf(file))) this.loadNodeFromFile(file, version);
		const loaded = new Set(Object.keys(this.nodeTypes).map((name) => `${this.packageName}.${name}`));
		if ([...wanted].some((type) => type.startsWith(`${this.packageName}.`) && !loaded.has(type))) {
			for (const file of files) if (!wanted.has(typeOf(file))) this.loadNodeFromFile(file, version);
		}
	}
}

/**
 * Loads node types the way n8n does for a community package: n8n-core's PackageDirectoryLoader reads
 * the "n8n" section of package.json and requires each listed file (all of them, or only those of
 * `only`, full type names). Types are keyed as n8n keys them: "<package name>.<node name>".
 * With `only`, credential types are not loaded: the engine takes decrypted credentials by type name.
 */
export async function loadPackageNodeTypes(packageDir: string, only?: Iterable<string>): Promise<LoadedPackage> {
	const loader = new SelectivePackageLoader(packageDir, only ? new Set(only) : undefined);
	try {
		await loader.loadAll();
	} catch (error) {
		const file = (error as { extra?: { filePath?: string } }).extra?.filePath;
		throw new Error(
			`Could not load the node package in ${packageDir}${file ? ` (${file})` : ''}: ${(error as Error).message}. ` +
				'Run "npm run build" first.',
		);
	}
	const nodes = new Map<string, INodeType | IVersionedNodeType>();
	for (const [name, data] of Object.entries(loader.nodeTypes)) {
		nodes.set(`${loader.packageName}.${name}`, data.type);
	}
	const credentials = new Map<string, ICredentialType>();
	for (const [name, data] of Object.entries(loader.credentialTypes)) {
		credentials.set(name, data.type);
	}
	return { packageName: loader.packageName, nodes, credentials };
}
