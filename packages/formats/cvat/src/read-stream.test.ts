// readCvat streams each annotations file: any chunk sizes give exactly the dataset, diagnostics and errors of
// reading the file as one string (a file of one chunk takes the one-string path: MemoryTree streams files up to
// 1 MiB as one chunk, and so does a folder below its chunk size).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ParseError, createContext } from '@annoconv/core';
import type { FileTree } from '@annoconv/core';
import { FolderTree, MemoryTree } from '@annoconv/io';
import { testDataDir } from '@annoconv/testing';
import { readCvat } from './read.js';
import { ChunkedTree, chunkSizes } from './test-support/streaming.js';

const goldenRoot = testDataDir('cvat');
const goldenCases = ['images-task', 'video-task', 'video-task-as-images'];

interface Outcome {
  dataset?: unknown;
  diagnostics: unknown[];
  error?: { message: string; where: unknown };
}

async function outcome(tree: FileTree): Promise<Outcome> {
  const context = createContext();
  try {
    const dataset = await readCvat(tree, {}, context);
    return { dataset, diagnostics: context.diagnostics.items };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { diagnostics: context.diagnostics.items, error: { message: error.message, where: error.where } };
  }
}

const META = `<meta><task><name>t</name><mode>annotation</mode>
<labels><label><name>car &amp; 車</name><type>any</type><attributes><attribute><name>model</name><mutable>False</mutable><input_type>text</input_type><default_value></default_value><values></values></attribute></attributes></label>
<label><name>🚲</name><type>any</type><attributes></attributes></label></labels></task></meta>`;

const labelName = fc.constantFrom('car &amp; 車', '🚲', 'car &#38; &#x8ECA;');
const source = fc.constantFrom('manual', 'auto', 'semi-auto', 'robot');
const attributeText = fc.constantFrom('sedan', 'é&lt;€&gt;', '<![CDATA[<𝄞 & co>]]>', '日本<!-- 語 -->語', '');
const between = fc.constantFrom('\n', '\r\n  ', '<!-- <box/> é -->\n', '<?pi ?>', '');
const box = fc
  .tuple(labelName, source, fc.integer({ min: 0, max: 500 }), fc.boolean(), attributeText, between)
  .map(
    ([label, from, x, undeclared, value, gap]) =>
      `<box label="${label}" source="${from}" occluded="0" xtl="${x}.5" ytl="1" xbr="${x + 9}" ybr="20.25" z_order="0">${gap}<attribute name="${undeclared ? 'colour' : 'model'}">${value}</attribute>${gap}</box>`,
  );
const points = fc.tuple(labelName, fc.integer({ min: 0, max: 99 })).map(([label, x]) => `<points label="${label}" source="manual" occluded="0" points="${x}.00,1.00;2.00,${x}.50" z_order="1"/>`);
const image = fc
  .tuple(fc.constantFrom('a.jpg', 'dir/é.png', '𝄞 &amp; co.jpg', 'a.jpg'), fc.array(fc.oneof(box, points, between), { maxLength: 5 }))
  .map(([name, content]) => ({ name, content: content.join('') }));
/** A CVAT for images file with multi-byte names, entities, CDATA, comments, and things that are diagnosed. */
const cvatDocument = fc
  .array(image, { maxLength: 6 })
  .map((images) =>
    [
      '<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n<version>1.1</version>\n',
      META,
      '\n',
      ...images.map((entry, index) => `<image id="${index}" name="${entry.name}" width="640" height="480">${entry.content}</image>\n`),
      '</annotations>\n',
    ].join(''),
  );

