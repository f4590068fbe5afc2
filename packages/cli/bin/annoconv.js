#!/usr/bin/env node
// The annoconv command: runs the bundled CLI (built by `pnpm build`, see scripts/bundle.mjs).
import { main } from '../dist/bundle/annoconv.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { process.stderr.write(`annoconv: internal error: ${error?.stack ?? error}\n`); process.exitCode = 70; },
);
