// Detection of KITTI 1.0: a `label_2/` folder of 15/16-column text files, or an `instance/` folder of PNGs
// (with `label_colors.txt`), anywhere below the root, with the reasons.
import type { DetectResult, FileTree, FormatContext } from '@annoconv/core';
import { findKittiLayout } from './read.js';

export async function detectKitti(tree: FileTree, _context: FormatContext): Promise<DetectResult> {
  const paths = tree.entries().map((entry) => entry.path);
  const layout = findKittiLayout(paths);
  if (layout.detection.length === 0 && layout.segmentation.length === 0) return { confidence: 0, reasons: ['no label_2/*.txt and no instance/*.png'] };
  const reasons: string[] = [];
  let confidence = 0.5;
  if (layout.detection.length > 0) {
    const file = paths.find((path) => path.startsWith(`${layout.detection[0]}label_2/`) && path.endsWith('.txt'));
    const first = file === undefined ? undefined : (await tree.readText(file)).split('\n').map((line) => line.trim()).find((line) => line !== '');
    const tokens = first?.split(/\s+/) ?? [];
    if (file === undefined) reasons.push(`'${layout.detection[0]}label_2/' holds no label file (a dataset without frames)`);
    else if (first === undefined) reasons.push(`'${file}' is empty`);
    else if ((tokens.length === 15 || tokens.length === 16) && tokens.slice(1).every((token) => Number.isFinite(Number(token)))) {
      reasons.push(`'${file}' rows have ${tokens.length} columns, numeric after the type`);
      confidence = 0.9;
    } else {
      reasons.push(`'${file}' first row has ${tokens.length} tokens, not KITTI's 15 or 16 numeric-after-type`);
      confidence = 0.1;
    }
  }
  if (layout.segmentation.length > 0) {
    reasons.push(`instance/ PNGs under ${layout.segmentation.map((root) => `'${root || '.'}'`).join(', ')}`);
    if (layout.detection.length === 0) confidence = layout.labelColors ? 0.85 : 0.6;
  }
  if (layout.labelColors) reasons.push(`'${layout.labelColors}' found`);
  return { confidence, reasons };
}
