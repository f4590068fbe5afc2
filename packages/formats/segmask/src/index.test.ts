import { describe, expect, it } from 'vitest';

describe('@annoconv/format-segmask', () => {
  it('exports exactly its public API', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual(['detectSegmask', 'plugins', 'readSegmask', 'segmaskPlugin', 'writeSegmask']);
  });

  it('lists one plugin with CVAT names and listings', async () => {
    const { plugins } = await import('./index.js');
    expect(plugins.map((plugin) => plugin.id)).toEqual(['segmask']);
    expect(plugins[0]!.names[0]).toBe('Segmentation mask 1.1');
    expect(plugins[0]!.importer).toEqual({ name: 'Segmentation mask 1.1', ext: 'ZIP', version: '1.1', enabled: true, dimension: '2d' });
    expect(plugins[0]!.exporter).toEqual(plugins[0]!.importer);
  });
});
