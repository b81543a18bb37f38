import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

export interface LoadedPackage {
	packageName: string;
	nodes: Map<string, INodeType | IVersionedNodeType>;
	credentials: Map<string, ICredentialType>;
}

/**
 * Loads node and credential types the way n8n does for a community package: n8n-core's
 * PackageDirectoryLoader reads the "n8n" section of package.json and requires each listed file.
 * Types are keyed as n8n keys them: "<package name>.<node name>".
 */
export async function loadPackageNodeTypes(packageDir: string): Promise<LoadedPackage> {
	const loader = new PackageDirectoryLoader(packageDir);
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
