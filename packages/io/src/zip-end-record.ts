// Finds a zip's end-of-central-directory record in memory, to count entries before a parser lists them all and
// to tell a truncated or non-zip file from a corrupt one with a clear message.
import { ParseError } from '@annoconv/core';

const END_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_END_SIGNATURE = 0x06064b50;

/** Returns the number of central-directory records the archive declares; `ParseError` when there is no end record. */
export function readZipEntryCount(archive: string, bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes plus a comment of at most 65,535 bytes (APPNOTE 4.3.16).
  const lowest = Math.max(0, bytes.byteLength - 22 - 0xffff);
  for (let offset = bytes.byteLength - 22; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) !== END_SIGNATURE) continue;
    const count = view.getUint16(offset + 10, true);
    if (count !== 0xffff || offset < 20 || view.getUint32(offset - 20, true) !== ZIP64_LOCATOR_SIGNATURE) return count;
    const zip64End = Number(view.getBigUint64(offset - 20 + 8, true));
    if (zip64End + 56 > bytes.byteLength || view.getUint32(zip64End, true) !== ZIP64_END_SIGNATURE) {
      throw new ParseError('corrupt zip64 end of central directory', { file: archive });
    }
    return Number(view.getBigUint64(zip64End + 32, true));
  }
  throw new ParseError('not a zip archive, or truncated: no end of central directory record', { file: archive });
}
