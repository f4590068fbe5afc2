// Detection of PASCAL VOC: Datumaro's rule (any ImageSets/Main|Segmentation|Layout|Action/*.txt), made surer by
// Annotations XML with an <annotation> root, and a weak match for a bare Annotations/*.xml folder (CVAT lists those
// itself before importing).
import type { DetectResult, FileTree, FormatContext } from '@annoconv/core';
import { findVocLayout } from '@annoconv/io';

export async function detectVoc(tree: FileTree, _context: FormatContext): Promise<DetectResult> {
  const paths = tree.entries().map((entry) => entry.path);
  const layout = findVocLayout(paths);
  if (!layout) return { confidence: 0, reasons: ['no ImageSets/Main|Segmentation|Layout|Action/*.txt list and no Annotations/*.xml'] };
  const xml = paths.find((path) => path.startsWith(`${layout.root}Annotations/`) && path.endsWith('.xml'));
  let annotationRoot = false;
  if (xml) annotationRoot = /<annotation[\s>]/.test((await tree.readText(xml)).slice(0, 4096));
  const reasons: string[] = [];
  if (layout.lists.length > 0) reasons.push(`${layout.lists.length} ImageSets list(s) under '${layout.root || '.'}'`);
  if (xml) reasons.push(annotationRoot ? 'Annotations XML with an <annotation> root' : `'${xml}' has no <annotation> root`);
  const hasDetection = layout.lists.some((list) => list.task !== 'Segmentation') || annotationRoot;
  if (layout.lists.length > 0) return { confidence: hasDetection ? 0.9 : 0.6, reasons };
  return { confidence: annotationRoot ? 0.4 : 0, reasons: annotationRoot ? reasons : [...reasons, 'no ImageSets lists'] };
}
