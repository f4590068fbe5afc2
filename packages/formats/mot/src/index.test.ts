import { describe, expect, it } from 'vitest';

describe('@annoconv/format-mot', () => {
  it('pins its public exports', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual([
      'detectMot', 'detectMots', 'motPlugin', 'motsPlugin', 'plugins', 'readMot', 'readMots', 'writeMot', 'writeMots',
    ]);
  });
  it('lists MOT 1.1 and MOTS PNG 1.0 as CVAT does', async () => {
    const { plugins } = await import('./index.js');
    expect(plugins.map((plugin) => [plugin.id, plugin.importer?.name, plugin.exporter?.name])).toEqual([
      ['mot', 'MOT 1.1', 'MOT 1.1'],
      ['mots', 'MOTS PNG 1.0', 'MOTS PNG 1.0'],
    ]);
  });
});
