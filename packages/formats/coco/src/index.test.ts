import { describe, expect, it } from 'vitest';

describe('@annoconv/format-coco exports', () => {
  it('pins the public exports', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual(['cocoKeypointsPlugin', 'cocoPlugin', 'generateCoco', 'plugins']);
  });

  it('lists COCO 1.0 and COCO Keypoints 1.0 as CVAT does', async () => {
    const { plugins } = await import('./index.js');
    expect(plugins.map((plugin) => [plugin.id, plugin.names[0], plugin.importer, plugin.exporter])).toEqual([
      ['coco', 'COCO 1.0', { name: 'COCO 1.0', ext: 'JSON, ZIP', version: '1.0', enabled: true, dimension: '2d' }, { name: 'COCO 1.0', ext: 'ZIP', version: '1.0', enabled: true, dimension: '2d' }],
      [
        'coco-keypoints',
        'COCO Keypoints 1.0',
        { name: 'COCO Keypoints 1.0', ext: 'JSON, ZIP', version: '1.0', enabled: true, dimension: '2d' },
        { name: 'COCO Keypoints 1.0', ext: 'ZIP', version: '1.0', enabled: true, dimension: '2d' },
      ],
    ]);
    expect(plugins[0]!.names).toEqual(['COCO 1.0', 'coco', 'coco_instances']);
  });
});
