// The package's public surface: its exports, and the plugin ids and CVAT names the engine lists.
import { describe, expect, it } from 'vitest';

describe('@annoconv/format-yolo exports', () => {
  it('pins the public exports', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual([
      'plugins',
      'ultralyticsClassificationPlugin',
      'ultralyticsDetectionPlugin',
      'ultralyticsObbPlugin',
      'ultralyticsPosePlugin',
      'ultralyticsSegmentationPlugin',
      'ultralyticsTrackPlugin',
      'yoloPlugin',
    ]);
  });

  it('lists YOLO 1.1 first under the id yolo, and every flavour with its CVAT display name', async () => {
    const { plugins } = await import('./index.js');
    expect(plugins.map((plugin) => [plugin.id, plugin.names[0], plugin.importer?.name ?? null, plugin.exporter?.name ?? null])).toEqual([
      ['yolo', 'YOLO 1.1', 'YOLO 1.1', 'YOLO 1.1'],
      ['ultralytics-detection', 'Ultralytics YOLO Detection 1.0', 'Ultralytics YOLO Detection 1.0', 'Ultralytics YOLO Detection 1.0'],
      ['ultralytics-track', 'Ultralytics YOLO Detection Track 1.0', null, 'Ultralytics YOLO Detection Track 1.0'],
      ['ultralytics-segmentation', 'Ultralytics YOLO Segmentation 1.0', 'Ultralytics YOLO Segmentation 1.0', 'Ultralytics YOLO Segmentation 1.0'],
      ['ultralytics-obb', 'Ultralytics YOLO Oriented Bounding Boxes 1.0', 'Ultralytics YOLO Oriented Bounding Boxes 1.0', 'Ultralytics YOLO Oriented Bounding Boxes 1.0'],
      ['ultralytics-pose', 'Ultralytics YOLO Pose 1.0', 'Ultralytics YOLO Pose 1.0', 'Ultralytics YOLO Pose 1.0'],
      ['ultralytics-classification', 'Ultralytics YOLO Classification 1.0', 'Ultralytics YOLO Classification 1.0', 'Ultralytics YOLO Classification 1.0'],
    ]);
    for (const plugin of plugins) expect(plugin.importer ? typeof plugin.detect : 'function').toBe('function');
  });
});
