import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsHelper,
	IHttpRequestOptions,
	INodeCredentialsDetails,
	INodeProperties,
} from 'n8n-workflow';

/**
 * In-process runs have no credentials database: credentials are handed to the engine by type
 * (from a test, or the simulator's --credentials file) and returned as already decrypted.
 */
export class InMemoryCredentials implements ICredentialsHelper {
	constructor(private readonly byType: Record<string, ICredentialDataDecryptedObject> = {}) {}

	/** Whether credentials of this type were handed to the engine. */
	hasType(type: string): boolean {
		return type in this.byType;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(_credentials: ICredentialDataDecryptedObject, _type: string, requestOptions: IHttpRequestOptions) {
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`Credentials "${details.name}" (${type}) cannot be read raw in-process`);
	}

	async getDecrypted(_additionalData: unknown, details: INodeCredentialsDetails, type: string): Promise<ICredentialDataDecryptedObject> {
		const found = this.byType[type];
		if (!found) {
			throw new Error(`No credentials of type "${type}" were given to the engine (node credential "${details.name ?? details.id}")`);
		}
		return found;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(): INodeProperties[] {
		return [];
	}
}
