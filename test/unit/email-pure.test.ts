import { detectAutomatedMail } from '../../nodes/shared/email/autoReply';
import { assertHeaderSafe, HeaderInjectionError, headersFromLines, normalizeMessageId, parseMessageIdList, sanitizeHeaderText } from '../../nodes/shared/email/headers';
import { stripQuotedReply } from '../../nodes/shared/email/quotedReply';
import { extractTicketId, ticketIdFromSeed } from '../../nodes/shared/email/ticketId';
import { newUids, planFetch } from '../../nodes/shared/email/uidCursor';

const h = (lines: Record<string, string>) => headersFromLines(Object.entries(lines).map(([key, value]) => ({ key: key.toLowerCase(), line: `${key}: ${value}` })));

describe('detectAutomatedMail', () => {
	it.each([
		[{ 'Auto-Submitted': 'auto-replied' }, 'Auto-Submitted: auto-replied'],
		[{ 'Auto-Submitted': 'auto-generated; owner-email="x@y.z"' }, 'Auto-Submitted: auto-generated'],
		[{ Precedence: 'bulk' }, 'Precedence: bulk'],
		[{ Precedence: 'List' }, 'Precedence: list'],
		[{ Precedence: 'junk' }, 'Precedence: junk'],
		[{ 'X-Autoreply': 'yes' }, 'x-autoreply header'],
		[{ 'X-Autorespond': 'whatever' }, 'x-autorespond header'],
		[{ 'X-Auto-Response-Suppress': 'All' }, 'X-Auto-Response-Suppress: All'],
		[{ 'List-Id': '<news.example.com>' }, 'mailing list (list-id)'],
		[{ 'Return-Path': '<>' }, 'bounce (empty Return-Path)'],
		[{ 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="x"' }, 'delivery or read report'],
	])('flags %j', (headers, reason) => {
		expect(detectAutomatedMail(h(headers), 'ana@example.com')).toEqual({ automated: true, reason });
	});

	it.each(['MAILER-DAEMON@mx.example.com', 'postmaster@example.com', 'noreply@shop.com', 'no-reply@shop.com', 'do-not-reply@x.io', 'donotreply@x.io'])(
		'flags machine sender %s',
		(from) => {
			expect(detectAutomatedMail({}, from).automated).toBe(true);
		},
	);

	it('lets a person through, including Auto-Submitted: no, Precedence: normal and X-Auto-Response-Suppress: None', () => {
		const headers = h({ 'Auto-Submitted': 'no', Precedence: 'first-class', 'X-Auto-Response-Suppress': 'None', 'Return-Path': '<ana@example.com>' });
		expect(detectAutomatedMail(headers, 'ana@example.com')).toEqual({ automated: false });
		expect(detectAutomatedMail({}, 'noreen@example.com').automated).toBe(false);
	});
});

describe('ticket ids', () => {
	it.each([
		['Re: My order [#T-12345]', 'T-12345'],
		['[Ticket #123] broken screen', '123'],
		['RE: help [ticket#AB-9]', 'AB-9'],
		['Re: help [# 42]', '42'],
		['no tag here #99', undefined],
		[undefined, undefined],
	])('extracts from %p', (subject, id) => {
		expect(extractTicketId(subject)).toBe(id);
	});

	it('uses a custom pattern, whole match when it has no group', () => {
		expect(extractTicketId('Case CS-0042 update', String.raw`CS-(\d+)`)).toBe('0042');
		expect(extractTicketId('Case CS-0042 update', /CS-\d+/)).toBe('CS-0042');
	});

	it('derives a stable id from the Message-ID', () => {
		const id = ticketIdFromSeed('<abc@mail.example.com>');
		expect(id).toMatch(/^E-[0-9A-F]{10}$/);
		expect(ticketIdFromSeed('<abc@mail.example.com>')).toBe(id);
		expect(ticketIdFromSeed('<abd@mail.example.com>')).not.toBe(id);
	});
});

describe('headers', () => {
	it('rejects CR and LF in outgoing values, naming the field', () => {
		expect(() => assertHeaderSafe('subject', 'Hi\r\nBcc: evil@x.com')).toThrow(HeaderInjectionError);
		expect(() => assertHeaderSafe('name', 'Ana\nX: y')).toThrow(/"name"/);
		expect(() => assertHeaderSafe('reply-to', 'a@b.c\r')).toThrow(/"reply-to"/);
		expect(() => assertHeaderSafe('subject', 'fine: subject — ñ')).not.toThrow();
		expect(() => assertHeaderSafe('subject', undefined)).not.toThrow();
	});

	it('sanitises incoming header text', () => {
		expect(sanitizeHeaderText('Hello\r\n\tworld\u0000 !')).toBe('Hello world !');
		expect(sanitizeHeaderText('x'.repeat(2000)).length).toBe(998);
	});

	it('normalises message ids and reference lists', () => {
		expect(normalizeMessageId(' <a@b> ')).toBe('<a@b>');
		expect(normalizeMessageId('a@b')).toBe('<a@b>');
		expect(normalizeMessageId(undefined)).toBe('');
		expect(parseMessageIdList('<a@b>\r\n <c@d> <a@b>')).toEqual(['<a@b>', '<c@d>']);
		expect(parseMessageIdList(['<a@b>', '<e@f>'])).toEqual(['<a@b>', '<e@f>']);
	});
});

describe('stripQuotedReply', () => {
	it('cuts Gmail, Spanish and Outlook quote blocks', () => {
		expect(stripQuotedReply('Still broken.\n\nOn Mon, 3 Mar 2026 at 10:00, Support <s@x.com> wrote:\n> old')).toBe('Still broken.');
		expect(stripQuotedReply('Sigue igual.\nEl lun, 3 mar 2026 a las 10:00, Soporte escribió:\n> viejo')).toBe('Sigue igual.');
		expect(stripQuotedReply('Thanks\n\nFrom: Support\nSent: Monday\nSubject: x\n\nold text')).toBe('Thanks');
		expect(stripQuotedReply('Hi\n> quoted\n> more\n')).toBe('Hi');
	});

	it('keeps inline quoting followed by new text, and all-quote mail', () => {
		expect(stripQuotedReply('> question?\nanswer')).toBe('> question?\nanswer');
		expect(stripQuotedReply('> only quote')).toBe('> only quote');
	});
});

describe('uid cursor', () => {
	const box = { uidValidity: '777', uidNext: 11 };

	it('resumes after the stored UID when UIDVALIDITY matches', () => {
		expect(planFetch({ uidValidity: '777', lastUid: 7 }, box, 'unseen')).toEqual({ uidRange: '8:*', unseenOnly: false, cursor: { uidValidity: '777', lastUid: 7 } });
	});

	it('first run takes unread mail and then stands at the mailbox end', () => {
		const plan = planFetch({}, box, 'unseen');
		expect(plan).toMatchObject({ uidRange: '1:*', unseenOnly: true, floorUid: 10, cursor: { uidValidity: '777', lastUid: 0 } });
		expect(plan.reset).toBeUndefined();
		expect(planFetch({}, box, 'new')).toMatchObject({ uidRange: '11:*', cursor: { lastUid: 10 } });
	});

	it('starts over when UIDVALIDITY changed', () => {
		const plan = planFetch({ uidValidity: '1', lastUid: 500 }, box, 'unseen');
		expect(plan.reset).toMatch(/UIDVALIDITY changed from 1 to 777/);
		expect(plan.cursor).toEqual({ uidValidity: '777', lastUid: 0 });
	});

	it('drops the newest message IMAP returns for "N:*" when it is not new', () => {
		expect(newUids([10], { lastUid: 10 })).toEqual([]);
		expect(newUids([12, 11, 11, 9], { lastUid: 10 })).toEqual([11, 12]);
	});
});
