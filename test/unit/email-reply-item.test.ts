import { replyInputFromItem } from '../../nodes/SupportEmailReply/replyFromItem';
import { buildReplyMail } from '../../nodes/shared/email/replyMail';

const sender = { fromEmail: 'support@shop.test', fromName: 'Shop Support' };
const ticket = {
	ticketId: 'T-7',
	channel: 'email',
	customer: { email: 'ana@example.com', name: 'Ana' },
	message: { text: 'q', subject: 'Order', id: '<m1@example.com>', references: ['<m0@example.com>'] },
	email: { from: 'ana@example.com', replyTo: 'ana.private@example.com', subject: 'Order', messageId: '<m1@example.com>', references: ['<m0@example.com>'] },
	reply: { text: 'It ships today.', language: 'en' },
};

describe('replyInputFromItem', () => {
	it('answers the Reply-To address in the thread, from the credential identity', () => {
		expect(replyInputFromItem(ticket, {}, sender)).toEqual({
			ticketId: 'T-7',
			text: 'It ships today.',
			to: 'ana.private@example.com',
			toName: 'Ana',
			subject: 'Order',
			inReplyTo: '<m1@example.com>',
			references: ['<m0@example.com>'],
			from: 'support@shop.test',
			fromName: 'Shop Support',
			replyTo: undefined,
			cc: undefined,
			bcc: undefined,
			autoSubmitted: true,
			tagSubject: true,
		});
	});

	it('works from a ticket without an email section (another channel escalated to email)', () => {
		const input = replyInputFromItem({ ticketId: 'W-1', customer: { email: 'bob@example.com' }, message: { text: 'hola', subject: 'Ayuda' }, reply: { text: 'Claro' } }, {}, sender);
		expect(buildReplyMail(input)).toMatchObject({ to: 'bob@example.com', subject: 'Re: Ayuda [#W-1]', text: 'Claro', headers: { 'Auto-Submitted': 'auto-replied' } });
		expect(buildReplyMail(input).inReplyTo).toBeUndefined();
	});

	it('lets options override the recipient, text field and marker', () => {
		const input = replyInputFromItem({ ...ticket, handoff: { note: 'Agent wrote this' } }, { to: 'ops@shop.test', textField: 'handoff.note', autoSubmitted: false, fromName: 'Ops' }, sender);
		expect(input).toMatchObject({ to: 'ops@shop.test', toName: undefined, text: 'Agent wrote this', autoSubmitted: false, fromName: 'Ops' });
	});
});
