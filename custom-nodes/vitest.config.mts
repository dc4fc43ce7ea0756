import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		testTimeout: 30_000,
		// Load n8n-workflow as plain Node does; transforming it only produces missing-sourcemap noise.
		server: { deps: { external: [/n8n-workflow/] } },
	},
});
