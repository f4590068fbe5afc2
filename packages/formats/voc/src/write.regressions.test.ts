// Regressions of the VOC writer found by the interoperability suite: a dataset without frames must read back as an
// empty dataset, and a second tag of one label on a frame must be reported.
import { describe, expect, it } from 'vitest';
import { createContext } from '@annoconv/core';
import type { Dataset, Tag } from '@annoconv/core';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { writeVoc } from './write.js';
import { readVoc } from './read.js';

function dataset(frames: Dataset['frames'], tags: Tag[] = []): Dataset {
  return {
    labels: [
      { id: 1, name: 'car', color: '', type: 'any', attributes: [], sublabels: [] },
      { id: 2, name: 'person', color: '', type: 'any', attributes: [], sublabels: [] },
    ],
    frames,
    meta: { name: 'n', mode: 'annotation', startFrame: 0, frameStep: 1, deletedFrames: [], segmentSize: 0 },
    annotations: { version: 0, tags, shapes: [], tracks: [] },
  };
}

const tag = (frame: number, labelId: number): Tag => ({ id: null, label_id: labelId, frame, group: 0, source: 'manual', attributes: [] });

async function roundTrip(data: Dataset) {
  const sink = new MemorySink();
  const context = createContext();
  await writeVoc(data, sink, {}, context);
  const files = Object.fromEntries(sink.files);
  const back = await readVoc(new MemoryTree(files), {}, createContext());
  return { files, diagnostics: context.diagnostics.items, back };
}

describe('PASCAL VOC writer regressions', () => {
  it('a dataset without frames writes empty lists and reads back as an empty dataset with its labels', async () => {
    const { files, back } = await roundTrip(dataset([]));
    expect(Object.keys(files).sort()).toEqual(['ImageSets/Action/default.txt', 'ImageSets/Layout/default.txt', 'ImageSets/Main/default.txt', 'ImageSets/Segmentation/default.txt', 'labelmap.txt']);
    expect(back.frames).toEqual([]);
    expect(back.labels.map((label) => label.name)).toEqual(expect.arrayContaining(['car', 'person']));
  });

  it('a second tag of one label on a frame is a duplicate diagnostic naming the frame, written once', async () => {
    const { diagnostics, back } = await roundTrip(dataset([{ index: 0, name: 'f0.jpg', width: 10, height: 10, subset: '' }], [tag(0, 1), tag(0, 1), tag(0, 2)]));
    const duplicates = diagnostics.filter((item) => item.code === 'duplicate');
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]!.where).toMatchObject({ frame: 0, frameName: 'f0.jpg', objectKind: 'tag' });
    expect(back.annotations.tags.map((item) => back.labels.find((label) => label.id === item.label_id)!.name).sort()).toEqual(['car', 'person']);
  });
});
