// Bundles the compiled CLI (dist/index.js and everything it imports, our packages and their dependencies) into
// dist/bundle/, which bin/annoconv.js runs. A command that loads some 350 small modules spends about 0.35 s
// resolving and compiling them before it reads a byte; one bundle starts in a third of that. The libraries
// keep their per-module dist/ for programs that import them. Left out of the bundle: Node's built-ins and
// @annoconv/server (imported on `serve` / `token` only; its worker threads load its own dist/ files).
import { rolldown } from 'rolldown';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist/bundle');
rmSync(outDir, { recursive: true, force: true });

const bundle = await rolldown({
  input: { annoconv: path.join(root, 'dist/index.js') },
  platform: 'node',
  cwd: root,
  external: [/^node:/, /^@annoconv\/server(\/|$)/],
  logLevel: 'warn',
});
await bundle.write({ dir: outDir, format: 'esm', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true });
await bundle.close();
