import path from 'node:path';

/**
 * n8n-core's InstanceSettings writes an encryption key under N8N_USER_FOLDER (default ~/.n8n).
 * Keep it inside the project's ignored .n8n-local folder unless the caller chose one.
 */
export function ensureUserFolder(repoRoot: string): string {
	if (!process.env.N8N_USER_FOLDER) {
		process.env.N8N_USER_FOLDER = path.join(repoRoot, '.n8n-local', 'engine');
	}
	return process.env.N8N_USER_FOLDER;
}
