import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	resolve: {
		// n8n loads our compiled CommonJS nodes, which require() the CommonJS build of n8n-workflow;
		// tests use the same build (its ESM build is also unloadable by Node without a bundler).
		alias: { 'n8n-workflow': require.resolve('n8n-workflow') },
	},
	test: {
		include: ['test/**/*.test.ts'],
		testTimeout: 30_000,
		server: { deps: { external: [/n8n-workflow/] } },
	},
});
