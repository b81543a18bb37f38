import { access, mkdir, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';

/** The credential's fields (credentials/WhatsAppSessionApi.credentials.ts). */
export interface WhatsAppSessionSettings {
	storage: 'folder';
	sessionName: string;
	/** Empty → <n8n user folder>/.n8n/support247-whatsapp/<sessionName>. */
	authFolder: string;
	browserName: string;
	markOnlineOnConnect: boolean;
}

export function sessionSettings(raw: Record<string, unknown>): WhatsAppSessionSettings {
	return {
		storage: 'folder',
		sessionName: typeof raw.sessionName === 'string' && raw.sessionName.trim() ? raw.sessionName.trim() : 'default',
		authFolder: typeof raw.authFolder === 'string' ? raw.authFolder.trim() : '',
		browserName: typeof raw.browserName === 'string' && raw.browserName.trim() ? raw.browserName.trim() : 'n8n Support247',
		markOnlineOnConnect: raw.markOnlineOnConnect === true,
	};
}

/** Session names become folder names, so only a safe alphabet is allowed. */
export function assertSessionName(name: string): void {
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
		throw new Error(`Session Name "${name}" may only contain letters, digits, "-" and "_"`);
	}
}

/**
 * Where Baileys' multi-file auth state lives. n8n keeps its data in `<N8N_USER_FOLDER or home>/.n8n`,
 * so the default sits beside it and survives n8n upgrades.
 */
export function resolveAuthFolder(settings: Pick<WhatsAppSessionSettings, 'authFolder' | 'sessionName'>, env: NodeJS.ProcessEnv, home: string): string {
	if (settings.authFolder) {
		const expanded = settings.authFolder.startsWith('~') ? path.join(home, settings.authFolder.slice(1)) : settings.authFolder;
		return path.resolve(expanded);
	}
	assertSessionName(settings.sessionName);
	const userFolder = env.N8N_USER_FOLDER || home;
	return path.join(userFolder, '.n8n', 'support247-whatsapp', settings.sessionName);
}

/** The pairing QR is written next to the auth folder, not inside it, so deleting the session leaves no stale secrets behind. */
export function qrFilePath(authFolder: string): string {
	let end = authFolder.length;
	while (end > 0 && (authFolder[end - 1] === '/' || authFolder[end - 1] === '\\')) end--;
	return `${authFolder.slice(0, end)}-qr.png`;
}

export interface AuthFolderCheck {
	ok: boolean;
	paired: boolean;
	pairedAs?: string;
	message: string;
}

/** Used by the credential test: WhatsApp Web has no HTTP endpoint to ask, so check the folder instead. */
export async function checkAuthFolder(folder: string): Promise<AuthFolderCheck> {
	try {
		await mkdir(folder, { recursive: true });
		await access(folder, constants.W_OK);
	} catch (error) {
		return { ok: false, paired: false, message: `Auth folder ${folder} is not writable: ${(error as Error).message}` };
	}
	let creds: { me?: { id?: string } } | undefined;
	try {
		creds = JSON.parse(await readFile(path.join(folder, 'creds.json'), 'utf8'));
	} catch {
		creds = undefined;
	}
	const pairedAs = creds?.me?.id;
	if (!pairedAs) {
		return {
			ok: false,
			paired: false,
			message: `Auth folder ${folder} is writable but not paired yet: activate the Support WhatsApp Trigger (or run it manually) and scan the QR code`,
		};
	}
	return { ok: true, paired: true, pairedAs, message: `Paired as ${pairedAs}` };
}
