import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * IMAP mailbox the Support Inbox Trigger watches. IMAP has no HTTP endpoint for n8n's
 * `test` request, so the trigger tests it with a real login (methods.credentialTest).
 */
export class SupportImapApi implements ICredentialType {
	name = 'supportImapApi';

	displayName = 'Support IMAP API';

	// A full URL: the camelCase form only resolves for nodes in n8n's own repository.
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-documentation-url-miscased
	documentationUrl = 'https://github.com/n8n-nodes-support247/n8n-nodes-support247#email';

	icon = 'file:../nodes/SupportInboxTrigger/supportInboxTrigger.svg' as const;

	properties: INodeProperties[] = [
		{ displayName: 'Host', name: 'host', type: 'string', default: '', placeholder: 'imap.example.com', required: true },
		{ displayName: 'Port', name: 'port', type: 'number', default: 993 },
		{
			displayName: 'SSL/TLS',
			name: 'secure',
			type: 'boolean',
			default: true,
			description: 'Whether to connect over TLS from the start (port 993). Off uses STARTTLS when the server offers it.',
		},
		{
			displayName: 'Allow Self-Signed Certificates',
			name: 'ignoreTlsErrors',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the server certificate cannot be validated',
		},
		{ displayName: 'User', name: 'user', type: 'string', default: '', required: true },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true },
		{
			displayName: 'Mailbox',
			name: 'mailbox',
			type: 'string',
			default: 'INBOX',
			description: 'Mailbox (folder) to watch unless the node overrides it',
		},
	];
}
