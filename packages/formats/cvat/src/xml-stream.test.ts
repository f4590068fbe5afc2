// Streaming the tokenizer: byte chunks of any size, cut anywhere (inside tags, comments, CDATA, entities and
// multi-byte characters), give exactly the events and errors of tokenizing the whole text at once.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ParseError } from '@annoconv/core';
import { tokenizeXml, type XmlHandler } from './xml-tokenizer.js';
import { tokenizeXmlStream, utf8Boundary } from './xml-stream.js';
import { chunked, chunkSizes, mutatedDocument, xmlDocument } from './test-support/streaming.js';

const encoder = new TextEncoder();

interface Outcome {
  events: string[];
  error?: { message: string; where: unknown };
}

function recorder(events: string[]): XmlHandler {
  return {
    open: (name, attributes, line, selfClosing) => events.push(`open ${name} ${JSON.stringify(attributes)} @${line}${selfClosing ? ' /' : ''}`),
    close: (name) => events.push(`close ${name}`),
    text: (reader, start, end) => events.push(`text ${JSON.stringify(reader.read(start, end))}`),
  };
}

function failure(error: unknown): Outcome['error'] {
  if (!(error instanceof ParseError)) throw error;
  return { message: error.message, where: error.where };
}

/** The reference: the document decoded as `FileTree.readText` does, tokenized as one string. */
function whole(bytes: Uint8Array): Outcome {
  const events: string[] = [];
  try {
    tokenizeXml(new TextDecoder('utf-8').decode(bytes), 'a.xml', recorder(events));
    return { events };
  } catch (error) {
    return { events, error: failure(error) };
  }
}

async function streamed(bytes: Uint8Array, sizes: readonly number[]): Promise<Outcome> {
  const events: string[] = [];
  try {
    await tokenizeXmlStream(chunked(bytes, sizes), 'a.xml', recorder(events));
    return { events };
  } catch (error) {
    return { events, error: failure(error) };
  }
}

async function expectSame(text: string | Uint8Array, sizes: readonly number[]): Promise<Outcome> {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  const reference = whole(bytes);
  expect(await streamed(bytes, sizes)).toEqual(reference);
  return reference;
}

