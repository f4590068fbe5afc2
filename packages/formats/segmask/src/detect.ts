// Detection of Segmentation mask: VOC segmentation lists with class PNGs and no Annotations XML is this format;
// any other VOC layout matches weakly (CVAT's importer is the generic VOC one).
import type { DetectResult, FileTree, FormatContext } from '@annoconv/core';
import { findVocLayout } from '@annoconv/io';

export async function detectSegmask(tree: FileTree, _context: FormatContext): Promise<DetectResult> {
  const paths = tree.entries().map((entry) => entry.path);
  const layout = findVocLayout(paths);
  if (!layout) return { confidence: 0, reasons: ['no ImageSets/Segmentation/*.txt list'] };
  const segmentationLists = layout.lists.filter((list) => list.task === 'Segmentation');
  const hasXml = paths.some((path) => path.startsWith(`${layout.root}Annotations/`));
  const hasClassPng = paths.some((path) => path.startsWith(`${layout.root}SegmentationClass/`) && path.endsWith('.png'));
  const otherLists = layout.lists.some((list) => list.task !== 'Segmentation');
  const reasons: string[] = [];
  if (segmentationLists.length === 0) return { confidence: 0, reasons: ['no ImageSets/Segmentation/*.txt list'] };
  reasons.push(`${segmentationLists.length} ImageSets/Segmentation list(s)`);
  if (hasXml || otherLists) {
    reasons.push('also has Annotations XML or Main/Layout/Action lists: a PASCAL VOC dataset');
    return { confidence: 0.3, reasons };
  }
  if (hasClassPng) reasons.push('SegmentationClass PNGs');
  return { confidence: hasClassPng ? 0.95 : 0.8, reasons };
}
