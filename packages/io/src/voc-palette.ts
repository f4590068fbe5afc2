// The PASCAL VOC colour palette (256 colours built from the bits of the index) and the conversions between index
// masks and RGB pixels that VOC-style class and instance PNGs need, shared by the VOC and Segmentation mask formats.
import { ParseError } from '@annoconv/core';
import { decodePng } from './png-decode.js';
import { encodePng } from './png-encode.js';

export type Rgb = [number, number, number];

let palette: Uint8Array | undefined;

/** The 256 VOC palette colours as `r,g,b` triples (768 bytes), built on first use. */
export function vocPalette(): Uint8Array {
  if (palette) return palette;
  const table = new Uint8Array(768);
  for (let index = 0; index < 256; index++) {
    let red = 0;
    let green = 0;
    let blue = 0;
    let bits = index;
    // Bit 0, 1, 2 of each successive triple of the index land in red, green, blue from the high bit down.
    for (let shift = 7; shift >= 0; shift--) {
      red |= (bits & 1) << shift;
      green |= ((bits >> 1) & 1) << shift;
      blue |= ((bits >> 2) & 1) << shift;
      bits >>= 3;
    }
    table[index * 3] = red;
    table[index * 3 + 1] = green;
    table[index * 3 + 2] = blue;
  }
  palette = table;
  return table;
}

/** The VOC palette colour of an index (taken modulo 256, as an 8-bit lookup does). */
export function vocPaletteColor(index: number): Rgb {
  const table = vocPalette();
  const offset = (((index % 256) + 256) % 256) * 3;
  return [table[offset]!, table[offset + 1]!, table[offset + 2]!];
}

/** A colour as one integer `0xRRGGBB`, the key of colour lookups. */
export function rgbKey(red: number, green: number, blue: number): number {
  return (red << 16) | (green << 8) | blue;
}

/** Formats a colour as `(r, g, b)` for messages. */
export function formatRgb(color: Rgb | number): string {
  const [red, green, blue] = typeof color === 'number' ? [(color >> 16) & 255, (color >> 8) & 255, color & 255] : color;
  return `(${red}, ${green}, ${blue})`;
}

/** The index of each VOC palette colour: `rgbKey` → index (the first index for a repeated colour). */
export function vocPaletteLookup(): Map<number, number> {
  const table = vocPalette();
  const lookup = new Map<number, number>();
  for (let index = 0; index < 256; index++) {
    const key = rgbKey(table[index * 3]!, table[index * 3 + 1]!, table[index * 3 + 2]!);
    if (!lookup.has(key)) lookup.set(key, index);
  }
  return lookup;
}

/** Decoded pixels: `channels` samples per pixel, row-major (what a PNG decoder yields). */
export interface PixelImage {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array | Uint16Array;
}

/**
 * Paints an index mask into RGB bytes: pixel value v gets `colors[v]` (a flat `r,g,b` table); values beyond the
 * table are painted black.
 */
export function indexMaskToRgb(indices: Uint8Array | Uint16Array, colors: Uint8Array): Uint8Array {
  const rgb = new Uint8Array(indices.length * 3);
  const count = Math.floor(colors.length / 3);
  for (let pixel = 0, out = 0; pixel < indices.length; pixel++, out += 3) {
    const value = indices[pixel]!;
    if (value >= count) continue;
    const offset = value * 3;
    rgb[out] = colors[offset]!;
    rgb[out + 1] = colors[offset + 1]!;
    rgb[out + 2] = colors[offset + 2]!;
  }
  return rgb;
}

/** The first pixel whose colour the lookup does not know. */
export interface UndeclaredColor {
  color: Rgb;
  x: number;
  y: number;
}

/**
 * Turns decoded pixels into an index mask. One-channel (grey) images are taken as raw indices, as Datumaro does;
 * images with three or more channels are looked up colour by colour (a fourth, alpha channel is ignored). 16-bit
 * samples keep their high byte. Returns the first undeclared colour instead of a mask when one is found.
 */
