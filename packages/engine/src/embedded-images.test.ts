// Images embedded in annotation files (TFRecord's image/encoded) survive a conversion that saves images.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetBuilder, createContext } from '@annoconv/core';
import { writeTfRecord } from '@annoconv/format-tfrecord';
import { MemorySink } from '@annoconv/io';
import { convert } from './convert.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'annoconv-embedded-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('embedded images', () => {
  it('are copied out of TFRecord records when images are saved, and only then', async () => {
    const builder = new DatasetBuilder();
    builder.label('car');
    const frame = builder.frame('street.jpg', { width: 4, height: 3 });
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    frame.image = { path: 'street.jpg', read: async () => bytes };
    const sink = new MemorySink();
    await writeTfRecord(builder.build(), sink, { saveImages: true }, createContext());

    const withImages = path.join(root, 'with');
    await convert({ input: sink.toTree('records'), from: 'tfrecord', to: 'datumaro', output: withImages, saveImages: true });
    expect(new Uint8Array(fs.readFileSync(path.join(withImages, 'images/default/street.jpg')))).toEqual(bytes);

    const without = path.join(root, 'without');
    await convert({ input: sink.toTree('records'), from: 'tfrecord', to: 'datumaro', output: without });
    expect(fs.existsSync(path.join(without, 'images'))).toBe(false);
  });
});
