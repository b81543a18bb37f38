import os from 'node:os';
import type { ICredentialsDecrypted, ICredentialTestFunctions, IDataObject, INodeCredentialTestResult } from 'n8n-workflow';

import { checkAuthFolder, resolveAuthFolder, sessionSettings } from '../shared/whatsapp/auth-folder';

/**
 * Credential test for whatsAppSessionApi. WhatsApp Web has no HTTP endpoint to test against,
 * so this checks the auth folder is writable and holds a paired device's creds.
 */
export async function whatsAppSessionApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const folder = resolveAuthFolder(sessionSettings((credential.data ?? {}) as IDataObject), process.env, os.homedir());
		const check = await checkAuthFolder(folder);
		return { status: check.ok ? 'OK' : 'Error', message: check.message };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
