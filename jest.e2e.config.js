/**
 * End-to-end tests against a real n8n (scripts/install-n8n.sh) and headless Chromium.
 * Run with `npm run test:e2e` (builds first). One n8n at a time: the machine is small and n8n is heavy.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	// Installs n8n into .cache/n8n/ first if it is missing (a no-op when it is there).
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	setupFiles: ['<rootDir>/test/setup/pin-timezone.js'],
	// n8n takes ~10 s to start on a quiet machine, the first editor load compiles a large bundle; a hang guard
	// sized for a loaded 2-core runner.
	testTimeout: 600_000,
	maxWorkers: 1,
};