export function rgbToIndexMask(image: PixelImage, lookup: ReadonlyMap<number, number>): { indices: Uint16Array } | { undeclared: UndeclaredColor } {
  const { width, height, channels, data } = image;
  const size = width * height;
  const indices = new Uint16Array(size);
  const shift = data instanceof Uint16Array ? 8 : 0;
  if (channels <= 2) {
    for (let pixel = 0; pixel < size; pixel++) indices[pixel] = data[pixel * channels]! >> shift;
    return { indices };
  }
  let lastKey = -1;
  let lastIndex = 0;
  for (let pixel = 0, offset = 0; pixel < size; pixel++, offset += channels) {
    const key = rgbKey(data[offset]! >> shift, data[offset + 1]! >> shift, data[offset + 2]! >> shift);
    // Masks are mostly long runs of one colour: remember the last lookup to skip most map accesses.
    if (key !== lastKey) {
      const found = lookup.get(key);
      if (found === undefined) {
        return { undeclared: { color: [(key >> 16) & 255, (key >> 8) & 255, key & 255], x: pixel % width, y: Math.floor(pixel / width) } };
      }
      lastKey = key;
      lastIndex = found;
    }
    indices[pixel] = lastIndex;
  }
  return { indices };
}

/** One object of a VOC segmentation: its instance id (0 without an instance mask), class index and pixels. */
export interface VocSegment {
  instance: number;
  /** Index into the label map; -1 when there is no class mask to say. */
  classIndex: number;
  /** Row-major, 1 inside. */
  bitmap: Uint8Array;
}

/**
 * Splits a class mask and an instance mask (index masks of the same size) into objects, as Datumaro's VOC reader
 * does: with an instance mask, one object per non-zero instance id, classed by the highest class index under it,
 * and class pixels outside every instance are ignored; without one, one object per class value present, the
 * background class included. Objects come in ascending instance id, or ascending class index.
 */
export function splitVocSegments(classIndices: Uint16Array | undefined, instanceIndices: Uint16Array | undefined, size: number): VocSegment[] {
  const segments: VocSegment[] = [];
  if (instanceIndices) {
    const classes = new Int32Array(65536).fill(-1);
    const present = new Uint8Array(65536);
    for (let pixel = 0; pixel < size; pixel++) {
      const instance = instanceIndices[pixel]!;
      if (instance === 0) continue;
      present[instance] = 1;
      if (classIndices) {
        const value = classIndices[pixel]!;
        if (value > classes[instance]!) classes[instance] = value;
      }
    }
    for (let instance = 1; instance < 65536; instance++) {
      if (!present[instance]) continue;
      const bitmap = new Uint8Array(size);
      for (let pixel = 0; pixel < size; pixel++) if (instanceIndices[pixel] === instance) bitmap[pixel] = 1;
      segments.push({ instance, classIndex: classes[instance]!, bitmap });
    }
    return segments;
  }
  if (!classIndices) return segments;
  const present = new Uint8Array(65536);
  for (let pixel = 0; pixel < size; pixel++) present[classIndices[pixel]!] = 1;
  for (let value = 0; value < 65536; value++) {
    if (!present[value]) continue;
    const bitmap = new Uint8Array(size);
    for (let pixel = 0; pixel < size; pixel++) if (classIndices[pixel] === value) bitmap[pixel] = 1;
    segments.push({ instance: 0, classIndex: value, bitmap });
  }
  return segments;
}

/** The class mask of a painted instance mask: pixel = `instanceClasses[instance]` (instance 0 → `background`). */
export function classMaskFromInstances(instanceIndices: Uint16Array, instanceClasses: Uint16Array, background: number): Uint16Array {
  const classes = new Uint16Array(instanceIndices.length);
  for (let pixel = 0; pixel < instanceIndices.length; pixel++) {
    const instance = instanceIndices[pixel]!;
    classes[pixel] = instance === 0 ? background : instanceClasses[instance]!;
  }
  return classes;
}

/** `#rrggbb` (lower case, as CVAT stores label colours) of a colour. */
export function rgbToHex([red, green, blue]: Rgb): string {
  return `#${((1 << 24) | (red << 16) | (green << 8) | blue).toString(16).slice(1)}`;
}

