import { ImapFlow, type ImapFlowOptions } from 'imapflow';

/** What the supportImapApi credential holds. */
export interface ImapCredentials {
	host: string;
	port: number;
	secure: boolean;
	ignoreTlsErrors?: boolean;
	user: string;
	password: string;
	mailbox?: string;
}

export function imapOptions(credentials: ImapCredentials): ImapFlowOptions {
	return {
		host: credentials.host,
		port: Number(credentials.port),
		secure: Boolean(credentials.secure),
		auth: { user: credentials.user, pass: credentials.password },
		tls: { rejectUnauthorized: !credentials.ignoreTlsErrors, servername: credentials.host },
		// imapflow's own logger writes JSON lines to stdout; the watcher logs through n8n instead.
		logger: false,
		connectionTimeout: 30_000,
		greetingTimeout: 16_000,
	};
}

/** Logs in and checks the mailbox exists: the credential test n8n runs from the UI. */
export async function verifyImapLogin(credentials: ImapCredentials): Promise<void> {
	const client = new ImapFlow(imapOptions(credentials));
	client.on('error', () => undefined); // surfaced through the rejected promise instead
	try {
		await client.connect();
		const status = await client.status(credentials.mailbox || 'INBOX', { messages: true });
		if (status === false) throw new Error(`Mailbox "${credentials.mailbox || 'INBOX'}" not found`);
		await client.logout();
	} finally {
		client.close();
	}
}
