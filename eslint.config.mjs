// n8n's community-node rules: @n8n/eslint-plugin-community-nodes (what @n8n/node-cli lints with)
// plus eslint-plugin-n8n-nodes-base's node, credential and package.json rules.
import tsParser from '@typescript-eslint/parser';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const community = communityNodes.configs.recommendedWithoutN8nCloudSupport;

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', '.n8n-local/**', 'test/**', 'simulator/**', 'bench/**', 'bin/**', 'tools/**', 'scripts/**', '*.js', '*.mjs'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		plugins: { ...community.plugins, 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...community.rules,
			// This package targets self-hosted n8n: its channels and providers need openai, baileys, imapflow and nodemailer.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// overrides apply only to this repository's own install (Baileys' GitHub-only dependencies); npm ignores them when n8n installs the package.
			'@n8n/community-nodes/no-overrides-field': 'off',
		},
	},
	{
		// Both plugins read package.json as a JavaScript object expression, as n8n's own starter lints it.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] } },
	},
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{ files: ['credentials/**/*.ts'], rules: { ...n8nNodesBase.configs.credentials.rules } },
	{
		files: ['nodes/**/*.ts'],
		rules: { ...n8nNodesBase.configs.nodes.rules },
	},
];
