import { describe, expect, it } from 'vitest';
import { AnnoconvError, ParseError, StrictModeError, UnknownFormatError } from '@annoconv/core';
import { MemorySink, MemoryTree } from '@annoconv/io';
import { convert } from './convert.js';
import { readDataset } from './read-dataset.js';
import { fakePlugins } from './test-doubles/fake-format.js';

/** A MemorySink that records whether it was committed or aborted, like the io package's transactional sinks. */
class TransactionalSink extends MemorySink {
  state: 'open' | 'committed' | 'aborted' = 'open';
  async commit(): Promise<void> {
    this.state = 'committed';
  }
  async abort(): Promise<void> {
    this.state = 'aborted';
  }
}

const fakeJson = (shapes: unknown[], tracks: unknown[] = []) =>
  JSON.stringify({
    labels: ['cat', 'dog'],
    frames: [{ name: 'a.jpg', subset: 'train' }, { name: 'b.jpg' }],
    shapes,
    tracks,
  });

const rectangle = { frame: 0, label: 'cat', type: 'rectangle', points: [1, 2, 3, 4] };
const ellipse = { frame: 1, label: 'dog', type: 'ellipse', points: [5, 5, 8, 9] };

describe('convert', () => {
  it('detects, reads, writes and commits, returning diagnostics and stats', async () => {
    const sink = new TransactionalSink();
    const progress: string[] = [];
    const result = await convert({
      input: new MemoryTree({ 'fake.json': fakeJson([rectangle, ellipse]) }),
      to: 'Fake 1.0',
      output: sink,
      plugins: fakePlugins,
      onProgress: (event) => progress.push(event.stage),
    });
    expect(sink.state).toBe('committed');
    expect(result.from).toBe('fake');
    expect(result.to).toBe('fake');
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['shape-unsupported']);
    expect(result.diagnostics[0].where).toEqual({ frame: 1, objectKind: 'shape', objectId: 1 });
    expect(result.stats).toEqual({
      frames: 2,
      subsets: { default: 1, train: 1 },
      labels: ['cat', 'dog'],
      tags: 0,
      shapes: { ellipse: 1, rectangle: 1 },
      tracks: {},
      trackedShapes: 0,
    });
    const written = JSON.parse(sink.text('fake.json')!);
    expect(written.shapes).toEqual([rectangle]);
    expect(progress).toEqual(['detecting', 'reading', 'writing', 'committing']);
  });

  it('strict: a writer warning fails the conversion and aborts the sink', async () => {
    const sink = new TransactionalSink();
    const error = await convert({ input: new MemoryTree({ 'fake.json': fakeJson([ellipse]) }), from: 'fake', to: 'fake', output: sink, strict: true, plugins: fakePlugins }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StrictModeError);
    expect((error as StrictModeError).diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['shape-unsupported']);
    expect(sink.state).toBe('aborted');
  });

  it('strict: a reader warning fails before anything is written', async () => {
    const sink = new TransactionalSink();
    const input = new MemoryTree({ 'fake.json': fakeJson([{ ...rectangle, label: 'cow' }]) });
    await expect(convert({ input, from: 'fake', to: 'fake', output: sink, strict: true, plugins: fakePlugins })).rejects.toThrow(StrictModeError);
    expect(sink.files.size).toBe(0);
    expect(sink.state).toBe('aborted');
  });

  it('strict without warnings succeeds', async () => {
    const sink = new TransactionalSink();
    await convert({ input: new MemoryTree({ 'fake.json': fakeJson([rectangle]) }), to: 'fake', output: sink, strict: true, plugins: fakePlugins });
    expect(sink.state).toBe('committed');
  });

  it('a parse error aborts the sink and keeps its place', async () => {
    const sink = new TransactionalSink();
    const error = await convert({ input: new MemoryTree({ 'fake.json': '{' }), to: 'fake', output: sink, plugins: fakePlugins }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).where).toEqual({ file: 'fake.json', line: 1 });
    expect(sink.state).toBe('aborted');
  });

  it('refuses unknown formats and formats that cannot write before opening anything', async () => {
    const sink = new TransactionalSink();
    await expect(convert({ input: new MemoryTree({}), to: 'nope', output: sink, plugins: fakePlugins })).rejects.toThrow(UnknownFormatError);
    await expect(convert({ input: new MemoryTree({}), to: 'weak-fake', output: sink, plugins: fakePlugins })).rejects.toThrow(/cannot be exported/);
    expect(sink.state).toBe('open');
  });

  it('checks options against both formats and converts their values', async () => {
    const input = () => new MemoryTree({ 'fake.json': fakeJson([rectangle]) });
    const error = await convert({ input: input(), to: 'fake', output: new TransactionalSink(), options: { colour: 'red' }, plugins: fakePlugins }).catch((caught: unknown) => caught);
    expect(AnnoconvError.isInstance(error) && error.code).toBe('invalid-request');
    expect((error as Error).message).toMatch(/unknown option 'colour'.*known options: convMaskToPoly, pretty/);
    await expect(convert({ input: input(), to: 'fake', output: new TransactionalSink(), options: { pretty: 'maybe' }, plugins: fakePlugins })).rejects.toThrow(/expects a boolean/);
    const sink = new TransactionalSink();
    await convert({ input: input(), to: 'fake', output: sink, options: { pretty: 'false', conv_mask_to_poly: '1' }, plugins: fakePlugins });
    expect(sink.state).toBe('committed');
  });

  it('refuses an output path equal to the input path', async () => {
    await expect(convert({ input: 'some/dir', to: 'fake', output: 'some/dir/', plugins: fakePlugins })).rejects.toThrow(/is the input/);
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const sink = new TransactionalSink();
    await expect(convert({ input: new MemoryTree({ 'fake.json': fakeJson([rectangle]) }), to: 'fake', output: sink, signal: controller.signal, plugins: fakePlugins })).rejects.toThrow(/aborted/);
    expect(sink.state).toBe('aborted');
  });
});

