import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ParseError } from '@annoconv/core';
import { formatLabelmap, parseLabelmap, vocDefaultLabelmap, type LabelmapEntry } from './labelmap.js';

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
