import { createTransport, type Transporter } from 'nodemailer';

/** What the supportSmtpApi credential holds. */
export interface SmtpCredentials {
	host: string;
	port: number;
	secure: boolean;
	ignoreTlsErrors?: boolean;
	user?: string;
	password?: string;
	fromEmail: string;
	fromName?: string;
}

export function smtpTransport(credentials: SmtpCredentials): Transporter {
	return createTransport({
		host: credentials.host,
		port: Number(credentials.port),
		secure: Boolean(credentials.secure),
		...(credentials.user ? { auth: { user: credentials.user, pass: credentials.password ?? '' } } : {}),
		tls: { rejectUnauthorized: !credentials.ignoreTlsErrors },
		connectionTimeout: 30_000,
	});
}

/** The credential test n8n runs from the UI: connect, greet and log in, send nothing. */
export async function verifySmtp(credentials: SmtpCredentials): Promise<void> {
	const transport = smtpTransport(credentials);
	try {
		await transport.verify();
	} finally {
		transport.close();
	}
}
