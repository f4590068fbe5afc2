// Detection of MOT 1.1 (`gt/gt.txt` of comma-separated numeric rows) and MOTS PNG 1.0 (`instances/` of PNGs with
// `labels.txt`), with the reasons either does or does not match.
import type { DetectResult, FileTree, FormatContext } from '@annoconv/core';
import { findMotRoot } from './read-mot.js';
import { findMotsRoots } from './read-mots.js';

export async function detectMot(tree: FileTree, _context: FormatContext): Promise<DetectResult> {
  const paths = tree.entries().map((entry) => entry.path);
  const root = findMotRoot(paths);
  if (root === undefined) return { confidence: 0, reasons: ['no gt/gt.txt'] };
  const text = (await tree.readText(`${root}gt/gt.txt`)).slice(0, 4096);
  const first = text.split('\n').map((line) => line.trim()).find((line) => line !== '');
  const reasons = [`'${root}gt/gt.txt' found`];
  if (first === undefined) return { confidence: 0.5, reasons: [...reasons, 'gt.txt is empty'] };
  const columns = first.split(',');
  if (columns.length < 7 || columns.some((column) => column.trim() !== '' && !Number.isFinite(Number(column)))) return { confidence: 0.1, reasons: [...reasons, `first row '${first.slice(0, 60)}' is not 7+ comma-separated numbers`] };
  reasons.push(`first row has ${columns.length} numeric columns`);
  if (paths.includes(`${root}gt/labels.txt`)) reasons.push('gt/labels.txt found');
  return { confidence: 0.95, reasons };
}

export async function detectMots(tree: FileTree, _context: FormatContext): Promise<DetectResult> {
  const paths = tree.entries().map((entry) => entry.path);
  const roots = findMotsRoots(paths);
  if (roots.length === 0) return { confidence: 0, reasons: ['no instances/*.png'] };
  if (!paths.some((path) => /(^|\/)instances\/[^/]+\.png$/i.test(path))) return { confidence: 0.3, reasons: ['instances/labels.txt but no instance PNG'] };
  const reasons = [`instances/ PNGs under ${roots.map((root) => `'${root || '.'}'`).join(', ')}`];
  const withLabels = roots.filter((root) => paths.includes(`${root}instances/labels.txt`));
  if (withLabels.length === 0) return { confidence: 0.5, reasons: [...reasons, 'no instances/labels.txt'] };
  reasons.push('instances/labels.txt found');
  return { confidence: 0.9, reasons };
}
