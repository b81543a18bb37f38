import { VersionedNodeType, type INodeTypeBaseDescription, type IVersionedNodeType } from 'n8n-workflow';

import { SupportChannelRouterV1 } from './v1/SupportChannelRouterV1';
import { SupportChannelRouterV2 } from './v2/SupportChannelRouterV2';

export class SupportChannelRouter extends VersionedNodeType {
	constructor() {
		const baseDescription: INodeTypeBaseDescription = {
			displayName: 'Support Channel Router',
			name: 'supportChannelRouter',
			icon: 'file:supportChannelRouter.svg',
			group: ['transform'],
			description: 'Sends each ticket to the output of its channel, so the reply goes back where the customer wrote',
			defaultVersion: 2,
		};
		const nodeVersions: IVersionedNodeType['nodeVersions'] = {
			1: new SupportChannelRouterV1(baseDescription),
			2: new SupportChannelRouterV2(baseDescription),
		};
		super(nodeVersions, baseDescription);
	}
}
