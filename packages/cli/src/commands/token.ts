// `annoconv token create`: a new API token for the server's database (the key is printed once, only its hash is
// stored). Works while the server runs: the database is shared in WAL mode.
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { EXIT } from '../exit-codes.js';
import { examples } from '../input-options.js';

export function registerTokenCommand(program: Command, env: CliEnv, setExitCode: (code: number) => void): void {
  const token = program.command('token').description("manage the server's API tokens");
  token
    .command('create')
    .description('create an API token and print its key')
    .option('--data <dir>', "the server's data folder", './annoconv-data')
    .option('--user <name>', 'the user the token belongs to (created when new; owns the tasks it creates)', 'admin')
    .addHelpText('after', examples(['annoconv token create', 'annoconv token create --data /srv/annoconv --user alice']))
    .action(async (flags: { data: string; user: string }) => {
      const { openDatabase, createToken } = await import('@annoconv/server');
      const db = openDatabase(flags.data);
      try {
        env.stdout.write(`${createToken(db, flags.user).key}\n`);
      } finally {
        db.close();
      }
      setExitCode(EXIT.ok);
    });
}
