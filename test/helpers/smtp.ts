/**
 * A real SMTP server (nodemailer's smtp-server) on a free loopback port. It keeps every mail it
 * accepts and, like an MTA's local delivery, can drop it into a Dovecot maildir.
 */
import { SMTPServer } from 'smtp-server';

import { freePort } from './dovecot';

export interface CapturedMail {
	from: string;
	to: string[];
	raw: string;
}

export interface SmtpTestServer {
	host: string;
	port: number;
	user: string;
	password: string;
	messages: CapturedMail[];
	/** Resolves once at least `count` mails were accepted in total. */
	waitForMessages(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
	close(): Promise<void>;
}

export interface SmtpOptions {
	user?: string;
	password?: string;
	/** Called per recipient with the mail as a local delivery agent would store it (Return-Path first). */
	deliver?(recipient: string, raw: string): void;
}

export async function startSmtp(options: SmtpOptions = {}): Promise<SmtpTestServer> {
	const user = options.user ?? 'mailer';
	const password = options.password ?? 'smtp-secret';
	const messages: CapturedMail[] = [];
	const waiters: Array<() => void> = [];

	const server = new SMTPServer({
		secure: false,
		disabledCommands: ['STARTTLS'],
		allowInsecureAuth: true,
		authOptional: false,
		logger: false,
		onAuth(auth, _session, callback) {
			if (auth.username === user && auth.password === password) return callback(null, { user });
			return callback(new Error('Invalid username or password'));
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
				const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
				messages.push({ from, to, raw });
				// The MTA records the envelope sender; an empty one ("<>") marks a bounce.
				for (const recipient of to) options.deliver?.(recipient, `Return-Path: <${from}>\r\n${raw}`);
				for (const wake of waiters.splice(0)) wake();
				callback();
			});
		},
	});

	const port = await freePort();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	server.on('error', () => undefined);

	return {
		host: '127.0.0.1',
		port,
		user,
		password,
		messages,
		async waitForMessages(count, timeoutMs = 60_000) {
			let timer: NodeJS.Timeout | undefined;
			const timeout = new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`expected ${count} SMTP messages, got ${messages.length}`)), timeoutMs);
			});
			try {
				while (messages.length < count) await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), timeout]);
			} finally {
				clearTimeout(timer);
			}
			return messages;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export interface RawMailSpec {
	from: string;
	to?: string;
	subject?: string;
	text?: string;
	html?: string;
	messageId: string;
	/** RFC 2822 date; pinned so tests never read the wall clock. */
	date?: string;
	headers?: Record<string, string>;
}

/** A small RFC 5322 message for tests: text, HTML, or both as multipart/alternative. */
export function rawMail(spec: RawMailSpec): string {
	const lines = [
		`From: ${spec.from}`,
		`To: ${spec.to ?? 'support@shop.test'}`,
		`Subject: ${spec.subject ?? 'Help please'}`,
		`Date: ${spec.date ?? 'Fri, 06 Mar 2026 23:14:00 -0600'}`,
		`Message-ID: ${spec.messageId}`,
		'MIME-Version: 1.0',
		...Object.entries(spec.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
	];
	if (spec.text !== undefined && spec.html !== undefined) {
		lines.push('Content-Type: multipart/alternative; boundary="alt"', '', '--alt', 'Content-Type: text/plain; charset=utf-8', '', spec.text, '--alt', 'Content-Type: text/html; charset=utf-8', '', spec.html, '--alt--');
	} else if (spec.html !== undefined) {
		lines.push('Content-Type: text/html; charset=utf-8', '', spec.html);
	} else {
		lines.push('Content-Type: text/plain; charset=utf-8', '', spec.text ?? 'Hello');
	}
	return lines.join('\r\n') + '\r\n';
}
