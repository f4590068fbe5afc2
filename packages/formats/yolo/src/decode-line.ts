// One decoder per YOLO flavour: the fields of a label-file line become normalized geometry, with the field-count
// rules Datumaro applies (FORMATS.md §3.4, §4.4). A wrong count, a bad number or an unknown class is a ParseError
// naming the file and line.
import { ParseError } from '@annoconv/core';
import { parseFloatField, parseIntegerField } from './line.js';

export type DecodeFlavour = 'darknet' | 'detection' | 'segmentation' | 'obb' | 'pose';

export interface DecodedLine {
  /** Index into the reader's class list. */
  classIndex: number;
  /** Normalized values: cx cy w h (box), x y pairs (polygon, obb), x y v triples (pose keypoints). */
  values: number[];
  /** Pose only: visibility per keypoint. */
  visibility?: number[];
  trackId?: number;
}

export interface DecodeSetup {
  flavour: DecodeFlavour;
  file: string;
  /** File class id → index into the class list. */
  classIndexOf: (classId: number) => number | undefined;
  classCount: number;
  /** Pose: [K, D]. */
  keypointShape?: readonly [number, number];
}

export function decodeLine(fields: readonly string[], line: number, setup: DecodeSetup): DecodedLine {
  const { file, flavour } = setup;
  const count = fields.length;
  let valueCount: number;
  let hasTrack = false;
  switch (flavour) {
    case 'darknet':
      if (count !== 5) throw new ParseError(`expected 5 fields '<class> <cx> <cy> <w> <h>', found ${count}`, { file, line });
      valueCount = 4;
      break;
    case 'detection':
      if (count !== 5 && count !== 6) throw new ParseError(`expected 5 fields '<class> <cx> <cy> <w> <h>' (6 with a track id), found ${count}`, { file, line });
      valueCount = 4;
      hasTrack = count === 6;
      break;
    case 'segmentation':
      // Odd count: class + pairs; even count: the last field is a track id. A polygon needs 3 points.
      if (count < 7) throw new ParseError(`expected '<class> x1 y1 x2 y2 x3 y3 …' (at least 7 fields), found ${count}`, { file, line });
      hasTrack = count % 2 === 0;
      valueCount = hasTrack ? count - 2 : count - 1;
      break;
    case 'obb':
      if (count !== 9 && count !== 10) throw new ParseError(`expected 9 fields '<class> x1 y1 x2 y2 x3 y3 x4 y4' (10 with a track id), found ${count}`, { file, line });
      valueCount = 8;
      hasTrack = count === 10;
      break;
    case 'pose': {
      const [k, d] = setup.keypointShape!;
      const base = 5 + k * d;
      if (count !== base && count !== base + 1) throw new ParseError(`expected ${base} fields for kpt_shape [${k}, ${d}] (${base + 1} with a track id), found ${count}`, { file, line });
      valueCount = 4 + k * d;
      hasTrack = count === base + 1;
      break;
    }
  }
  const classId = parseIntegerField(fields[0]!, file, line, 'class id');
  const classIndex = setup.classIndexOf(classId);
  if (classIndex === undefined) throw new ParseError(`class id ${classId} is not in the class names (${setup.classCount} classes)`, { file, line });
  const values = new Array<number>(valueCount);
  for (let index = 0; index < valueCount; index++) values[index] = parseFloatField(fields[index + 1]!, file, line, 'coordinate');
  const decoded: DecodedLine = { classIndex, values };
  if (flavour === 'pose') {
    const [k, d] = setup.keypointShape!;
    const points: number[] = [];
    const visibility: number[] = [];
    for (let index = 0; index < k; index++) {
      const offset = 4 + index * d;
      points.push(values[offset]!, values[offset + 1]!);
      if (d === 3) {
        const v = values[offset + 2]!;
        if (v !== 0 && v !== 1 && v !== 2) throw new ParseError(`keypoint ${index + 1} visibility ${v} is not 0, 1 or 2`, { file, line });
        visibility.push(v);
      } else visibility.push(2);
    }
    decoded.values = points;
    decoded.visibility = visibility;
  }
  if (hasTrack) decoded.trackId = parseIntegerField(fields[count - 1]!, file, line, 'track id');
  return decoded;
}
