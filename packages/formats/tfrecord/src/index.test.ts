import { describe, expect, it } from 'vitest';

describe('@annoconv/format-tfrecord', () => {
  it('exports exactly its public API', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual([
      'crc32c', 'decodeExample', 'detectTfRecord', 'encodeExample', 'frameRecord', 'maskedCrc32c', 'parseLabelMap',
      'plugins', 'readRecords', 'readTfRecord', 'tfRecordPlugin', 'writeLabelMap', 'writeTfRecord',
    ]);
  });
});
