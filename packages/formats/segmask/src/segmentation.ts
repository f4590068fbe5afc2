// Reading and painting the `SegmentationClass/<id>.png` + `SegmentationObject/<id>.png` pair of a VOC item: RGB
// (or grey) PNGs decoded through @annoconv/io, turned into index masks through the label map's colours and the VOC
// palette, and back.
import { ParseError, formatWhere } from '@annoconv/core';
import { decodePng, encodePng, formatRgb, rgbToIndexMask, splitVocSegments, type PixelImage, type VocSegment } from '@annoconv/io';

/** Decodes a mask PNG, turning a decoder failure into a ParseError naming the file. */
export function decodeMaskPng(bytes: Uint8Array, file: string): PixelImage {
  try {
    return decodePng(bytes) as PixelImage;
  } catch (error) {
    throw new ParseError(`cannot decode PNG: ${error instanceof Error ? error.message : String(error)}`, { file }, { cause: error });
  }
}

function toIndices(image: PixelImage, lookup: ReadonlyMap<number, number>, file: string, what: string): Uint16Array {
  const result = rgbToIndexMask(image, lookup);
  if ('undeclared' in result) {
    const { color, x, y } = result.undeclared;
    throw new ParseError(`undeclared ${what} colour ${formatRgb(color)} at pixel (${x}, ${y})`, { file });
  }
  return result.indices;
}

export interface SegmentationFiles {
  classFile?: { path: string; bytes: Uint8Array };
  instanceFile?: { path: string; bytes: Uint8Array };
}

export interface DecodedSegmentation {
  width: number;
  height: number;
  segments: VocSegment[];
}

/**
 * Decodes an item's class and instance PNGs into objects. Class colours go through `classLookup` (colour → label
 * map index), instance colours through the VOC palette; an undeclared colour, a grey class value beyond the label
 * map, or two PNGs of different sizes is a ParseError naming the file.
 */
export function decodeSegmentation(files: SegmentationFiles, classLookup: ReadonlyMap<number, number>, instanceLookup: ReadonlyMap<number, number>, classCount: number): DecodedSegmentation | undefined {
  const classImage = files.classFile ? decodeMaskPng(files.classFile.bytes, files.classFile.path) : undefined;
  const instanceImage = files.instanceFile ? decodeMaskPng(files.instanceFile.bytes, files.instanceFile.path) : undefined;
  const reference = classImage ?? instanceImage;
  if (!reference) return undefined;
  if (classImage && instanceImage && (classImage.width !== instanceImage.width || classImage.height !== instanceImage.height)) {
    throw new ParseError(
      `instance mask is ${instanceImage.width}×${instanceImage.height} but the class mask ${formatWhere({ file: files.classFile!.path })} is ${classImage.width}×${classImage.height}`,
      { file: files.instanceFile!.path },
    );
  }
  const classIndices = classImage ? toIndices(classImage, classLookup, files.classFile!.path, 'class') : undefined;
  if (classIndices && classImage!.channels <= 2) {
    // Grey class masks hold raw label-map indices; a value past the map is CVAT's "Undeclared label".
    for (let pixel = 0; pixel < classIndices.length; pixel++) {
      if (classIndices[pixel]! >= classCount) {
        throw new ParseError(`undeclared label index ${classIndices[pixel]} at pixel (${pixel % classImage!.width}, ${Math.floor(pixel / classImage!.width)}); the label map has ${classCount} labels`, { file: files.classFile!.path });
      }
    }
  }
  const instanceIndices = instanceImage ? toIndices(instanceImage, instanceLookup, files.instanceFile!.path, 'instance') : undefined;
  return { width: reference.width, height: reference.height, segments: splitVocSegments(classIndices, instanceIndices, reference.width * reference.height) };
}

/** Encodes RGB bytes as an 8-bit RGB PNG. */
export function encodeRgbPng(rgb: Uint8Array, width: number, height: number): Uint8Array {
  return encodePng({ width, height, channels: 3, data: rgb });
}
