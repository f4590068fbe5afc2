// Bundles the child server entry (and the dataset worker next to it) from the TypeScript sources with vite, so a
// test can spawn a real server process without a prior build. Packages with native parts stay external and
// resolve from this package's node_modules.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const packageRoot = resolve(here, '../..');
const repoRoot = resolve(packageRoot, '../..');

export async function bundleChild(): Promise<string> {
  const { build } = await import('vite');
  const outDir = join(packageRoot, 'node_modules', '.annoconv-test-child');
  mkdirSync(outDir, { recursive: true });
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'silent',
    resolve: { conditions: ['source', 'module', 'node', 'import', 'default'] },
    ssr: { noExternal: true, external: ['better-sqlite3', 'pino', 'hono', '@hono/node-server'], resolve: { conditions: ['source', 'module', 'node', 'import', 'default'], externalConditions: ['source'] } },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: {
        input: { 'serve-child': join(here, 'serve-child.ts'), 'dataset-worker': join(here, '..', 'dataset-worker.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  });
  return join(outDir, 'serve-child.js');
}
