#!/usr/bin/env node
// The annoconv command: runs the compiled CLI.
import { main } from '../dist/index.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error) => { process.stderr.write(`annoconv: internal error: ${error?.stack ?? error}\n`); process.exitCode = 70; },
);
