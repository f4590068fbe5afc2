// Bundles the child server entry (and the dataset worker next to it) from the TypeScript sources with vite, so a
// test can spawn a real server process without a prior build. Packages with native parts stay external and
// resolve from this package's node_modules.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const packageRoot = resolve(here, '../..');
const repoRoot = resolve(packageRoot, '../..');

/** Returns the entry's path and a function removing the bundle (each call bundles into its own folder). */
export async function bundleChild(): Promise<{ entry: string; remove: () => void }> {
  const { build } = await import('vite');
  const outDir = join(packageRoot, 'node_modules', '.annoconv-test-child', randomUUID());
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
  return { entry: join(outDir, 'serve-child.js'), remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

/** Spawns the bundled server over `dataDir` and waits for its `{url, token}` line. */
export async function spawnServer(entry: string, dataDir: string, children: ChildProcess[]): Promise<{ child: ChildProcess; url: string; token: string | null }> {
  const child = spawn(process.execPath, [entry, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, ...(JSON.parse(first) as { url: string; token: string | null }) };
}
