/**
 * The CSAT and follow-up pieces in a real n8n: morning-follow-up.json imports with n8n's own CLI, and it
 * and the tiered template (now with CSAT Answer, Find Resolved Conversations and CSAT Link) use only node
 * types n8n serves at the versions they name, our Support Outreach and Support CSAT among them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './helpers/n8n-install';
import { N8nServer, type NodeTypeSummary } from './helpers/n8n-server';

interface WorkflowJson {
	id: string;
	nodes: Array<{ name: string; type: string; typeVersion: number }>;
	connections: Record<string, unknown>;
}
const file = (slug: string) => join(REPO_ROOT, 'workflows', `${slug}.json`);
const read = (slug: string) => JSON.parse(readFileSync(file(slug), 'utf8')) as WorkflowJson;

let server: N8nServer;
let types: NodeTypeSummary[];
beforeAll(async () => {
	server = await N8nServer.start();
	types = await server.nodeTypes();
});
afterAll(async () => {
	await server?.stop();
});

const known = (type: string, version: number) => types.some((t) => t.name === type && (Array.isArray(t.version) ? t.version.includes(version) : t.version === version));

describe('outreach templates in a real n8n', () => {
	it('serves Support Outreach (Customer · Morning Queue) and Support CSAT (Not an Answer · Rated · Low Score)', () => {
		const outreach = types.find((t) => t.name === 'n8n-nodes-support247.supportOutreach') as NodeTypeSummary & { outputNames?: string[] };
		const csat = types.find((t) => t.name === 'n8n-nodes-support247.supportCsat') as NodeTypeSummary & { outputNames?: string[] };
		expect(outreach?.outputNames).toEqual(['Customer', 'Morning Queue']);
		expect(csat?.outputNames).toEqual(['Not an Answer', 'Rated', 'Low Score']);
	});

	it.each(['morning-follow-up', 'support-247-tiered'])('%s imports with every node and connection, each of a type n8n knows', async (slug) => {
		expect(server.importWorkflowFileWithCli(file(slug))).toMatch(/Successfully imported 1 workflow/);
		const expected = read(slug);
		const saved = await server.getWorkflow<WorkflowJson>(expected.id);
		expect(saved.nodes.map((n) => n.name)).toEqual(expected.nodes.map((n) => n.name));
		expect(saved.connections).toEqual(expected.connections);
		expect(saved.nodes.filter((n) => !known(n.type, n.typeVersion)).map((n) => n.name)).toEqual([]);
	});
});
