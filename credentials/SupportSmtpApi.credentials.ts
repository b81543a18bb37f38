import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * SMTP account the Support Email Reply node sends from. SMTP has no HTTP endpoint for n8n's
 * `test` request, so the node tests it with nodemailer's verify() (methods.credentialTest).
 */
export class SupportSmtpApi implements ICredentialType {
	name = 'supportSmtpApi';

	displayName = 'Support SMTP API';

	// A full URL: the camelCase form only resolves for nodes in n8n's own repository.
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-documentation-url-miscased
	documentationUrl = 'https://github.com/n8n-nodes-support247/n8n-nodes-support247#email';

	icon = 'file:../nodes/SupportEmailReply/supportEmailReply.svg' as const;

	properties: INodeProperties[] = [
		{ displayName: 'Host', name: 'host', type: 'string', default: '', placeholder: 'smtp.example.com', required: true },
		{ displayName: 'Port', name: 'port', type: 'number', default: 465 },
		{
			displayName: 'SSL/TLS',
			name: 'secure',
			type: 'boolean',
			default: true,
			description: 'Whether to connect over TLS from the start (port 465). Off uses STARTTLS when the server offers it (port 587).',
		},
		{
			displayName: 'Allow Self-Signed Certificates',
			name: 'ignoreTlsErrors',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the server certificate cannot be validated',
		},
		{ displayName: 'User', name: 'user', type: 'string', default: '', description: 'Leave empty for servers that need no login' },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'From Address', name: 'fromEmail', type: 'string', default: '', placeholder: 'support@example.com', required: true },
		{ displayName: 'From Name', name: 'fromName', type: 'string', default: '', placeholder: 'Example Support' },
	];
}
