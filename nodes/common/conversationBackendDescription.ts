import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/**
 * n8n's own Postgres credential, asked for only when the Database is PostgreSQL. `show` as for
 * conversationBackendProperties. Tested by the node's methods.credentialTest (common/postgresCredential.ts).
 */
export function conversationBackendCredentials(show: Record<string, string[]> = {}): INodeCredentialDescription[] {
	return [{ name: 'postgres', required: true, testedBy: 'support247PostgresTest', displayOptions: { show: { ...show, backend: ['postgres'] } } }];
}

/**
 * Where the conversations are kept: the parameters common/conversationBackend.ts opens a backend
 * from. One definition for every node that reads or writes the store, so their names and defaults
 * cannot drift apart. `show` limits them to some operations of the node.
 */
export function conversationBackendProperties(show: Record<string, string[]> = {}): INodeProperties[] {
	const when = (extra: Record<string, string[]> = {}) => (Object.keys(show).length + Object.keys(extra).length > 0 ? { displayOptions: { show: { ...show, ...extra } } } : {});
	return [
		{
			displayName: 'Database',
			name: 'backend',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'SQLite File (This N8n)', value: 'sqlite', description: 'A file beside n8n’s own data; one machine (regular mode)' },
				{ name: 'PostgreSQL', value: 'postgres', description: 'A database every n8n process reaches; for queue mode with workers' },
				{ name: 'In Memory (Tests and Simulator)', value: 'memory', description: 'Lost when n8n restarts; for tests and replays' },
			],
			default: 'sqlite',
			...when(),
		},
		{
			displayName: 'Database File',
			name: 'databaseFile',
			type: 'string',
			default: '',
			placeholder: '~/.n8n/support247/conversations.sqlite',
			description: 'Path of the SQLite file. Empty: support247/conversations.sqlite in n8n’s user folder.',
			...when({ backend: ['sqlite'] }),
		},
		{
			displayName: 'Store Name',
			name: 'memoryName',
			type: 'string',
			default: 'default',
			description: 'Nodes with the same name share one in-memory store',
			...when({ backend: ['memory'] }),
		},
	];
}
