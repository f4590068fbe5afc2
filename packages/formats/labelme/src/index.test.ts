import { describe, expect, it } from 'vitest';

describe('@annoconv/format-labelme', () => {
  it('pins its public exports', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual(['detectLabelMe', 'formatAttributeText', 'labelmePlugin', 'parseAttributeText', 'plugins', 'readLabelMe', 'writeLabelMe']);
  });
  it('lists LabelMe 3.0 as CVAT does', async () => {
    const { plugins } = await import('./index.js');
    expect(plugins.map((plugin) => [plugin.id, plugin.importer?.name, plugin.exporter?.name])).toEqual([['labelme', 'LabelMe 3.0', 'LabelMe 3.0']]);
  });
});
