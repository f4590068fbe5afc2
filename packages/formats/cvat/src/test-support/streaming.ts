// Test support for streaming: byte chunks of chosen sizes, a file tree that streams that way, and fast-check
// arbitraries for XML documents with everything a cut could break (comments, CDATA, processing instructions,
// entities, multi-byte characters, CRLF, a byte order mark).
import fc from 'fast-check';
import type { FileEntry, FileTree } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';

/** `bytes` in chunks whose sizes cycle through `sizes` (each at least 1). */
export async function* chunked(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let turn = 0;
  for (let offset = 0; offset < bytes.length; turn++) {
    const size = Math.max(1, sizes[turn % sizes.length]!);
    // Copies, as a real stream hands out buffers of its own.
    yield bytes.slice(offset, offset + size);
    offset += size;
  }
}

/** A memory tree whose `stream` cuts every file into chunks of the given sizes (`readText` stays whole). */
export class ChunkedTree implements FileTree {
  private readonly inner: MemoryTree;
  readonly name = 'chunked';
  constructor(
    files: Record<string, string | Uint8Array>,
    private readonly sizes: readonly number[],
  ) {
    this.inner = new MemoryTree(files, 'chunked');
  }
  entries(): readonly FileEntry[] {
    return this.inner.entries();
  }
  has(path: string): boolean {
    return this.inner.has(path);
  }
  read(path: string): Promise<Uint8Array> {
    return this.inner.read(path);
  }
  readText(path: string): Promise<string> {
    return this.inner.readText(path);
  }
  async *stream(path: string): AsyncGenerator<Uint8Array> {
    yield* chunked(await this.inner.read(path), this.sizes);
  }
}

/** Chunk sizes: mostly tiny (every cut position gets tried), sometimes larger. */
export const chunkSizes = fc.array(fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 300 })), { minLength: 1, maxLength: 6 });

const join = (parts: string[]): string => parts.join('');

/** Text content: entities, multi-byte characters (2, 3 and 4 bytes), line ends, and '>' which text may hold. */
export const xmlText = fc
  .array(fc.constantFrom('a', 'Z9', ' ', '\n', '\r\n', '\t', 'é', '€', '𝄞', '日本', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#233;', '&#x1D11E;', '>', ']]', "'", '"'), {
    maxLength: 8,
  })
  .map(join);

const attributeValue = fc.array(fc.constantFrom('1', '2.5', 'x y', 'é', '€', '𝄞', '&amp;', '&#60;', '&#x3E;', '>', '\n', '\t', '/'), { maxLength: 6 }).map(join);
const elementName = fc.constantFrom('a', 'box', 'image', 'größe', 'x-y.z', 'ns:tag', 'attribute', '日本');
const attributeName = fc.constantFrom('id', 'name', 'label', 'xtl', 'é', 'data-x', 'ns:v');
const space = fc.constantFrom('', ' ', '\n', ' \r\n\t');

/** Comments and processing instructions hold '<' and '>'; CDATA holds markup that is not markup. */
const misc = fc.constantFrom('<!-- a < b > c -->', '<!---->', '<!-- 𝄞 é\n -->', '<?pi a<b?>', '<?x ?>', '<!-- <tag attr="v"/> -->');
const cdata = fc
  .array(fc.constantFrom('x', '<b>', '&amp;', 'é', '𝄞', ']', ']]', '\n'), { maxLength: 6 })
  .map((parts) => `<![CDATA[${join(parts).replaceAll(']]', '] ]')}]]>`);

const attributes = fc
  .uniqueArray(fc.tuple(attributeName, attributeValue, fc.constantFrom('"', "'"), space), { selector: (entry) => entry[0], maxLength: 3 })
  .map((entries) => entries.map(([name, value, quote, gap]) => ` ${name}${gap}=${gap}${quote}${value}${quote}`).join(''));

const { element } = fc.letrec<{ element: string; node: string }>((tie) => ({
  node: fc.oneof({ maxDepth: 3, depthIdentifier: 'xml' }, xmlText, misc, cdata, tie('element')),
  element: fc
    .tuple(elementName, attributes, space, fc.boolean(), fc.array(tie('node'), { maxLength: 4 }))
    .map(([name, attributeText, gap, selfClosing, children]) =>
      selfClosing && children.length === 0 ? `<${name}${attributeText}${gap}/>` : `<${name}${attributeText}${gap}>${join(children)}</${name}${gap}>`,
    ),
}));

/** A well-formed document: optional byte order mark, declaration, comments around one root. */
export const xmlDocument = fc
  .tuple(fc.boolean(), fc.boolean(), fc.array(fc.oneof(misc, space), { maxLength: 2 }), element, fc.array(fc.oneof(misc, space), { maxLength: 2 }))
  .map(([bom, declaration, before, root, after]) => `${bom ? '\uFEFF' : ''}${declaration ? '<?xml version="1.0" encoding="utf-8"?>\n' : ''}${join(before)}${root}${join(after)}`);

/** A document broken somewhere: cut short, a DTD, a stray '<', a wrong end tag, an unknown entity, text after the root. */
export const mutatedDocument = fc.tuple(xmlDocument, fc.nat(), fc.integer({ min: 0, max: 6 })).map(([document, at, kind]) => {
  const cut = at % (document.length + 1);
  switch (kind) {
    case 0:
      return document.slice(0, cut);
    case 1:
      return `${document.slice(0, cut)}<!DOCTYPE x>${document.slice(cut)}`;
    case 2:
      return `${document.slice(0, cut)}<${document.slice(cut)}`;
    case 3:
      return document.replace(/<\/([^>\s]+)/, '</wrong');
    case 4:
      return `${document.slice(0, cut)}&bomb;${document.slice(cut)}`;
    case 5:
      return `${document}text`;
    default:
      return `${document.slice(0, cut)}"${document.slice(cut)}`;
  }
});
