// Copies a frame's image into the output when "save images" is asked for; a frame without image bytes is a
// diagnostic, not an error (the annotations are still written).
import type { FileSink, FormatContext, Frame } from '@annoconv/core';

export async function copyImage(frame: Frame, sink: FileSink, path: string, context: FormatContext): Promise<void> {
  if (!frame.image) {
    context.diagnostics.warn('image-missing', `no image bytes for '${frame.name}'; only its annotations were written`, { frame: frame.index, frameName: frame.name });
    return;
  }
  await sink.write(path, await frame.image.read());
}