describe('readDataset', () => {
  it('notes a tie between detected formats as an info diagnostic', async () => {
    const twin = { ...fakePlugins[0], id: 'fake-twin', names: ['Fake Twin 1.0'] };
    const result = await readDataset(new MemoryTree({ 'fake.json': fakeJson([rectangle]) }), { plugins: [fakePlugins[0], twin] });
    expect(result.format).toBe('fake');
    expect(result.diagnostics).toEqual([
      { code: 'format-ambiguous', severity: 'info', message: 'fake, fake-twin recognise the input equally well; read as fake (name the format to choose)' },
    ]);
  });

  it('notes a weak detection (a guess) as an info diagnostic naming its evidence', async () => {
    const guess = { ...fakePlugins[0], detect: async () => ({ confidence: 0.3, reasons: ['only images, all in <subset>/<class>/ folders'] }) };
    const result = await readDataset(new MemoryTree({ 'fake.json': fakeJson([rectangle]) }), { plugins: [guess] });
    expect(result.format).toBe('fake');
    expect(result.diagnostics).toEqual([
      { code: 'format-ambiguous', severity: 'info', message: 'read as fake on weak evidence (only images, all in <subset>/<class>/ folders); name the format if this is not it' },
    ]);
  });

  it('reads with detection and reports the format', async () => {
    const result = await readDataset(new MemoryTree({ 'fake.json': fakeJson([rectangle]) }), { plugins: fakePlugins });
    expect(result.format).toBe('fake');
    expect(result.dataset.annotations.shapes).toHaveLength(1);
    expect(result.diagnostics).toEqual([]);
  });

  it('refuses a format that cannot read', async () => {
    const writeOnly = { ...fakePlugins[0], id: 'write-only', read: undefined };
    await expect(readDataset(new MemoryTree({}), { from: 'write-only', plugins: [writeOnly] })).rejects.toThrow(/cannot be imported/);
  });
});
