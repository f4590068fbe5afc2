import { describe, expect, it } from 'vitest';

describe('@annoconv/format-kitti', () => {
  it('pins its public exports', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual(['detectKitti', 'kittiClasses', 'kittiPlugin', 'plugins', 'readKitti', 'writeKitti']);
  });
  it('lists KITTI 1.0 as CVAT does', async () => {
    const { plugins } = await import('./index.js');
    expect(plugins.map((plugin) => [plugin.id, plugin.importer?.name, plugin.exporter?.name])).toEqual([['kitti', 'KITTI 1.0', 'KITTI 1.0']]);
  });
});
