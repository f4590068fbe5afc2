// Feeds an XML document read as byte chunks to the tokenizer in pieces, so no document needs to fit one
// JavaScript string (they stop near 2^29 characters). Each piece is decoded from bytes in one go, so the
// tokenizer always walks a flat string: a concatenated one (carried text + new text) is several times slower
// to scan character by character in V8.
import { createXmlTokenizer, type XmlHandler } from './xml-tokenizer.js';

const encoder = new TextEncoder();
// Every piece is decoded on its own, so the byte order mark is dropped here once, not at each piece's start.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Where `bytes` can be cut so that the decoder would be between characters there when decoding the whole
 * document: before a trailing lead byte whose sequence is not complete yet. Cutting later bytes off is always
 * safe, since they are decoded again together with what follows; so any lead byte 11xxxxxx counts.
 */
export function utf8Boundary(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let index = length - 1; index >= 0 && index >= length - 4; index--) {
    const byte = bytes[index]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length - index < needed ? index : length;
  }
  return length;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

const BOM = [0xef, 0xbb, 0xbf];

/** `bytes` without a leading byte order mark, which `TextDecoder` drops by default (and `FileTree.readText`). */
function withoutBom(bytes: Uint8Array): Uint8Array {
  return bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? bytes.subarray(3) : bytes;
}

/**
 * Tokenizes the document in `chunks` and calls the handler, exactly as `tokenizeXml` would on the whole text
 * (as `TextDecoder` decodes it); `onBytes` gets the number of bytes read so far after each piece. The last
 * chunk goes with the end of the document, so a document of one chunk takes the plain one-string path.
 */
export async function tokenizeXmlStream(chunks: AsyncIterable<Uint8Array>, file: string, handler: XmlHandler, onBytes?: (bytes: number) => void): Promise<void> {
  const tokenizer = createXmlTokenizer(file, handler);
  /** Bytes not tokenized yet: the start of a token that runs on (re-encoded: decoding gives it back exactly,
   * as decoded text holds no lone surrogate), a character cut by the chunk's end, and new chunks. */
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  /** Bytes of `pending` that were already handed to the tokenizer once. */
  let carried = 0;
  let bytes = 0;
  let first = true;

  const feed = (chunk: Uint8Array): void => {
    bytes += chunk.byteLength;
    if (chunk.byteLength === 0) return;
    pending.push(chunk);
    pendingLength += chunk.byteLength;
    // A token longer than a piece (a huge comment or attribute) is scanned again with each new piece; waiting
    // until the new bytes are at least as many as the carried ones keeps that to a logarithmic number of rescans.
    if (pendingLength - carried < carried) return;
    let joined = concat(pending, pendingLength);
    if (first) {
      // Too short to tell a byte order mark from the start of a character.
      if (joined.length < BOM.length) return;
      first = false;
      joined = withoutBom(joined);
    }
    const end = utf8Boundary(joined);
    const source = decoder.decode(joined.subarray(0, end));
    const consumed = tokenizer.write(source, false);
    const carry = encoder.encode(source.slice(consumed));
    // The cut character's bytes are copied, so the chunk they were cut from is not kept alive by them.
    const rest = joined.slice(end);
    pending = [];
    if (carry.length > 0) pending.push(carry);
    if (rest.length > 0) pending.push(rest);
    pendingLength = carry.length + rest.length;
    carried = pendingLength;
    onBytes?.(bytes);
  };

  let held: Uint8Array | undefined;
  for await (const chunk of chunks) {
    if (held) feed(held);
    held = chunk;
  }
  if (held) {
    bytes += held.byteLength;
    pending.push(held);
    pendingLength += held.byteLength;
  }
  const rest = concat(pending, pendingLength);
  tokenizer.write(decoder.decode(first ? withoutBom(rest) : rest), true);
  onBytes?.(bytes);
}
