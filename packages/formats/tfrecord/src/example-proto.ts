// Our own .proto for `tf.train.Example` (the wire structure in FORMATS.md sheet B §5.3), compiled with protobufjs on
// first use. Float and int64 lists are declared packed; protobufjs also accepts unpacked values on decode.
import protobuf from 'protobufjs';

export const EXAMPLE_PROTO = `
syntax = "proto3";
package tensorflow;
message BytesList { repeated bytes value = 1; }
message FloatList { repeated float value = 1 [packed = true]; }
message Int64List { repeated int64 value = 1 [packed = true]; }
message Feature {
  oneof kind {
    BytesList bytes_list = 1;
    FloatList float_list = 2;
    Int64List int64_list = 3;
  }
}
message Features { map<string, Feature> feature = 1; }
message Example { Features features = 1; }
`;

let exampleType: protobuf.Type | undefined;

export function exampleMessage(): protobuf.Type {
  exampleType ??= protobuf.parse(EXAMPLE_PROTO, { keepCase: false }).root.lookupType('tensorflow.Example');
  return exampleType;
}

export type FeatureValue = { bytes: Uint8Array[] } | { floats: number[] } | { ints: number[] };

interface DecodedFeature {
  bytesList?: { value?: Uint8Array[] };
  floatList?: { value?: number[] };
  int64List?: { value?: Array<number | { toNumber(): number }> };
}

/** Decodes one serialized Example into its feature map; throws protobufjs's error on garbage. */
export function decodeExample(data: Uint8Array): Map<string, FeatureValue> {
  const message = exampleMessage().decode(data) as unknown as { features?: { feature?: Record<string, DecodedFeature> } };
  const features = new Map<string, FeatureValue>();
  for (const [key, feature] of Object.entries(message.features?.feature ?? {})) {
    if (feature.bytesList) features.set(key, { bytes: feature.bytesList.value ?? [] });
    else if (feature.floatList) features.set(key, { floats: feature.floatList.value ?? [] });
    else if (feature.int64List) features.set(key, { ints: (feature.int64List.value ?? []).map((value) => (typeof value === 'number' ? value : value.toNumber())) });
  }
  return features;
}

type BufferLike = { from(buffer: ArrayBufferLike, offset: number, length: number): Uint8Array };
const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;

/** protobufjs copies a Node Buffer with one memcpy but a plain Uint8Array byte by byte; wrap without copying. */
function fastBytes(bytes: Uint8Array): Uint8Array {
  return NodeBuffer ? NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes;
}

/** Encodes a feature map as a serialized Example; keys are written in the map's order. */
export function encodeExample(features: Map<string, FeatureValue>): Uint8Array {
  const feature: Record<string, DecodedFeature> = {};
  for (const [key, value] of features) {
    if ('bytes' in value) feature[key] = { bytesList: { value: value.bytes.map(fastBytes) } };
    else if ('floats' in value) feature[key] = { floatList: { value: value.floats } };
    else feature[key] = { int64List: { value: value.ints } };
  }
  // encode() takes plain objects of the right shape; fromObject() would copy every byte string first.
  return exampleMessage().encode({ features: { feature } }).finish();
}
