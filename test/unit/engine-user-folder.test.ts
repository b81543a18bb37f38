import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engineUserFolder, ensureUserFolder } from '../../simulator/engine/user-folder';

describe("the engine's n8n user folder", () => {
	const home = path.join(path.sep, 'home', 'ana');

	it('is $N8N_USER_FOLDER when set', () => {
		expect(engineUserFolder({ N8N_USER_FOLDER: '/srv/n8n' }, 'linux', home)).toBe(path.resolve('/srv/n8n'));
	});

	it("is otherwise the user's cache folder, per OS, never the package", () => {
		expect(engineUserFolder({}, 'linux', home)).toBe(path.join(home, '.cache', 'support247', 'engine'));
		expect(engineUserFolder({ XDG_CACHE_HOME: '/var/cache/ana' }, 'linux', home)).toBe(path.join('/var/cache/ana', 'support247', 'engine'));
		// The XDG spec says relative values are ignored.
		expect(engineUserFolder({ XDG_CACHE_HOME: 'relative' }, 'linux', home)).toBe(path.join(home, '.cache', 'support247', 'engine'));
		expect(engineUserFolder({}, 'darwin', home)).toBe(path.join(home, 'Library', 'Caches', 'support247', 'engine'));
		expect(engineUserFolder({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32', home)).toBe(path.join('C:\\Users\\ana\\AppData\\Local', 'support247', 'engine'));
	});

	it('is created and exported to n8n-core before any run', () => {
		const tmp = mkdtempSync(path.join(os.tmpdir(), 'user-folder-'));
		const env: NodeJS.ProcessEnv = { XDG_CACHE_HOME: tmp };
		const folder = ensureUserFolder(env);
		expect(folder).toBe(path.join(tmp, 'support247', 'engine'));
		expect(env.N8N_USER_FOLDER).toBe(folder);
	});

	it('that cannot be written is one clear error naming it and the way out', () => {
		const tmp = mkdtempSync(path.join(os.tmpdir(), 'user-folder-'));
		// A file where the folder should be: unwritable even for root, unlike a chmod.
		writeFileSync(path.join(tmp, 'blocked'), '');
		const env: NodeJS.ProcessEnv = { N8N_USER_FOLDER: path.join(tmp, 'blocked') };
		expect(() => ensureUserFolder(env)).toThrow(
			`the engine's n8n folder ${path.join(tmp, 'blocked', '.n8n')} cannot be written (ENOTDIR); set N8N_USER_FOLDER to a folder you can write`,
		);
	});
});
