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
	setupFiles: ['<rootDir>/test/setup/pin-timezone.js'],
	testTimeout: 30000,
};
