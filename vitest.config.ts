// One vitest configuration for the whole workspace: tests run against the TypeScript sources through the
// "source" export condition, so no build is needed before `pnpm test`. Only that condition is added in front of
// Vite's defaults, so CommonJS dependencies still load their CommonJS builds.
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions] } },
  test: {
    include: ['packages/**/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    setupFiles: ['tools/vitest-setup.ts'],
    reporters: ['default', './tools/plain-summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    benchmark: { include: ['packages/**/src/**/*.bench.ts'] },
  },
});
