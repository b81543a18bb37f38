import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Any API that speaks OpenAI's chat-completions and embeddings shapes: OpenAI itself, Azure OpenAI
 * (v1 endpoint), Ollama, vLLM, LM Studio. The base URL picks the server.
 */
export class OpenAiCompatibleApi implements ICredentialType {
	name = 'openAiCompatibleApi';

	displayName = 'Support OpenAI-Compatible API';

	// A full URL: the camelCase form only resolves for nodes in n8n's own repository.
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-documentation-url-miscased
	documentationUrl = 'https://github.com/n8n-nodes-support247/n8n-nodes-support247#openai-compatible-providers';

	icon = 'file:../nodes/SupportTriage/supportTriage.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Leave empty for local servers that need no key (Ollama, LM Studio)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.openai.com/v1',
			placeholder: 'http://localhost:11434/v1',
			description: 'Root of the API, ending before /chat/completions. Azure: https://RESOURCE.openai.azure.com/openai/v1.',
		},
		{
			displayName: 'Organization ID',
			name: 'organization',
			type: 'string',
			default: '',
			description: 'Sent as the OpenAI-Organization header when set',
		},
		{
			displayName: 'Default Chat Model',
			name: 'chatModel',
			type: 'string',
			default: 'gpt-4o-mini',
			description: 'Used when a node does not name a model. The model must support structured outputs (JSON schema).',
		},
		{
			displayName: 'Default Embedding Model',
			name: 'embeddingModel',
			type: 'string',
			default: 'text-embedding-3-small',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/models',
		},
	};
}