describe('readCvat streaming', () => {
  for (const name of goldenCases)
    it(`reads the golden ${name}/annotations.xml the same in chunks of any size`, async () => {
      const xml = readFileSync(path.join(goldenRoot, name, 'annotations.xml'));
      const reference = await outcome(new MemoryTree({ 'annotations.xml': xml }));
      expect(reference.error).toBeUndefined();
      await fc.assert(
        fc.asyncProperty(chunkSizes, async (sizes) => {
          expect(await outcome(new ChunkedTree({ 'annotations.xml': xml }, sizes))).toEqual(reference);
        }),
        { numRuns: 15 },
      );
    });

  it('reads generated files with comments, CDATA, entities and multi-byte characters the same in any chunks', async () => {
    let diagnosed = 0;
    await fc.assert(
      fc.asyncProperty(cvatDocument, chunkSizes, async (xml, sizes) => {
        const reference = await outcome(new MemoryTree({ 'annotations.xml': xml }));
        expect(reference.error).toBeUndefined();
        if (reference.diagnostics.length > 0) diagnosed++;
        expect(await outcome(new ChunkedTree({ 'annotations.xml': xml }, sizes))).toEqual(reference);
      }),
      { numRuns: 60 },
    );
    // Diagnostics (unknown source, undeclared attribute, repeated image name) carry lines and element paths too.
    expect(diagnosed).toBeGreaterThan(0);
  });

  it('reads a folder in 7-byte chunks as in one', async () => {
    const folder = path.join(goldenRoot, 'images-task');
    const reference = await outcome(await FolderTree.open(folder));
    expect(await outcome(await FolderTree.open(folder, { chunkSize: 7 }))).toEqual(reference);
  });

  it('names the same file, line and element path for bad input read byte by byte', async () => {
    const good = `<?xml version="1.0"?>\n<annotations>\n${META}\n<image id="0" name="a.jpg">\n</image>\n<image id="1" name="b.jpg">\n<box label="🚲" xtl="1" ytl="1" xbr="2"/>\n</image>\n</annotations>\n`;
    const cases: Array<[string, RegExp, Record<string, unknown>]> = [
      [good, /has no 'ybr' attribute/, { file: 'annotations.xml', line: 9, element: 'annotations/image[2]/box[1]' }],
      [good.slice(0, good.indexOf('</image>\n</annotations>')), /<image> is not closed at the end of the file/, { file: 'annotations.xml', line: 10, element: 'image' }],
      [good.replace('</image>\n</annotations>', '</images>\n</annotations>'), /end tag <\/images> does not match <image>/, { file: 'annotations.xml', line: 10, element: 'images' }],
      [good.replace('<annotations>', '<!DOCTYPE annotations>\n<annotations>'), /document type declarations/, { file: 'annotations.xml', line: 2 }],
    ];
    for (const [xml, message, where] of cases) {
      const reference = await outcome(new MemoryTree({ 'annotations.xml': xml }));
      expect(reference.error?.message).toMatch(message);
      expect(reference.error?.where).toEqual(where);
      expect(await outcome(new ChunkedTree({ 'annotations.xml': xml }, [1]))).toEqual(reference);
      expect(await outcome(new ChunkedTree({ 'annotations.xml': xml }, [5, 64]))).toEqual(reference);
    }
  });

  it('reports parsing progress in bytes of the file, up to its size', async () => {
    // Multi-byte characters make bytes and characters differ; 9 MB make several 1 MiB chunks.
    const filler = `<!-- ${'é€𝄞'.repeat(1 << 20)} -->`;
    const xml = new TextEncoder().encode(`<annotations>${filler}<image id="0" name="a.jpg"/></annotations>`);
    const reports: Array<{ stage: string; done: number; total?: number }> = [];
    const dataset = await readCvat(new MemoryTree({ 'annotations.xml': xml }), {}, createContext({ onProgress: (progress) => reports.push(progress) }));
    expect(dataset.frames.map((frame) => frame.name)).toEqual(['a.jpg']);
    const parsing = reports.filter((report) => report.stage === 'parsing annotations');
    expect(parsing.length).toBeGreaterThan(1);
    expect(parsing.every((report) => report.total === xml.byteLength)).toBe(true);
    expect(parsing.map((report) => report.done)).toEqual([...parsing.map((report) => report.done)].sort((a, b) => a - b));
    expect(parsing.at(-1)!.done).toBe(xml.byteLength);
  });
});
