// Detection of PASCAL VOC: Datumaro's rule (any ImageSets/Main|Segmentation|Layout|Action/*.txt), made surer by
// Annotations XML with an <annotation> root, and a weak match for a bare Annotations/*.xml folder (CVAT lists those
// itself before importing).
import type { DetectResult, FileTree, FormatContext } from '@annoconv/core';
import { findVocLayout } from '@annoconv/io';

export async function detectVoc(tree: FileTree, _context: FormatContext): Promise<DetectResult> {
  const paths = tree.entries().map((entry) => entry.path);
  const layout = findVocLayout(paths);
  if (!layout) return detectFlatXml(tree, paths);
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

/**
 * A folder (or zip) of bare VOC XML files, which CVAT accepts by moving them into Annotations/. Weak, since any
 * XML could be there: the first file must have an <annotation> root with a box or an image size, and no LabelMe
 * polygon.
 */
async function detectFlatXml(tree: FileTree, paths: string[]): Promise<DetectResult> {
  const xml = paths.filter((path) => path.toLowerCase().endsWith('.xml')).sort()[0];
  if (!xml) return { confidence: 0, reasons: ['no ImageSets/Main|Segmentation|Layout|Action/*.txt list, no Annotations/*.xml and no *.xml files'] };
  const head = (await tree.readText(xml)).slice(0, 8192);
  const voc = /<annotation[\s>]/.test(head) && /<(bndbox|size)>/.test(head) && !/<polygon>/.test(head);
  if (!voc) return { confidence: 0, reasons: [`no VOC folders, and '${xml}' is not a VOC annotation (<annotation> with <bndbox> or <size>)`] };
  return { confidence: 0.35, reasons: [`no VOC folders, but '${xml}' is a VOC annotation (CVAT reads a flat upload of XML files as subset 'train')`] };
}
