import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Where and how the Baileys (WhatsApp Web) auth state is kept.
 *
 * No HTTP `test` request is possible: WhatsApp Web speaks a websocket protocol with no endpoint
 * that validates a session. The Support WhatsApp Trigger provides `methods.credentialTest`
 * (whatsAppSessionApiTest) instead, which checks that the auth folder is writable and paired.
 */
export class WhatsAppSessionApi implements ICredentialType {
	name = 'whatsAppSessionApi';

	displayName = 'Support WhatsApp Session API';

	// A full URL (the main-repository rule wants a slug, which community nodes cannot resolve).
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-documentation-url-miscased
	documentationUrl = 'https://github.com/n8n-nodes-support247/n8n-nodes-support247#whatsapp';

	icon = 'file:whatsAppSession.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Storage',
			name: 'storage',
			type: 'options',
			options: [
				{
					name: 'Folder',
					value: 'folder',
					description: "Baileys' multi-file auth state: one JSON file per key, written on every update",
				},
			],
			default: 'folder',
		},
		{
			displayName: 'Session Name',
			name: 'sessionName',
			type: 'string',
			default: 'default',
			placeholder: 'store-mx',
			description: 'One name per WhatsApp number. Letters, digits, "-" and "_". Names the default auth folder.',
		},
		{
			displayName: 'Auth Folder',
			name: 'authFolder',
			type: 'string',
			default: '',
			placeholder: '~/.n8n/support247-whatsapp/default',
			description:
				'Directory holding the auth state. Empty uses <n8n user folder>/.n8n/support247-whatsapp/<session name>. The pairing QR code is written next to it as <folder>-qr.png. Keep it private: these files are the login.',
		},
		{
			displayName: 'Device Name',
			name: 'browserName',
			type: 'string',
			default: 'n8n Support247',
			description: 'How this connection appears under Linked devices on the phone',
		},
		{
			displayName: 'Mark Online on Connect',
			name: 'markOnlineOnConnect',
			type: 'boolean',
			default: false,
			description: 'Whether to appear online while connected. Off keeps push notifications arriving on the phone.',
		},
	];
}
