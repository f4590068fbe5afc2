import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { classMaskFromInstances, formatRgb, hexToRgb, rgbToHex, indexMaskToRgb, rgbKey, rgbToIndexMask, splitVocSegments, vocPalette, vocPaletteColor, vocPaletteLookup } from './voc-palette.js';

describe('vocPalette', () => {
  it('has the VOC colours at known indices', () => {
    expect(vocPaletteColor(0)).toEqual([0, 0, 0]);
    expect(vocPaletteColor(1)).toEqual([128, 0, 0]);
    expect(vocPaletteColor(2)).toEqual([0, 128, 0]);
    expect(vocPaletteColor(3)).toEqual([128, 128, 0]);
    expect(vocPaletteColor(4)).toEqual([0, 0, 128]);
    expect(vocPaletteColor(8)).toEqual([64, 0, 0]); // cat
    expect(vocPaletteColor(15)).toEqual([192, 128, 128]); // person
    expect(vocPaletteColor(20)).toEqual([0, 64, 128]); // tvmonitor
    expect(vocPaletteColor(255)).toEqual([224, 224, 192]); // the 'ignored' border
    expect(vocPaletteColor(257)).toEqual([128, 0, 0]);
  });

  it('has 256 distinct colours, so the lookup inverts it', () => {
    expect(vocPalette()).toHaveLength(768);
    const lookup = vocPaletteLookup();
    expect(lookup.size).toBe(256);
    for (let index = 0; index < 256; index++) expect(lookup.get(rgbKey(...vocPaletteColor(index)))).toBe(index);
  });

  it('formats colours for messages', () => {
    expect(formatRgb([1, 2, 3])).toBe('(1, 2, 3)');
    expect(formatRgb(rgbKey(224, 224, 192))).toBe('(224, 224, 192)');
  });
});

describe('index mask ⇄ RGB', () => {
  test.prop([fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.infiniteStream(fc.integer({ min: 0, max: 255 }))])(
    'round-trips every palette index through RGB pixels',
    (width, height, values) => {
      const indices = new Uint16Array(width * height);
      const iterator = values[Symbol.iterator]();
      for (let pixel = 0; pixel < indices.length; pixel++) indices[pixel] = iterator.next().value as number;
      const rgb = indexMaskToRgb(indices, vocPalette());
      const back = rgbToIndexMask({ width, height, channels: 3, data: rgb }, vocPaletteLookup());
      expect('indices' in back && back.indices).toEqual(indices);
    },
  );

  it('reports the first undeclared colour with its pixel', () => {
    const data = new Uint8Array([0, 0, 0, 255, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]);
    const result = rgbToIndexMask({ width: 2, height: 2, channels: 4, data }, new Map([[0, 0]]));
    expect(result).toEqual({ undeclared: { color: [255, 0, 0], x: 1, y: 0 } });
    const known = rgbToIndexMask({ width: 2, height: 2, channels: 4, data }, new Map([[rgbKey(255, 0, 0), 3]]));
    expect('undeclared' in known && known.undeclared).toEqual({ color: [0, 0, 0], x: 0, y: 0 });
  });

  it('takes grey pixels as raw indices and 16-bit samples by their high byte', () => {
    expect(rgbToIndexMask({ width: 3, height: 1, channels: 1, data: new Uint8Array([0, 7, 255]) }, new Map())).toEqual({ indices: new Uint16Array([0, 7, 255]) });
    const deep = new Uint16Array([128 << 8, 0, 0]);
    expect(rgbToIndexMask({ width: 1, height: 1, channels: 3, data: deep }, vocPaletteLookup())).toEqual({ indices: new Uint16Array([1]) });
  });

  it('paints values beyond the colour table black', () => {
    expect([...indexMaskToRgb(new Uint8Array([1, 9]), new Uint8Array([0, 0, 0, 10, 20, 30]))]).toEqual([10, 20, 30, 0, 0, 0]);
  });
});

describe('splitVocSegments', () => {
  it('makes one object per instance, classed by the highest class under it, ignoring class pixels of instance 0', () => {
    const classes = new Uint16Array([0, 3, 3, 5, 2, 2]);
    const instances = new Uint16Array([0, 1, 1, 1, 0, 4]);
    expect(splitVocSegments(classes, instances, 6)).toEqual([
      { instance: 1, classIndex: 5, bitmap: new Uint8Array([0, 1, 1, 1, 0, 0]) },
      { instance: 4, classIndex: 2, bitmap: new Uint8Array([0, 0, 0, 0, 0, 1]) },
    ]);
  });

  it('makes one object per class value, background included, without an instance mask', () => {
    expect(splitVocSegments(new Uint16Array([0, 2, 2, 0]), undefined, 4)).toEqual([
      { instance: 0, classIndex: 0, bitmap: new Uint8Array([1, 0, 0, 1]) },
      { instance: 0, classIndex: 2, bitmap: new Uint8Array([0, 1, 1, 0]) },
    ]);
  });

  it('leaves the class unknown without a class mask', () => {
    expect(splitVocSegments(undefined, new Uint16Array([2, 0]), 2)).toEqual([{ instance: 2, classIndex: -1, bitmap: new Uint8Array([1, 0]) }]);
    expect(splitVocSegments(undefined, undefined, 2)).toEqual([]);
  });

  it('maps a painted instance mask back to classes', () => {
    expect([...classMaskFromInstances(new Uint16Array([0, 1, 2, 2]), new Uint16Array([0, 7, 9]), 4)]).toEqual([4, 7, 9, 9]);
  });
});

describe('hex colours', () => {
  it('converts both ways', () => {
    expect(rgbToHex([250, 50, 83])).toBe('#fa3253');
    expect(rgbToHex([0, 0, 0])).toBe('#000000');
    expect(hexToRgb('#FA3253')).toEqual([250, 50, 83]);
    expect(hexToRgb('fa3253')).toEqual([250, 50, 83]);
    expect(hexToRgb('red')).toBeUndefined();
  });
});
