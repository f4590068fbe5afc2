// Regressions of the MOTS writer found by the interoperability suite: a dataset without frames wrote no file at
// all, so its own reader refused the output ("no instances/*.png or instances/labels.txt found").
import { describe, expect, it } from 'vitest';
import { createContext } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { datasetWith } from '@annoconv/testing';
import { readMots } from './read-mots.js';
import { writeMots } from './write-mots.js';

describe('MOTS writer regressions', () => {
  it('a dataset without frames writes default/instances/labels.txt and reads back as an empty dataset with its labels', async () => {
    const sink = new MemorySink();
    await writeMots(datasetWith(['car', 'person'], []), sink, {}, createContext());
    expect([...sink.files.keys()]).toEqual(['default/instances/labels.txt']);
    const back = await readMots(sink.toTree(), {}, createContext());
    expect(back.frames).toEqual([]);
    expect(back.labels.map((label) => label.name)).toEqual(['car', 'person']);
  });

  it('a dataset whose frames are all deleted reads back too', async () => {
    const dataset = datasetWith(['car'], [{ name: 'a.png', width: 4, height: 4 }]);
    dataset.meta.deletedFrames = [0];
    const sink = new MemorySink();
    await writeMots(dataset, sink, {}, createContext());
    expect((await readMots(sink.toTree(), {}, createContext())).labels.map((label) => label.name)).toEqual(['car']);
  });
});

describe('MOTS labels.txt', () => {
  it('goes only where PNGs are, and to default/ when there is none, so that writing what was read back gives the same files', async () => {
    const dataset = datasetWith(['car'], [{ name: 'a.png', width: 4, height: 4, subset: 'train' }]);
    const first = new MemorySink();
    await writeMots(dataset, first, {}, createContext());
    expect([...first.files.keys()]).toEqual(['default/instances/labels.txt']);
    const second = new MemorySink();
    await writeMots(await readMots(first.toTree(), {}, createContext()), second, {}, createContext());
    expect([...second.files.keys()]).toEqual([...first.files.keys()]);
  });
});

describe('MOTS frames without tracked shapes', () => {
  it('are reported: they get no PNG and do not read back', async () => {
    const context = createContext();
    await writeMots(datasetWith(['car'], [{ name: 'a.png', width: 4, height: 4 }, { name: 'b.png', width: 4, height: 4 }]), new MemorySink(), {}, context);
    expect(context.diagnostics.items.map((item) => [item.code, item.where?.frameName])).toEqual([['field-dropped', 'a.png']]);
    expect(context.diagnostics.items[0]!.message).toMatch(/2 frame\(s\).*'a.png', 'b.png'/);
  });
});
