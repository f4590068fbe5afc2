// Detection of LabelMe 3.0: `**/*.xml` with an `<annotation>` root whose objects carry `<polygon>` or `<segm>`
// (VOC's also have an `<annotation>` root, but `<bndbox>` objects and `<size>` / `<segmented>`). Object-less files
// prove nothing (datumaro#658: a VOC file without objects sorted first), so several files are looked at before a
// weak yes.
import type { DetectResult, FileTree, FormatContext } from '@annoconv/core';
import { findLabelMeFiles } from './read.js';

const FILES_LOOKED_AT = 20;

export async function detectLabelMe(tree: FileTree, _context: FormatContext): Promise<DetectResult> {
  const files = findLabelMeFiles(tree.entries().map((entry) => entry.path));
  if (files.length === 0) return { confidence: 0, reasons: ['no *.xml file'] };
  let objectless: string | undefined;
  for (const file of files.slice(0, FILES_LOOKED_AT)) {
    const text = (await tree.readText(file.path)).slice(0, 65536);
    if (!/<annotation[\s>]/.test(text)) continue;
    if (/<(bndbox|segmented|database)[\s>]/.test(text)) return { confidence: 0.05, reasons: [`'${file.path}' has PASCAL VOC elements (<bndbox>, <segmented>, <database>)`] };
    if (/<(polygon|segm)[\s>]/.test(text)) return { confidence: 0.9, reasons: [`'${file.path}' is an <annotation> with <polygon> / <segm> objects`, file.mit ? 'MIT layout (Annotations/, Images/, Masks/)' : 'CVAT layout'] };
    if (!/<object[\s>]/.test(text) && /<filename[\s>]/.test(text)) objectless ??= file.path;
  }
  if (objectless) return { confidence: 0.4, reasons: [`'${objectless}' is an <annotation> without objects, and no file tells more`] };
  return { confidence: 0, reasons: ['no XML with an <annotation> root holding <polygon> or <segm> objects'] };
}
