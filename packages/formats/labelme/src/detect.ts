// Detection of LabelMe 3.0: `**/*.xml` with an `<annotation>` root whose objects carry `<polygon>` or `<segm>`
// (VOC's also have an `<annotation>` root, but `<bndbox>` objects); object-less files are accepted, weakly.
import type { DetectResult, FileTree, FormatContext } from '@annoconv/core';
import { findLabelMeFiles } from './read.js';

export async function detectLabelMe(tree: FileTree, _context: FormatContext): Promise<DetectResult> {
  const files = findLabelMeFiles(tree.entries().map((entry) => entry.path));
  if (files.length === 0) return { confidence: 0, reasons: ['no *.xml file'] };
  for (const file of files.slice(0, 5)) {
    const text = (await tree.readText(file.path)).slice(0, 65536);
    if (!/<annotation[\s>]/.test(text)) continue;
    if (/<bndbox[\s>]/.test(text)) return { confidence: 0.05, reasons: [`'${file.path}' has <bndbox> objects (PASCAL VOC)`] };
    if (/<(polygon|segm)[\s>]/.test(text)) return { confidence: 0.9, reasons: [`'${file.path}' is an <annotation> with <polygon> / <segm> objects`, file.mit ? 'MIT layout (Annotations/, Images/, Masks/)' : 'CVAT layout'] };
    if (!/<object[\s>]/.test(text) && /<filename[\s>]/.test(text)) return { confidence: 0.4, reasons: [`'${file.path}' is an <annotation> without objects`] };
  }
  return { confidence: 0, reasons: ['no XML with an <annotation> root holding <polygon> or <segm> objects'] };
}
