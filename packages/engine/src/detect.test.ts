import { describe, expect, it } from 'vitest';
import { FormatNotDetectedError, UnsafePathError, type FormatPlugin } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { detect, detectFormat } from './detect.js';
import { fakePlugin, fakePlugins } from './test-doubles/fake-format.js';

describe('detect', () => {
  it('ranks candidates by confidence and keeps reasons of the rejected', async () => {
    const tree = new MemoryTree({ 'fake.json': '{}' });
    const result = await detect(tree, { plugins: fakePlugins });
    expect(result.candidates.map((candidate) => [candidate.format, candidate.confidence])).toEqual([['fake', 1], ['weak-fake', 0.4]]);
    expect(result.rejected.map((report) => [report.format, report.reasons])).toEqual([
      ['broken-fake', ['detector failed: boom']],
      ['cvat-named-fake', ['this format is never detected automatically; name it with --from']],
    ]);
  });

  it('detectFormat returns the best, or an error listing every format and why', async () => {
    expect((await detectFormat(new MemoryTree({ 'fake.json': '{}' }), { plugins: fakePlugins })).id).toBe('fake');
    const error = await detectFormat(new MemoryTree({ 'readme.txt': 'hi' }, 'my-folder'), { plugins: fakePlugins }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FormatNotDetectedError);
    const message = (error as Error).message;
    expect(message).toContain('no format recognised my-folder');
    expect(message).toContain('fake: no fake.json at the root');
    expect(message).toContain('weak-fake: no .json file');
    expect((error as FormatNotDetectedError).reports).toHaveLength(4);
  });

  it('lets input-wide failures through instead of hiding them as a reason', async () => {
    const unsafe: FormatPlugin = { ...fakePlugin, id: 'unsafe', detect: async () => { throw new UnsafePathError('../x'); } };
    await expect(detect(new MemoryTree({ 'a.txt': '' }), { plugins: [unsafe] })).rejects.toThrow(UnsafePathError);
  });

  it('clamps out-of-range confidences', async () => {
    const silly: FormatPlugin = { ...fakePlugin, id: 'silly', detect: async () => ({ confidence: 7, reasons: [] }) };
    const result = await detect(new MemoryTree({ 'a.txt': '' }), { plugins: [silly] });
    expect(result.candidates[0].confidence).toBe(1);
  });
});
