// Feeds an XML document read as byte chunks to the tokenizer in pieces of 64 KiB, so no document needs to fit
// one JavaScript string (they stop near 2^29 characters). Each piece is decoded from bytes in one go, so the
// tokenizer always walks a flat string: a concatenated one (carried text + new text) took about twice as
// long to scan character by character in V8.
import { createXmlTokenizer, type XmlHandler } from './xml-tokenizer.js';

/**
 * Bytes decoded and tokenized at a time. Decoding a folder's 1 MiB chunks whole was several times slower than
 * decoding them in 64 KiB pieces (measured on Node 20; strings over 128 KiB go to V8's large-object space).
 */
const PIECE_BYTES = 1 << 16;

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

const BOM = [0xef, 0xbb, 0xbf];

function hasBom(bytes: Uint8Array, start: number): boolean {
  return bytes[start] === BOM[0] && bytes[start + 1] === BOM[1] && bytes[start + 2] === BOM[2];
}

/**
 * Tokenizes the document in `chunks` and calls the handler, exactly as `tokenizeXml` would on the whole text
 * (as `TextDecoder` decodes it); `onBytes` gets the number of bytes read so far after each piece. The last
 * chunk goes with the end of the document, so a document of one chunk takes the plain one-string path.
 */
export async function tokenizeXmlStream(chunks: AsyncIterable<Uint8Array>, file: string, handler: XmlHandler, onBytes?: (bytes: number) => void): Promise<void> {
  const tokenizer = createXmlTokenizer(file, handler);
  /**
   * Bytes not tokenized yet, in one buffer reused from piece to piece: the start of a token that runs on,
   * re-encoded from its text (decoding gives that text back exactly, as decoded text holds no lone surrogate),
   * then the bytes of a character cut by the last piece's end, then new bytes.
   */
  let buffer = new Uint8Array(4 * PIECE_BYTES);
  let used = 0;
  /** Bytes of the buffer that the tokenizer has seen already. */
  let carried = 0;
  /** Where the document starts in the buffer: after a byte order mark, which `TextDecoder` drops by default. */
  let start = 0;
  let first = true;
  let bytes = 0;
  const cut = new Uint8Array(4);

  const reserve = (length: number): void => {
    if (length <= buffer.length) return;
    const larger = new Uint8Array(Math.max(length, 2 * buffer.length));
    larger.set(buffer.subarray(0, used));
    buffer = larger;
  };

  const feed = (piece: Uint8Array): void => {
    reserve(used + piece.length);
    buffer.set(piece, used);
    used += piece.length;
    // A token longer than a piece (a huge comment or attribute) is scanned again with each new piece; waiting
    // until the new bytes are at least as many as the carried ones keeps that to a logarithmic number of rescans.
    if (used - carried < carried) return;
    if (first) {
      // Too short to tell a byte order mark from the start of a character.
      if (used < BOM.length) return;
      first = false;
      if (hasBom(buffer, 0)) start = BOM.length;
    }
    const end = start + utf8Boundary(buffer.subarray(start, used));
    const source = decoder.decode(buffer.subarray(start, end));
    const consumed = tokenizer.write(source, false);
    const cutLength = used - end;
    cut.set(buffer.subarray(end, used));
    const carry = source.slice(consumed);
    used = 0;
    start = 0;
    reserve(3 * carry.length + cut.length);
    if (carry.length > 0) used = encoder.encodeInto(carry, buffer).written;
    buffer.set(cut.subarray(0, cutLength), used);
    used += cutLength;
    carried = used;
  };

  let held: Uint8Array | undefined;
  for await (const chunk of chunks) {
    if (held) {
      for (let offset = 0; offset < held.length; offset += PIECE_BYTES) feed(held.subarray(offset, offset + PIECE_BYTES));
      onBytes?.(bytes);
    }
    held = chunk;
    bytes += chunk.byteLength;
  }
  let rest: Uint8Array;
  if (used === 0) rest = held ?? buffer.subarray(0, 0);
  else {
    if (held) {
      reserve(used + held.length);
      buffer.set(held, used);
      used += held.length;
    }
    rest = buffer.subarray(start, used);
  }
  tokenizer.write(decoder.decode(first && hasBom(rest, 0) ? rest.subarray(BOM.length) : rest), true);
  onBytes?.(bytes);
}
