import { accessSync, constants, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the engine's n8n user folder goes, in order: $N8N_USER_FOLDER, else the user's cache folder. */
export function engineUserFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
	if (env.N8N_USER_FOLDER) return path.resolve(env.N8N_USER_FOLDER);
	return path.join(cacheRoot(env, platform, home), 'support247', 'engine');
}

/** Each OS's usual place for data a program can recreate (never the installed package, which may be read-only). */
function cacheRoot(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
	if (platform === 'win32') return env.LOCALAPPDATA || path.join(home, 'AppData', 'Local');
	if (platform === 'darwin') return path.join(home, 'Library', 'Caches');
	return env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, '.cache');
}

/**
 * n8n-core's InstanceSettings keeps its encryption key in `<N8N_USER_FOLDER>/.n8n/config` and
 * creates it on first use. Choose the folder and check it can be written before any ticket runs:
 * otherwise every execution fails on its own (and n8n logs the missing key once per ticket).
 */
export function ensureUserFolder(env: NodeJS.ProcessEnv = process.env): string {
	const folder = engineUserFolder(env);
	const n8nFolder = path.join(folder, '.n8n');
	try {
		mkdirSync(n8nFolder, { recursive: true });
		accessSync(n8nFolder, constants.W_OK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
		throw new Error(`the engine's n8n folder ${n8nFolder} cannot be written (${code}); set N8N_USER_FOLDER to a folder you can write`);
	}
	env.N8N_USER_FOLDER = folder;
	return folder;
}

/**
 * n8n's logger writes each failed execution to standard output, once per ticket in a replay. The
 * replay reports failures itself (the first one, and a count), so n8n stays quiet unless asked.
 */
export function quietEngineLog(env: NodeJS.ProcessEnv = process.env): void {
	env.N8N_LOG_LEVEL ||= 'silent';
}
