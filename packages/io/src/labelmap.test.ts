import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ParseError } from '@annoconv/core';
import { rgbKey } from './voc-palette.js';
import { findVocLayout, labelmapColorLookup, labelmapOrDefault, formatLabelmap, formatVocClassList, formatVocImageSet, parseLabelmap, parseVocClassList, parseVocImageSet, vocDefaultLabelmap, type LabelmapEntry } from './labelmap.js';

describe('parseLabelmap', () => {
  it('reads names, colours, parts and actions, skipping comments and blank lines', () => {
    const text = '# label:color_rgb:parts:actions\n\nbackground:0,0,0::\nperson:192,128,128:head,hand:jumping\ncar:::\n';
    expect(parseLabelmap(text)).toEqual([
      { name: 'background', color: [0, 0, 0], parts: [], actions: [] },
      { name: 'person', color: [192, 128, 128], parts: ['head', 'hand'], actions: ['jumping'] },
      { name: 'car', parts: [], actions: [] },
    ]);
  });

  it.each([
    ['a:1,2,3:', 'must have 4'],
    ['a:1,2:x:y', 'expected three integers'],
    ['a:1,2,300::', 'expected three integers'],
    ['a:1,,3::', 'expected three integers'],
    [':1,2,3::', 'empty label name'],
    ['a:::\nb:::\na:::', "declared twice"],
  ])('rejects %j with a ParseError naming the line', (text, message) => {
    let error: unknown;
    try {
      parseLabelmap(text, 'lm.txt');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toContain(message);
    expect((error as ParseError).where?.file).toBe('lm.txt');
    expect((error as ParseError).where?.line).toBe(text.split('\n').length);
  });

  const name = fc.stringMatching(/^[A-Za-z0-9 _.-]{1,12}$/).filter((value) => value.trim() === value && !value.startsWith('#'));
  const entry = fc.record({
    name,
    color: fc.option(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })), { nil: undefined }),
    parts: fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 3 }),
    actions: fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 3 }),
  });
  test.prop([fc.uniqueArray(entry, { selector: (item) => item.name, maxLength: 8 })])('round-trips through formatLabelmap', (entries) => {
    const clean: LabelmapEntry[] = entries.map(({ color, ...rest }) => (color ? { ...rest, color } : rest));
    expect(parseLabelmap(formatLabelmap(clean))).toEqual(clean);
  });
});

describe('formatLabelmap', () => {
  it('writes the header and one line per label', () => {
    expect(formatLabelmap([{ name: 'background', color: [0, 0, 0], parts: [], actions: [] }, { name: 'cat', parts: ['tail'], actions: ['a', 'b'] }])).toBe(
      '# label:color_rgb:parts:actions\nbackground:0,0,0::\ncat::tail:a,b\n',
    );
  });
});

describe('vocDefaultLabelmap', () => {
  it('has the 21 classes with palette colours, person parts and actions, and ignored', () => {
    const map = vocDefaultLabelmap();
    expect(map).toHaveLength(22);
    expect(map[0]).toEqual({ name: 'background', color: [0, 0, 0], parts: [], actions: [] });
    expect(map[8]).toMatchObject({ name: 'cat', color: [64, 0, 0] });
    expect(map[15]).toMatchObject({ name: 'person', parts: ['head', 'hand', 'foot'] });
    expect(map[15]!.actions).toHaveLength(11);
    expect(map[21]).toEqual({ name: 'ignored', color: [224, 224, 192], parts: [], actions: [] });
  });
});

describe('image-set lists', () => {
  it('reads whole lines as ids, and quoted or first-token ids in Layout lists', () => {
    expect(parseVocImageSet('\n# a comment\n2007_000001\n  a b \n', 'l.txt')).toEqual([
      { id: '2007_000001', line: 3 },
      { id: 'a b', line: 4 },
    ]);
    expect(parseVocImageSet('"a b" 3\nc 1\n', 'l.txt', { layout: true })).toEqual([
      { id: 'a b', line: 1 },
      { id: 'c', line: 2 },
    ]);
    expect(() => parseVocImageSet('"abc', 'l.txt', { layout: true })).toThrow(ParseError);
  });

  it('round-trips ids through formatVocImageSet', () => {
    const ids = ['a', 'b/c', 'with space', '@'];
    expect(parseVocImageSet(formatVocImageSet(ids), 'l.txt').map((item) => item.id)).toEqual(ids);
    expect(formatVocImageSet(ids, { layout: true })).toBe('a\nb/c\n"with space"\n@\n');
    expect(parseVocImageSet(formatVocImageSet(ids, { layout: true }), 'l.txt', { layout: true }).map((item) => item.id)).toEqual(ids);
  });

  it('reads and writes per-class lists', () => {
    const text = formatVocClassList([{ id: 'a', present: true }, { id: 'b', present: false }]);
    expect(text).toBe('a  1\nb -1\n');
    expect(parseVocClassList(text + 'c 0\nd e  1\n', 'x_train.txt').map(({ id, present }) => [id, present])).toEqual([['a', true], ['b', false], ['c', false], ['d e', true]]);
    expect(() => parseVocClassList('a 2\n', 'x_train.txt')).toThrow(/x_train.txt:1/);
  });

  it('finds the VOC root and its lists, nested or not', () => {
    expect(findVocLayout(['a/ImageSets/Main/train.txt', 'a/ImageSets/Main/cat_train.txt', 'a/Annotations/x.xml', 'a/ImageSets/Segmentation/val.txt'])).toEqual({
      root: 'a/',
      lists: [
        { path: 'a/ImageSets/Main/cat_train.txt', task: 'Main', name: 'cat_train' },
        { path: 'a/ImageSets/Main/train.txt', task: 'Main', name: 'train' },
        { path: 'a/ImageSets/Segmentation/val.txt', task: 'Segmentation', name: 'val' },
      ],
    });
    expect(findVocLayout(['Annotations/x.xml'])).toEqual({ root: '', lists: [] });
    expect(findVocLayout(['images/x.jpg', 'xImageSets/Main/a.txt'])).toBeUndefined();
  });
});

describe('labelmapOrDefault and labelmapColorLookup', () => {
  it('uses the default map without a file and palette colours for a colourless file', () => {
    expect(labelmapOrDefault(undefined, 'labelmap.txt')).toEqual(vocDefaultLabelmap());
    expect(labelmapOrDefault('a:::\nb:::\n', 'labelmap.txt').map((entry) => entry.color)).toEqual([[0, 0, 0], [128, 0, 0]]);
    expect(labelmapOrDefault('a:1,2,3::\nb:::\n', 'labelmap.txt')[1]!.color).toBeUndefined();
  });

  it('maps colours to the first label that declares them', () => {
    const lookup = labelmapColorLookup(parseLabelmap('a:1,2,3::\nb:::\nc:1,2,3::\nd:0,0,9::\n'));
    expect([...lookup]).toEqual([[rgbKey(1, 2, 3), 0], [9, 3]]);
  });
});
