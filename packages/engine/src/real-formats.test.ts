// The engine with the real format list: ids and names are unambiguous, and real formats detect, read and write
// through detect() / convert() (CVAT XML, the first format to land).
import { describe, expect, it } from 'vitest';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { convert } from './convert.js';
import { detectFormat } from './detect.js';
import { findFormat } from './find-format.js';
import { formats } from './formats.js';
import { readDataset } from './read-dataset.js';

const cvatXml = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta><task><labels><label><name>car</name><attributes></attributes></label></labels></task></meta>
  <image id="0" name="a.jpg" width="64" height="48">
    <box label="car" source="manual" occluded="0" xtl="1.00" ytl="2.00" xbr="30.00" ybr="40.00" z_order="0"></box>
    <polygon label="car" source="manual" occluded="0" points="1.00,1.00;20.00,1.00;20.00,20.00" z_order="0"></polygon>
  </image>
</annotations>
`;

describe('the real format list', () => {
  it('has unique ids, and every id and name resolves to its own plugin or an earlier one sharing it', () => {
    const ids = formats.map((plugin) => plugin.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const plugin of formats) {
      expect(findFormat(plugin.id)).toBe(plugin);
      for (const name of plugin.names) expect(formats.indexOf(findFormat(name))).toBeLessThanOrEqual(formats.indexOf(plugin));
    }
  });

  it('lists an importer only for plugins that read, and an exporter only for plugins that write', () => {
    for (const plugin of formats) {
      if (plugin.importer) expect(typeof plugin.read, plugin.id).toBe('function');
      if (plugin.exporter) expect(typeof plugin.write, plugin.id).toBe('function');
    }
  });
});

describe.skipIf(!formats.some((plugin) => plugin.id === 'cvat'))('real formats through the engine (CVAT XML)', () => {
  it('detects CVAT XML and round-trips it without diagnostics', async () => {
    const input = new MemoryTree({ 'annotations.xml': cvatXml });
    expect((await detectFormat(input)).id).toBe('cvat');
    const sink = new MemorySink();
    const result = await convert({ input, to: 'CVAT for images 1.1', output: sink });
    expect(result.diagnostics).toEqual([]);
    const back = await readDataset(sink.toTree(), { from: 'cvat' });
    expect(back.dataset.annotations.shapes.map((shape) => [shape.type, shape.points])).toEqual([
      ['rectangle', [1, 2, 30, 40]],
      ['polygon', [1, 1, 20, 1, 20, 20]],
    ]);
  });

  it('reports what the video flavour cannot hold, and strict refuses it', async () => {
    const input = new MemoryTree({ 'annotations.xml': cvatXml });
    const result = await convert({ input, from: 'cvat', to: 'cvat-video', output: new MemorySink() });
    expect(result.diagnostics.length).toBeGreaterThan(0);
    await expect(convert({ input, from: 'cvat', to: 'cvat-video', output: new MemorySink(), strict: true })).rejects.toThrow(/strict mode/);
  });
});
