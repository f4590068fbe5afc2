// Datumaro's optional `images.meta` side file (`<item id> <height> <width>` per line), which Datumaro's YOLO
// importers read to size images that are not in the archive. CVAT does not write it; we do (option `imagesMeta`),
// so annotation-only exports can be read back without the images. It is keyed by item id alone, so two subsets
// holding the same id with different sizes cannot both be described; that case is a diagnostic.
import type { FileSink, FormatContext, Frame } from '@annoconv/core';

export class ImagesMeta {
  private readonly sizes = new Map<string, { width: number; height: number }>();
  private text = '';

  add(id: string, frame: Frame, context: FormatContext): void {
    if (frame.width === undefined || frame.height === undefined) return;
    const known = this.sizes.get(id);
    if (!known) {
      this.sizes.set(id, { width: frame.width, height: frame.height });
      this.text += `${id} ${frame.height} ${frame.width}\n`;
    } else if (known.width !== frame.width || known.height !== frame.height) {
      context.diagnostics.warn(
        'duplicate',
        `images.meta holds one size per item id; '${id}' is ${known.width}×${known.height} in another subset, so this ${frame.width}×${frame.height} image will read back with the wrong size unless its image file is present`,
        { frame: frame.index, frameName: frame.name },
      );
    }
  }

  /** Writes the file when at least one frame had a known size. */
  async write(sink: FileSink): Promise<void> {
    if (this.text) await sink.write('images.meta', this.text);
  }
}
