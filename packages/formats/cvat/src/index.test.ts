// Pins the public exports and the plugins' listing entries.
import { describe, expect, it } from 'vitest';
import { plugins } from './index.js';

describe('@annoconv/format-cvat exports', () => {
  it('exports exactly these names', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual(['cvatPlugin', 'cvatVideoPlugin', 'detectCvat', 'plugins', 'readCvat', 'writeCvat']);
  });

  it('lists CVAT 1.1 as CVAT does', () => {
    const [cvat, video] = plugins;
    expect(cvat!.id).toBe('cvat');
    expect(cvat!.names).toEqual(['CVAT for images 1.1', 'CVAT 1.1', 'cvat']);
    expect(cvat!.importer).toEqual({ name: 'CVAT 1.1', ext: 'XML, ZIP', version: '1.1', enabled: true, dimension: '2d' });
    expect(cvat!.exporter).toEqual({ name: 'CVAT for images 1.1', ext: 'ZIP', version: '1.1', enabled: true, dimension: '2d' });
    expect(video!.id).toBe('cvat-video');
    expect(video!.importer).toBeUndefined();
    expect(video!.exporter).toEqual({ name: 'CVAT for video 1.1', ext: 'ZIP', version: '1.1', enabled: true, dimension: '2d' });
    expect(typeof video!.read).toBe('function');
  });
});