describe('tokenizeXmlStream', () => {
  it('gives the events of the whole text for any chunk sizes (generated documents)', async () => {
    await fc.assert(
      fc.asyncProperty(xmlDocument, chunkSizes, async (document, sizes) => {
        const outcome = await expectSame(document, sizes);
        // The generator writes well-formed documents: this property is about events, not only errors.
        expect(outcome.error).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  it('gives the error of the whole text for any chunk sizes (truncated and broken documents)', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedDocument, chunkSizes, async (document, sizes) => {
        await expectSame(document, sizes);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the events of the whole text for every cut of a document into two pieces', async () => {
    const document =
      '\uFEFF<?xml version="1.0"?>\r\n<!-- <a> -->\n<annotations a=\'1\' b = "x>y" >\n  <image id="0" name="é/𝄞.jpg"/>\n' +
      '  <image id="1"><box label="a"\n xtl="1" /><tag label="b"></tag ><attribute name="n">&lt;v&gt;&#x1D11E;<![CDATA[<&>]]>w</attribute></image>\n' +
      '  <?pi <x>?><e/>\n</annotations>\n<!-- end -->\n';
    const bytes = encoder.encode(document);
    expect(whole(bytes).error).toBeUndefined();
    for (let cut = 1; cut < bytes.length; cut++) expect(await streamed(bytes, [cut, bytes.length])).toEqual(whole(bytes));
    const broken = encoder.encode(document.replace('</tag >', '</tags>'));
    for (let cut = 1; cut < broken.length; cut++) expect(await streamed(broken, [cut, broken.length])).toEqual(whole(broken));
  });

  it('cuts every multi-byte character at every byte', async () => {
    const text = '\uFEFF<a n="é€𝄞日本">é€𝄞<![CDATA[𝄞é]]>&#x1D11E;<!-- 日本 --></a>\n';
    for (let size = 1; size <= 6; size++) {
      const outcome = await expectSame(text, [size]);
      expect(outcome.events).toContain('text "é€𝄞"');
    }
    // A broken sequence decodes to U+FFFD as the whole text does, wherever the chunk ends.
    const broken = Uint8Array.from([...encoder.encode('<a>x'), 0xe2, 0x82, ...encoder.encode('y</a>'), 0xf0, 0x9d]);
    for (let size = 1; size <= 4; size++) expect((await expectSame(broken, [size])).error?.message).toMatch(/text outside the root/);
  });

  it('takes a token longer than many chunks (a 200 kB comment and attribute) and chunks longer than a piece', async () => {
    const long = 'x<y>'.repeat(50_000);
    const document = `<a><!--${long}--><b v="${long.replaceAll('<', '&lt;')}"/>${'<c>é&amp;</c>\n'.repeat(20_000)}</a>`;
    const outcome = await expectSame(document, [1000]);
    expect(outcome.events[1]!.length).toBeGreaterThan(200_000);
    // Chunks larger than the 64 KiB pieces the stream decodes at a time.
    await expectSame(document, [150_000, 70_001]);
  });

  it('names the same line and element for truncated, badly nested and DTD input, chunk by chunk', async () => {
    const document = '<?xml version="1.0"?>\n<annotations>\n  <image id="0">\n    <box label="a"/>\n  </image>\n</annotations>\n';
    const truncated = await expectSame(document.slice(0, document.indexOf('</image>')), [1]);
    expect(truncated.error).toEqual({ message: expect.stringContaining('element <image> is not closed at the end of the file'), where: { file: 'a.xml', line: 5, element: 'image' } });
    const cutInTag = await expectSame(document.slice(0, document.indexOf('label') + 3), [2]);
    expect(cutInTag.error).toEqual({ message: expect.stringContaining("attribute 'lab' of <box> has no value"), where: { file: 'a.xml', line: 4, element: 'box' } });
    const cutInComment = await expectSame(`${document.slice(0, document.indexOf('  <image'))}<!-- never closed\n\n`, [3]);
    expect(cutInComment.error).toEqual({ message: expect.stringContaining('unterminated comment'), where: { file: 'a.xml', line: 3 } });
    const nested = await expectSame(document.replace('</image>', '</images>'), [1]);
    expect(nested.error).toEqual({ message: expect.stringContaining('end tag </images> does not match <image>'), where: { file: 'a.xml', line: 5, element: 'images' } });
    const dtd = await expectSame(document.replace('<annotations>', '<!DOCTYPE annotations [<!ENTITY x "y">]>\n<annotations>'), [1]);
    expect(dtd.error).toEqual({ message: expect.stringContaining('document type declarations and entity definitions are not allowed'), where: { file: 'a.xml', line: 2 } });
    const entity = await expectSame(document.replace('<box', 'z\n&bomb;<box'), [4]);
    expect(entity.error).toEqual({ message: expect.stringContaining("unknown entity '&bomb;' (entities are not expanded)"), where: { file: 'a.xml', line: 5 } });
  });
});

describe('utf8Boundary', () => {
  it('cuts before a character whose bytes are not all there', () => {
    const euro = encoder.encode('a€'); // 61 e2 82 ac
    expect(utf8Boundary(euro)).toBe(4);
    expect(utf8Boundary(euro.subarray(0, 3))).toBe(1);
    expect(utf8Boundary(euro.subarray(0, 2))).toBe(1);
    const clef = encoder.encode('𝄞'); // f0 9d 84 9e
    expect(utf8Boundary(clef.subarray(0, 3))).toBe(0);
    expect(utf8Boundary(clef)).toBe(4);
    expect(utf8Boundary(Uint8Array.from([0x61, 0x80, 0x80]))).toBe(3);
  });
});
