import { capMailSource, mailToTicket, maxSourceLength, parseMail } from '../../nodes/shared/email/mailToTicket';
import { buildReplyMail, buildReplySubject, ReplyFieldError } from '../../nodes/shared/email/replyMail';
import { HeaderInjectionError } from '../../nodes/shared/email/headers';

const crlf = (lines: string[]) => lines.join('\r\n');

describe('mailToTicket', () => {
	it('maps a multipart reply to the ticket shape, keeping the sender\'s offset and dropping the quote', async () => {
		const raw = crlf([
			'From: "Ana López" <Ana@Example.com>',
			'To: support@shop.test',
			'Reply-To: ana.private@example.com',
			'Subject: Re: Where is my order? [#T-12345]',
			'Date: Fri, 06 Mar 2026 23:14:00 -0600',
			'Message-ID: <m2@example.com>',
			'In-Reply-To: <r1@shop.test>',
			'References: <m1@example.com> <r1@shop.test>',
			'MIME-Version: 1.0',
			'Content-Type: multipart/alternative; boundary="b1"',
			'',
			'--b1',
			'Content-Type: text/plain; charset=utf-8',
			'',
			'Still nothing arrived.',
			'',
			'On Thu, 5 Mar 2026, Support <support@shop.test> wrote:',
			'> We shipped it.',
			'--b1',
			'Content-Type: text/html; charset=utf-8',
			'',
			'<p>Still nothing arrived.</p>',
			'--b1--',
			'',
		]);
		const { ticket, verdict } = mailToTicket(await parseMail(raw), { uid: 7, uidValidity: '99', mailbox: 'INBOX' });
		expect(verdict).toEqual({ automated: false });
		expect(ticket).toEqual({
			ticketId: 'T-12345',
			channel: 'email',
			customer: { email: 'ana@example.com', name: 'Ana López' },
			message: {
				text: 'Still nothing arrived.',
				subject: 'Re: Where is my order? [#T-12345]',
				receivedAt: '2026-03-06T23:14:00.000-06:00',
				id: '<m2@example.com>',
				references: ['<m1@example.com>', '<r1@shop.test>'],
			},
			email: {
				from: 'ana@example.com',
				fromName: 'Ana López',
				to: ['support@shop.test'],
				replyTo: 'ana.private@example.com',
				subject: 'Re: Where is my order? [#T-12345]',
				messageId: '<m2@example.com>',
				inReplyTo: '<r1@shop.test>',
				references: ['<m1@example.com>', '<r1@shop.test>'],
				uid: 7,
				uidValidity: '99',
				mailbox: 'INBOX',
			},
		});
	});

	it('reads HTML-only mail as text, derives the ticket id from the Message-ID and falls back to INTERNALDATE', async () => {
		const raw = crlf(['From: bob@example.com', 'Subject: Hola', 'Message-ID: <x1@example.com>', 'Content-Type: text/html; charset=utf-8', '', '<div>Necesito <b>ayuda</b> con mi factura</div>', '']);
		const { ticket } = mailToTicket(await parseMail(raw), { internalDate: new Date('2026-01-02T03:04:05Z') });
		expect(ticket.message.text).toContain('Necesito ayuda con mi factura');
		expect(ticket.ticketId).toMatch(/^E-[0-9A-F]{10}$/);
		expect(ticket.message.receivedAt).toBe('2026-01-02T03:04:05.000Z');
		expect(ticket.email.references).toEqual([]);
	});

	it('reports auto-replies in the verdict', async () => {
		const raw = crlf(['From: ana@example.com', 'Auto-Submitted: auto-replied', 'Subject: Out of office', '', 'I am away', '']);
		expect(mailToTicket(await parseMail(raw)).verdict).toEqual({ automated: true, reason: 'Auto-Submitted: auto-replied' });
	});

	it('cuts a huge raw mail before parsing and still makes the ticket, marked truncated with the raw length', async () => {
		const head = ['From: Ana <ana@example.com>', 'To: support@shop.test', 'Subject: Where is my order? [#T-777]', 'Message-ID: <big@example.com>', 'Date: Mon, 2 Mar 2026 10:00:00 -0600', 'Content-Type: text/plain; charset=utf-8', '', 'My order #123456 never came.'];
		const raw = crlf([...head, '\n'.repeat(1_000_000), 'the end']);
		const parsed = await parseMail(Buffer.from(raw));
		expect(parsed.sourceCut).toEqual({ originalLength: Buffer.byteLength(raw) });
		const { ticket, verdict } = mailToTicket(parsed);
		expect(verdict.automated).toBe(false);
		expect(ticket.ticketId).toBe('T-777');
		expect(ticket.message).toMatchObject({ text: 'My order #123456 never came.', truncated: true, originalLength: Buffer.byteLength(raw), id: '<big@example.com>', subject: 'Where is my order? [#T-777]' });
		expect(ticket.customer.email).toBe('ana@example.com');
		// A normal mail is parsed whole and carries no mark.
		const small = mailToTicket(await parseMail(crlf([...head, ''])));
		expect(small.ticket.message.truncated).toBeUndefined();
	});

	it('cuts the raw source at its last line break within the window, the same for text and bytes', () => {
		const source = 'Subject: x\r\n\r\nline one\r\nline two\r\nline three';
		for (const max of [12, 20, 30, 38]) {
			const text = capMailSource(source, max);
			const bytes = capMailSource(Buffer.from(source), max);
			expect(text.truncated).toBe(true);
			expect(text.source.length).toBeLessThanOrEqual(max);
			expect(text.source.endsWith('\n')).toBe(true);
			expect(source.startsWith(text.source)).toBe(true);
			expect(bytes.source.toString()).toBe(text.source);
			expect(bytes.originalLength).toBe(source.length);
		}
		expect(capMailSource(source, source.length)).toEqual({ source, truncated: false, originalLength: source.length });
		// No line break in the window: a plain cut at the limit.
		expect(capMailSource('x'.repeat(50), 10).source).toBe('x'.repeat(10));
		// A small text limit never cuts a normal mail's headers.
		expect(maxSourceLength(10)).toBe(200_000);
		expect(maxSourceLength(50_000)).toBe(500_000);
	});
});

