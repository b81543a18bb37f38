import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** The INodeTypes that n8n's Workflow and WorkflowExecute ask for node implementations. */
export class NodeTypeRegistry implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	register(type: string, implementation: INodeType | IVersionedNodeType): void {
		this.types.set(type, implementation);
	}

	has(type: string): boolean {
		return this.types.has(type);
	}

	knownTypes(): string[] {
		return [...this.types.keys()];
	}

	getByName(type: string): INodeType | IVersionedNodeType {
		const found = this.types.get(type);
		if (!found) throw new Error(`Unknown node type "${type}"`);
		return found;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}
