// The package's public exports.
import { expect, it } from 'vitest';

it('exports exactly these', async () => {
  expect(Object.keys(await import('./index.js')).sort()).toEqual(
    ['DATABASE_FILE', 'DEFAULT_CONFIG', 'DEFAULT_USERNAME', 'ServerContext', 'createApp', 'createLogger', 'createToken', 'hasTokens', 'openDatabase', 'resolveConfig', 'silentLogger', 'startServer', 'userForToken'].sort(),
  );
});
