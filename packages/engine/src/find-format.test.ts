import { describe, expect, it } from 'vitest';
import { UnknownFormatError } from '@annoconv/core';
import { findFormat, suggestFormats } from './find-format.js';
import { fakePlugins } from './test-doubles/fake-format.js';

describe('findFormat', () => {
  it('finds by id and by display name, ignoring case and surrounding space', () => {
    expect(findFormat('fake', fakePlugins).id).toBe('fake');
    expect(findFormat('FAKE', fakePlugins).id).toBe('fake');
    expect(findFormat(' fake 1.0 ', fakePlugins).id).toBe('fake');
    expect(findFormat('weak fake 1.0', fakePlugins).id).toBe('weak-fake');
  });

  it('finds by importer or exporter listing name', () => {
    expect(findFormat('CVAT 1.1', fakePlugins).id).toBe('cvat-named-fake');
    expect(findFormat('cvat for video 1.1', fakePlugins).id).toBe('cvat-named-fake');
  });

  it('throws UnknownFormatError listing the known ids', () => {
    expect(() => findFormat('nope', fakePlugins)).toThrow(UnknownFormatError);
    expect(() => findFormat('nope', fakePlugins)).toThrow(/unknown format 'nope'; known formats: fake, weak-fake, broken-fake, cvat-named-fake/);
  });

  it('suggests the formats a partial or mistyped name probably meant', () => {
    expect(() => findFormat('weak', fakePlugins)).toThrow(/unknown format 'weak'; did you mean weak-fake\?; known formats: /);
    expect(suggestFormats('fkae', fakePlugins)).toEqual(['fake']);
    expect(suggestFormats('cvat 1', fakePlugins)).toEqual(['cvat-named-fake (CVAT 1.1)']);
    expect(suggestFormats('zz', fakePlugins)).toEqual([]);
  });
});
