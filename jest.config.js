/** Unit, workflow (engine) and integration tests. End-to-end tests with a real n8n live in jest.e2e.config.js. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/install/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
		// msw 2 depends on rettime, until-async and @open-draft/deferred-promise, which ship ES modules only; compile them to CommonJS for Jest.
		'^.+/node_modules/(rettime|until-async|@open-draft/deferred-promise)/.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', isolatedModules: true } }],
	},
	transformIgnorePatterns: ['/node_modules/(?!(rettime|until-async|@open-draft/deferred-promise)/)'],
	// SLA and greeter logic must never depend on the machine's zone.
	globalSetup: '<rootDir>/test/setup/global-setup.js',
	setupFiles: ['<rootDir>/test/setup/pin-timezone.js', '<rootDir>/test/setup/quiet-n8n-log.js'],
	// A guard against hangs, not a speed check: sized for a loaded 2-core runner, where a test that takes
	// 10 s alone can take several times that (speed targets live in npm run bench).
	testTimeout: 180_000,
};
