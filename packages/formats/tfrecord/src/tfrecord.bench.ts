// Throughput of reading and writing a 1 GB TFRecord: records of a 100 KB embedded image and 10 boxes each,
// framed, CRC-checked and protobuf-decoded from a stream (ANNOCONV_BENCH_TFRECORD_MB sets the size; the disk is
// left out so that the figure is the code's own).
import { bench, describe } from 'vitest';
import { decodeExample, encodeExample, type FeatureValue } from './example-proto.js';
import { frameRecord, readRecords } from './record-framing.js';

const megabytes = Number(process.env.ANNOCONV_BENCH_TFRECORD_MB ?? 1024);
const encoder = new TextEncoder();

function sampleExample(): Uint8Array {
  const image = new Uint8Array(100_000);
  for (let index = 0; index < image.length; index++) image[index] = (index * 2654435761) >>> 24;
  const features = new Map<string, FeatureValue>([
    ['image/height', { ints: [480] }],
    ['image/width', { ints: [640] }],
    ['image/encoded', { bytes: [image] }],
    ['image/format', { bytes: [encoder.encode('jpeg')] }],
    ['image/filename', { bytes: [encoder.encode('frame_000001.jpg')] }],
    ['image/object/bbox/xmin', { floats: Array.from({ length: 10 }, (_, index) => index / 20) }],
    ['image/object/bbox/xmax', { floats: Array.from({ length: 10 }, (_, index) => index / 20 + 0.1) }],
    ['image/object/bbox/ymin', { floats: Array.from({ length: 10 }, (_, index) => index / 30) }],
    ['image/object/bbox/ymax', { floats: Array.from({ length: 10 }, (_, index) => index / 30 + 0.1) }],
    ['image/object/class/text', { bytes: Array.from({ length: 10 }, () => encoder.encode('car')) }],
    ['image/object/class/label', { ints: Array.from({ length: 10 }, () => 1) }],
  ]);
  return encodeExample(features);
}

const example = sampleExample();
const framed = frameRecord(example);
const count = Math.ceil((megabytes * 1024 * 1024) / framed.length);

async function* stream(): AsyncGenerator<Uint8Array> {
  // 4 MiB chunks, as a file stream delivers them; records straddle chunk borders.
  const chunk = new Uint8Array(4 << 20);
  let filled = 0;
  for (let record = 0; record < count; record++) {
    let offset = 0;
    while (offset < framed.length) {
      const take = Math.min(chunk.length - filled, framed.length - offset);
      chunk.set(framed.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === chunk.length) {
        yield chunk.slice();
        filled = 0;
      }
    }
  }
  if (filled > 0) yield chunk.slice(0, filled);
}

describe(`TFRecord, ${megabytes} MB (${count} records of ${framed.length} bytes)`, () => {
  bench(
    'read: frame, check CRCs and decode every Example',
    async () => {
      let boxes = 0;
      for await (const record of readRecords(stream(), 'bench.tfrecord')) {
        const features = decodeExample(record.data);
        const xmin = features.get('image/object/bbox/xmin');
        if (xmin && 'floats' in xmin) boxes += xmin.floats.length;
      }
      if (boxes !== count * 10) throw new Error('lost records');
    },
    { iterations: 1, warmupIterations: 0, time: 0 },
  );
  bench(
    'write: encode every Example and frame it with CRCs',
    () => {
      let bytes = 0;
      for (let record = 0; record < count; record++) bytes += frameRecord(encodeExample(decodeExample(example))).length;
      if (bytes !== count * framed.length) throw new Error('size changed');
    },
    { iterations: 1, warmupIterations: 0, time: 0 },
  );
});
