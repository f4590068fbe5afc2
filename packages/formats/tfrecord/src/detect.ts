// Recognises TFRecord files: `*.tfrecord` whose first record header has a valid masked CRC of its length.
import type { DetectResult, FileTree } from '@annoconv/core';
import { maskedCrc32c } from './crc32c.js';
import { findRecordFiles } from './read.js';

export async function detectTfRecord(tree: FileTree): Promise<DetectResult> {
  const files = findRecordFiles(tree);
  if (files.length === 0) return { confidence: 0, reasons: ['no *.tfrecord file'] };
  for (const file of files) {
    let head: Uint8Array = new Uint8Array(0);
    for await (const chunk of tree.stream(file)) {
      head = chunk.subarray(0, 12);
      break;
    }
    if (head.length === 0) continue; // an empty subset file is a valid TFRecord with no records
    if (head.length < 12) return { confidence: 0.1, reasons: [`${file} is shorter than one record header`] };
    const view = new DataView(head.buffer, head.byteOffset, 12);
    if (view.getUint32(8, true) !== maskedCrc32c(head, 0, 8)) return { confidence: 0.1, reasons: [`${file} does not start with a TFRecord header (length CRC mismatch)`] };
  }
  return { confidence: 0.95, reasons: [`${files.length} TFRecord file(s) with valid record framing`] };
}