describe('buildReplyMail', () => {
	const base = { ticketId: 'T-1', text: 'Your order ships today.', to: 'ana@example.com', from: 'support@shop.test', subject: 'Where is my order?', inReplyTo: '<m2@example.com>', references: ['<m1@example.com>'] };

	it('threads the reply and marks it automatic', () => {
		expect(buildReplyMail({ ...base, fromName: 'Shop Support', toName: 'Ana' })).toEqual({
			from: { address: 'support@shop.test', name: 'Shop Support' },
			to: { address: 'ana@example.com', name: 'Ana' },
			subject: 'Re: Where is my order? [#T-1]',
			text: 'Your order ships today.',
			inReplyTo: '<m2@example.com>',
			references: ['<m1@example.com>', '<m2@example.com>'],
			headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' },
		});
		expect(buildReplyMail({ ...base, autoSubmitted: false }).headers).toEqual({});
	});

	it('never repeats "Re:" or the ticket tag', () => {
		expect(buildReplySubject('Re: RE: Where? [#T-1]', 'T-1')).toBe('Re: Where? [#T-1]');
		expect(buildReplySubject('[Ticket #77] Broken', '77')).toBe('Re: [Ticket #77] Broken');
		expect(buildReplySubject('', 'T-1')).toBe('Re: your message [#T-1]');
		expect(buildReplySubject('Hi', 'T-1', false)).toBe('Re: Hi');
	});

	it('bounds long References chains, keeping the root', () => {
		const references = Array.from({ length: 40 }, (_, i) => `<m${i}@x>`);
		const mail = buildReplyMail({ ...base, references, inReplyTo: '<m39@x>' });
		expect(mail.references).toHaveLength(20);
		expect(mail.references?.[0]).toBe('<m0@x>');
		expect(mail.references?.at(-1)).toBe('<m39@x>');
	});

	it.each([
		['subject', { subject: 'Hi\r\nBcc: victim@x.com' }],
		['to', { to: 'ana@example.com\r\nBcc: victim@x.com' }],
		['name', { toName: 'Ana\nBcc: victim@x.com' }],
		['reply-to', { replyTo: 'a@b.c\nX: y' }],
		['fromName', { fromName: 'Support\r' }],
	])('rejects CR/LF in %s', (field, override) => {
		let error: unknown;
		try {
			buildReplyMail({ ...base, ...override });
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(HeaderInjectionError);
		expect((error as HeaderInjectionError).field).toBe(field);
	});

	it('names a missing recipient or empty text', () => {
		expect(() => buildReplyMail({ ...base, to: '' })).toThrow(ReplyFieldError);
		expect(() => buildReplyMail({ ...base, to: 'a@b.c, d@e.f' })).toThrow(/"to"/);
		expect(() => buildReplyMail({ ...base, text: '  ' })).toThrow(/reply text is empty/);
	});
});