/** The colour of `#rrggbb` / `rrggbb`; undefined for anything else. */
export function hexToRgb(hex: string): Rgb | undefined {
  const match = /^#?([0-9a-fA-F]{6})$/.exec(hex.trim());
  if (!match) return undefined;
  const value = Number.parseInt(match[1]!, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * Decodes a mask PNG into pixels the colour lookups understand. A palette image is expanded to its colours, as
 * OpenCV (and so Datumaro) reads it; grey, RGB and RGBA images are kept as stored.
 */
export function decodeMaskPng(bytes: Uint8Array, file: string): PixelImage {
  const png = decodePng(bytes, { name: file });
  if (png.colorType !== 'palette' || !png.palette) return png;
  const palette = png.palette;
  const entries = Math.floor(palette.length / 3);
  const rgb = new Uint8Array(png.width * png.height * 3);
  for (let pixel = 0, out = 0; pixel < png.data.length; pixel++, out += 3) {
    const index = png.data[pixel]!;
    if (index >= entries) throw new ParseError(`palette index ${index} at pixel (${pixel % png.width}, ${Math.floor(pixel / png.width)}) is past the ${entries}-entry palette`, { file });
    rgb[out] = palette[index * 3]!;
    rgb[out + 1] = palette[index * 3 + 1]!;
    rgb[out + 2] = palette[index * 3 + 2]!;
  }
  return { width: png.width, height: png.height, channels: 3, data: rgb };
}

/** Paints an index mask with a colour table and encodes it as an 8-bit RGB PNG, as CVAT writes VOC masks. */
export function encodeIndexMaskPng(indices: Uint8Array | Uint16Array, colors: Uint8Array, width: number, height: number): Uint8Array {
  return encodePng({ width, height, channels: 3, data: indexMaskToRgb(indices, colors) });
}

export interface VocSegmentationFiles {
  classFile?: { path: string; bytes: Uint8Array };
  instanceFile?: { path: string; bytes: Uint8Array };
}

export interface DecodedVocSegmentation {
  width: number;
  height: number;
  segments: VocSegment[];
}

function indicesOf(image: PixelImage, lookup: ReadonlyMap<number, number>, file: string, what: string): Uint16Array {
  const result = rgbToIndexMask(image, lookup);
  if ('undeclared' in result) {
    const { color, x, y } = result.undeclared;
    throw new ParseError(`undeclared ${what} colour ${formatRgb(color)} at pixel (${x}, ${y})`, { file });
  }
  return result.indices;
}

/**
 * Decodes an item's class and instance PNGs into objects (see `splitVocSegments`). Class colours go through
 * `classLookup` (colour → label-map index), instance colours through the VOC palette. An undeclared colour (CVAT's
 * "Undeclared color"), a grey class value past the label map ("Undeclared label") and two PNGs of different sizes
 * are ParseErrors naming the file.
 */
export function decodeVocSegmentation(files: VocSegmentationFiles, classLookup: ReadonlyMap<number, number>, classCount: number): DecodedVocSegmentation | undefined {
  const classImage = files.classFile ? decodeMaskPng(files.classFile.bytes, files.classFile.path) : undefined;
  const instanceImage = files.instanceFile ? decodeMaskPng(files.instanceFile.bytes, files.instanceFile.path) : undefined;
  const reference = classImage ?? instanceImage;
  if (!reference) return undefined;
  if (classImage && instanceImage && (classImage.width !== instanceImage.width || classImage.height !== instanceImage.height)) {
    throw new ParseError(`instance mask is ${instanceImage.width}×${instanceImage.height} but class mask '${files.classFile!.path}' is ${classImage.width}×${classImage.height}`, { file: files.instanceFile!.path });
  }
  const classIndices = classImage ? indicesOf(classImage, classLookup, files.classFile!.path, 'class') : undefined;
  if (classIndices && classImage!.channels <= 2) {
    for (let pixel = 0; pixel < classIndices.length; pixel++) {
      if (classIndices[pixel]! >= classCount) {
        throw new ParseError(`undeclared label index ${classIndices[pixel]} at pixel (${pixel % classImage!.width}, ${Math.floor(pixel / classImage!.width)}); the label map has ${classCount} labels`, { file: files.classFile!.path });
      }
    }
  }
  const instanceIndices = instanceImage ? indicesOf(instanceImage, vocPaletteLookup(), files.instanceFile!.path, 'instance') : undefined;
  return { width: reference.width, height: reference.height, segments: splitVocSegments(classIndices, instanceIndices, reference.width * reference.height) };
}
