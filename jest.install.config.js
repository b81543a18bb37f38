/** Install tests: pack the tarballs and install them as n8n, a self-hoster and an analyst do (network, Node 24). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/install'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	setupFiles: ['<rootDir>/test/setup/pin-timezone.js'],
	// Node 24 for the analyst's step comes with the e2e suite's n8n install (a no-op once there).
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	// Each step installs from the registry: ~40 s (n8n installer), ~60 s (plain), a few minutes (the CLI, n8n-core).
	testTimeout: 15 * 60 * 1000,
};
