// One vitest configuration for the whole workspace: tests run against the TypeScript sources through the
// "source" export condition, so no build is needed before `pnpm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source', 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'import', 'default'], externalConditions: ['source'] } },
  test: {
    include: ['packages/**/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    benchmark: { include: ['packages/**/src/**/*.bench.ts'] },
  },
});
