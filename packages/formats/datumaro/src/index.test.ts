import { describe, expect, it } from 'vitest';

describe('@annoconv/format-datumaro', () => {
  it('exports exactly its public API', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual(['datumaroPlugin', 'detectDatumaro', 'plugins', 'readDatumaro', 'writeDatumaro']);
  });
});
