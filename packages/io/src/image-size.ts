// Image dimensions from file headers, without decoding pixels: PNG, JPEG, BMP, GIF, WebP and TIFF. Sizes are
// the stored ones; a JPEG's EXIF orientation is not applied (PIL's `Image.size`, which CVAT and Datumaro
// report, does not apply it either).

export type ImageFormat = 'png' | 'jpeg' | 'bmp' | 'gif' | 'webp' | 'tiff';

export interface ImageSize {
  width: number;
  height: number;
  format: ImageFormat;
}

/** What a probe concluded: a size, "not an image we know", or "the header continues past these bytes". */
export type ImageProbe = ImageSize | 'unknown' | 'need-more';

/** The size from the first bytes of an image file; undefined when the format is unknown or the bytes too few. */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  const probe = probeImageSize(bytes);
  return typeof probe === 'object' ? probe : undefined;
}

/** Like `readImageSize`, but tells an unknown format from a header that needs more bytes. */
export function probeImageSize(bytes: Uint8Array): ImageProbe {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = bytes.byteLength;
  if (length < 2) return 'need-more';
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return pngSize(bytes, view);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, view);
  if (bytes[0] === 0x42 && bytes[1] === 0x4d) return bmpSize(view);
  if (bytes[0] === 0x47 && bytes[1] === 0x49) return gifSize(bytes, view);
  if (bytes[0] === 0x52 && bytes[1] === 0x49) return webpSize(bytes, view);
  if ((bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d)) return tiffSize(bytes, view);
  return 'unknown';
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function sized(width: number, height: number, format: ImageFormat): ImageProbe {
  return width > 0 && height > 0 ? { width, height, format } : 'unknown';
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(bytes: Uint8Array, view: DataView): ImageProbe {
  if (bytes.byteLength < 24) return 'need-more';
  if (PNG_SIGNATURE.some((value, index) => bytes[index] !== value) || ascii(bytes, 12, 4) !== 'IHDR') return 'unknown';
  return sized(view.getUint32(16), view.getUint32(20), 'png');
}

/** Start-of-frame markers of every coding process (ITU T.81 table B.1): C0–C3, C5–C7, C9–CB, CD–CF. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(bytes: Uint8Array, view: DataView): ImageProbe {
  let offset = 2;
  for (;;) {
    if (offset >= bytes.byteLength) return 'need-more';
    if (bytes[offset] !== 0xff) return 'unknown';
    // Any number of 0xFF fill bytes may precede a marker (T.81 B.1.1.2).
    while (offset < bytes.byteLength && bytes[offset] === 0xff) offset++;
    if (offset >= bytes.byteLength) return 'need-more';
    const marker = bytes[offset++];
    // Markers without a length: TEM, RST0–7, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    // End of image or start of scan before any frame header: no size to find.
    if (marker === 0xd9 || marker === 0xda) return 'unknown';
    if (offset + 2 > bytes.byteLength) return 'need-more';
    const segmentLength = view.getUint16(offset);
    if (segmentLength < 2) return 'unknown';
    if (isStartOfFrame(marker)) {
      if (offset + 7 > bytes.byteLength) return 'need-more';
      // Segment: length(2) precision(1) lines(2) samples per line(2).
      return sized(view.getUint16(offset + 5), view.getUint16(offset + 3), 'jpeg');
    }
    offset += segmentLength;
  }
}

function bmpSize(view: DataView): ImageProbe {
  if (view.byteLength < 26) return 'need-more';
  const headerSize = view.getUint32(14, true);
  if (headerSize === 12) return sized(view.getUint16(18, true), view.getUint16(20, true), 'bmp');
  if (headerSize < 40) return 'unknown';
  // A negative height marks a top-down bitmap; its magnitude is the height.
  return sized(Math.abs(view.getInt32(18, true)), Math.abs(view.getInt32(22, true)), 'bmp');
}

function gifSize(bytes: Uint8Array, view: DataView): ImageProbe {
  if (bytes.byteLength < 10) return 'need-more';
  const signature = ascii(bytes, 0, 6);
  if (signature !== 'GIF87a' && signature !== 'GIF89a') return 'unknown';
  return sized(view.getUint16(6, true), view.getUint16(8, true), 'gif');
}

function webpSize(bytes: Uint8Array, view: DataView): ImageProbe {
  if (bytes.byteLength < 30) return 'need-more';
  if (ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return 'unknown';
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ') {
    // Lossy: a key frame's start code 9D 01 2A, then 14-bit width and height (2 bits of scale above them).
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return 'unknown';
    return sized(view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff, 'webp');
  }
  if (chunk === 'VP8L') {
    // Lossless: signature 0x2F, then width − 1 and height − 1 in 14 bits each, least significant first.
    if (bytes[20] !== 0x2f) return 'unknown';
    const bits = view.getUint32(21, true);
    return sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1, 'webp');
  }
  if (chunk === 'VP8X') {
    // Extended: canvas width − 1 and height − 1 as 24-bit little-endian numbers after 4 bytes of flags.
    const width = bytes[24] | (bytes[25] << 8) | (bytes[26] << 16);
    const height = bytes[27] | (bytes[28] << 8) | (bytes[29] << 16);
    return sized(width + 1, height + 1, 'webp');
  }
  return 'unknown';
}

const TIFF_IMAGE_WIDTH = 256;
const TIFF_IMAGE_LENGTH = 257;
const TIFF_SHORT = 3;
const TIFF_LONG = 4;

function tiffSize(bytes: Uint8Array, view: DataView): ImageProbe {
  if (bytes.byteLength < 8) return 'need-more';
  const little = bytes[0] === 0x49;
  if (view.getUint16(2, little) !== 42) return 'unknown';
  // The first image file directory may lie anywhere in the file, often after the pixel data.
  const directory = view.getUint32(4, little);
  if (directory < 8) return 'unknown';
  if (directory + 2 > bytes.byteLength) return 'need-more';
  const count = view.getUint16(directory, little);
  if (directory + 2 + count * 12 > bytes.byteLength) return 'need-more';
  let width = 0;
  let height = 0;
  for (let index = 0; index < count; index++) {
    const entry = directory + 2 + index * 12;
    const tag = view.getUint16(entry, little);
    if (tag !== TIFF_IMAGE_WIDTH && tag !== TIFF_IMAGE_LENGTH) continue;
    const type = view.getUint16(entry + 2, little);
    const value = type === TIFF_SHORT ? view.getUint16(entry + 8, little) : type === TIFF_LONG ? view.getUint32(entry + 8, little) : 0;
    if (tag === TIFF_IMAGE_WIDTH) width = value;
    else height = value;
  }
  return sized(width, height, 'tiff');
}
