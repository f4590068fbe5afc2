// GET's answer as UTF-8 bytes, assembled from blocks of at most 1024 ids per frame, each kept encoded until one of
// its objects changes. Stored objects are never mutated, so a block whose objects are the same (by identity) is
// reused as is: after a one-object write, one block is serialised and encoded again. Internal to the operations.
import type { LabeledData, Shape, Tag, Track } from '../model/annotations.js';
import type { LabelIndex } from './label-index.js';
import { readShape, readTag, readTrack } from './read-objects.js';

/** Ids per block: small enough to re-serialise in a few milliseconds, large enough to keep the block count low. */
const BLOCK_BITS = 10;

interface Block {
  objects: object[];
  bytes: Uint8Array;
}

/** Kept blocks by kind and key; replaced wholesale on every build so blocks of removed objects go away. */
export interface BlockCache {
  tags: Map<string, Block>;
  shapes: Map<string, Block>;
  tracks: Map<string, Block>;
}

export function emptyBlockCache(): BlockCache {
  return { tags: new Map(), shapes: new Map(), tracks: new Map() };
}

const encoder = new TextEncoder();

function sameObjects(a: readonly object[], b: readonly object[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * Groups objects given in id order into blocks in GET's order: by frame then id (tags, shapes), or by id
 * (tracks, `frame` undefined). Within a frame, ids stay ascending, so each block is in GET's order too.
 */
function group<T extends { id: number | null; frame: number }>(objects: readonly T[], byFrame: boolean): Array<{ key: string; objects: T[] }> {
  const frames = new Map<number, Map<number, T[]>>();
  for (const object of objects) {
    const frame = byFrame ? object.frame : 0;
    let blocks = frames.get(frame);
    if (!blocks) {
      blocks = new Map();
      frames.set(frame, blocks);
    }
    const block = (object.id ?? 0) >> BLOCK_BITS;
    let list = blocks.get(block);
    if (!list) {
      list = [];
      blocks.set(block, list);
    }
    list.push(object);
  }
  const result: Array<{ key: string; objects: T[] }> = [];
  for (const frame of [...frames.keys()].sort((a, b) => a - b))
    for (const [block, list] of frames.get(frame)!) result.push({ key: `${frame}:${block}`, objects: list });
  return result;
}

function blocksOf<T extends { id: number | null; frame: number }>(
  objects: readonly T[],
  byFrame: boolean,
  read: (object: T, labels: LabelIndex) => unknown,
  labels: LabelIndex,
  previous: Map<string, Block>,
  next: Map<string, Block>,
): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (const { key, objects: list } of group(objects, byFrame)) {
    let block = previous.get(key);
    if (!block || !sameObjects(block.objects, list)) {
      const texts = new Array<string>(list.length);
      for (let index = 0; index < list.length; index++) texts[index] = JSON.stringify(read(list[index]!, labels));
      block = { objects: list, bytes: encoder.encode(texts.join(',')) };
    }
    next.set(key, block);
    parts.push(block.bytes);
  }
  return parts;
}

/**
 * The UTF-8 bytes of `JSON.stringify(readAnnotations(data, labels))`, for `data` listed in id order (as the
 * store lists it); `cache` is read and replaced by the blocks of this answer.
 */
export function readAnnotationsBytes(data: LabeledData, labels: LabelIndex, cache: BlockCache): { bytes: Uint8Array; cache: BlockCache } {
  const next = emptyBlockCache();
  const sections: Array<[string, Uint8Array[]]> = [
    ['{"version":0,"tags":[', blocksOf<Tag>(data.tags, true, readTag, labels, cache.tags, next.tags)],
    ['],"shapes":[', blocksOf<Shape>(data.shapes, true, readShape, labels, cache.shapes, next.shapes)],
    ['],"tracks":[', blocksOf<Track>(data.tracks.filter((track) => track.shapes.length > 0), false, readTrack, labels, cache.tracks, next.tracks)],
  ];
  const comma = encoder.encode(',');
  const pieces: Uint8Array[] = [];
  for (const [head, parts] of sections) {
    pieces.push(encoder.encode(head));
    parts.forEach((part, index) => {
      if (index > 0) pieces.push(comma);
      pieces.push(part);
    });
  }
  pieces.push(encoder.encode('],"intervals":[]}'));
  let length = 0;
  for (const piece of pieces) length += piece.byteLength;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    bytes.set(piece, offset);
    offset += piece.byteLength;
  }
  return { bytes, cache: next };
}
