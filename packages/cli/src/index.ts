// @annoconv/cli: the `annoconv` command. The bin (bin/annoconv.js) calls `main(argv)` and exits with its code.
export { main, buildProgram, VERSION } from './main.js';
export { EXIT, exitCodeFor } from './exit-codes.js';
export type { CliEnv, OutputStream } from './cli-env.js';
export { commands, type RegisterCommand } from './commands/index.js';
