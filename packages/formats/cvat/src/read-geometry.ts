// One reader per shape element: turns an element's geometry attributes into the model's `points`
// (CVAT `load_anno`). A missing or non-numeric coordinate is a ParseError naming the element and its line.
import { ParseError } from '@annoconv/core';
import type { ShapeType } from '@annoconv/core';
import type { XmlElement } from './xml-element.js';
import { BOX_ATTRIBUTES, CUBOID_ATTRIBUTES } from './schema.js';
import { formatFixed2 } from './number-format.js';

function fail(element: XmlElement, file: string, message: string): never {
  throw new ParseError(message, { file, line: element.line, element: element.path });
}

/** A required numeric attribute. */
export function numberAttribute(element: XmlElement, name: string, file: string): number {
  const text = element.attributes[name];
  if (text === undefined) fail(element, file, `<${element.name}> has no '${name}' attribute`);
  const value = Number(text);
  if (!Number.isFinite(value) || (value === 0 && text.trim() === '')) fail(element, file, `<${element.name}> attribute '${name}' is not a number: '${text}'`);
  return value;
}

/** An optional numeric attribute with a default. */
export function optionalNumber(element: XmlElement, name: string, file: string, fallback: number): number {
  return element.attributes[name] === undefined ? fallback : numberAttribute(element, name, file);
}

/** An optional integer attribute with a default. */
export function optionalInteger(element: XmlElement, name: string, file: string, fallback: number): number {
  const value = optionalNumber(element, name, file, fallback);
  if (!Number.isInteger(value)) fail(element, file, `<${element.name}> attribute '${name}' is not an integer: '${element.attributes[name]}'`);
  return value;
}

/** CVAT's booleans are `0` / `1` (its reader takes only `1` as true); `true` is accepted too, as Datumaro writes it. */
export function booleanAttribute(element: XmlElement, name: string): boolean {
  const text = element.attributes[name];
  return text === '1' || (text !== undefined && text.length === 4 && text.toLowerCase() === 'true');
}

/** Python's round(x, 2) through "{:.2f}" for the ellipse corner CVAT rebuilds on import. */
function round2(value: number): number {
  return Number(formatFixed2(value));
}

function pointList(element: XmlElement, file: string, minimumPairs: number): number[] {
  const text = element.attributes.points;
  if (text === undefined) fail(element, file, `<${element.name}> has no 'points' attribute`);
  const points: number[] = [];
  if (text.trim() !== '') {
    for (const pair of text.split(';')) {
      const comma = pair.indexOf(',');
      if (comma < 0) fail(element, file, `<${element.name}> point '${pair}' is not 'x,y'`);
      const x = Number(pair.slice(0, comma));
      const y = Number(pair.slice(comma + 1));
      // Number('') is 0: an empty coordinate is only possible when a value reads as 0.
      const empty = (x === 0 && pair.slice(0, comma).trim() === '') || (y === 0 && pair.slice(comma + 1).trim() === '');
      if (!Number.isFinite(x) || !Number.isFinite(y) || empty) fail(element, file, `<${element.name}> point '${pair}' is not a pair of numbers`);
      points.push(x, y);
    }
  }
  if (points.length < minimumPairs * 2) fail(element, file, `<${element.name}> needs at least ${minimumPairs} point(s), has ${points.length / 2}`);
  return points;
}

function maskPoints(element: XmlElement, file: string): number[] {
  const rle = element.attributes.rle;
  if (rle === undefined) fail(element, file, `<mask> has no 'rle' attribute`);
  const counts = rle.split(',').map((part) => {
    const trimmed = part.trim();
    const value = Number(trimmed);
    if (trimmed === '' || !Number.isInteger(value) || value < 0) fail(element, file, `<mask> rle value '${part}' is not a non-negative integer`);
    return value;
  });
  const left = numberAttribute(element, 'left', file);
  const top = numberAttribute(element, 'top', file);
  const width = numberAttribute(element, 'width', file);
  const height = numberAttribute(element, 'height', file);
  for (const [name, value] of [['left', left], ['top', top], ['width', width], ['height', height]] as const)
    if (!Number.isInteger(value)) fail(element, file, `<mask> attribute '${name}' is not an integer`);
  if (width < 1 || height < 1) fail(element, file, `<mask> has an empty size ${width}×${height}`);
  let total = 0;
  for (const count of counts) total += count;
  if (total !== width * height) fail(element, file, `<mask> rle counts sum to ${total}, expected width × height = ${width * height}`);
  // The model keeps CVAT's internal form: runs, then the inclusive box left, top, right, bottom.
  return [...counts, left, top, left + width - 1, top + height - 1];
}

/** The model's points for a shape element of this type. */
export function readGeometry(element: XmlElement, type: ShapeType, file: string): number[] {
  switch (type) {
    case 'rectangle':
      return [
        numberAttribute(element, BOX_ATTRIBUTES[0], file),
        numberAttribute(element, BOX_ATTRIBUTES[1], file),
        numberAttribute(element, BOX_ATTRIBUTES[2], file),
        numberAttribute(element, BOX_ATTRIBUTES[3], file),
      ];
    case 'ellipse': {
      const cx = numberAttribute(element, 'cx', file);
      const cy = numberAttribute(element, 'cy', file);
      const rx = numberAttribute(element, 'rx', file);
      const ry = numberAttribute(element, 'ry', file);
      // CVAT stores the right end's x and the top end's y, rounded to 2 decimals on import.
      return [cx, cy, round2(cx + rx), round2(cy - ry)];
    }
    case 'cuboid':
      return CUBOID_ATTRIBUTES.map((name) => numberAttribute(element, name, file));
    case 'mask':
      return maskPoints(element, file);
    case 'polygon':
      return pointList(element, file, 3);
    case 'polyline':
      return pointList(element, file, 2);
    case 'points':
      return pointList(element, file, 1);
    case 'skeleton':
      return [];
  }
}
