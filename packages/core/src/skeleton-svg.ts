// Skeleton label SVGs as CVAT stores them: `<circle data-type="element node" data-node-id data-label-name|-id>` per
// sub-label and `<line data-type="edge" data-node-from data-node-to>` per joint (node ids are 1-based). Formats that
// carry point names and joints (COCO Keypoints, Datumaro, Ultralytics Pose) convert through these helpers.
import type { Label } from './model/labels.js';

export interface SkeletonLayout {
  /** Sub-labels in the order of the SVG's circles (CVAT's export order); sub-labels the SVG lacks come last. */
  sublabels: Label['sublabels'];
  /** Joints as pairs of 1-based positions in `sublabels`. */
  joints: Array<[number, number]>;
}

function attributeOf(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return match ? (match[2] ?? match[3]) : undefined;
}

/** Reads the node order and edges of a skeleton label's SVG. A missing or unreadable SVG gives sub-label order and no joints. */
export function skeletonLayout(label: Label): SkeletonLayout {
  const svg = label.svg ?? '';
  const nodes: Array<{ nodeId: number; sublabel: Label['sublabels'][number] }> = [];
  for (const match of svg.matchAll(/<circle\b[^>]*>/g)) {
    const tag = match[0];
    const nodeId = Number(attributeOf(tag, 'data-node-id') ?? attributeOf(tag, 'data-element-id'));
    const labelId = attributeOf(tag, 'data-label-id');
    const labelName = attributeOf(tag, 'data-label-name');
    const sublabel =
      (labelId !== undefined ? label.sublabels.find((candidate) => String(candidate.id) === labelId) : undefined) ??
      (labelName !== undefined ? label.sublabels.find((candidate) => candidate.name === labelName) : undefined);
    if (sublabel && Number.isFinite(nodeId) && !nodes.some((node) => node.sublabel.id === sublabel.id)) nodes.push({ nodeId, sublabel });
  }
  const ordered = nodes.map((node) => node.sublabel);
  for (const sublabel of label.sublabels) if (!ordered.includes(sublabel)) ordered.push(sublabel);
  const positionOfNode = new Map(nodes.map((node, index) => [node.nodeId, index + 1]));
  const joints: Array<[number, number]> = [];
  for (const match of svg.matchAll(/<line\b[^>]*>/g)) {
    const from = positionOfNode.get(Number(attributeOf(match[0], 'data-node-from')));
    const to = positionOfNode.get(Number(attributeOf(match[0], 'data-node-to')));
    if (from !== undefined && to !== undefined) joints.push([from, to]);
  }
  return { sublabels: ordered, joints };
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Builds a CVAT-style skeleton SVG for sub-labels named in order, with joints as 1-based pairs. Nodes without given
 * positions are laid out on a circle in CVAT's 100×100 canvas.
 */
export function buildSkeletonSvg(names: readonly string[], joints: ReadonlyArray<readonly [number, number]>, positions?: ReadonlyArray<readonly [number, number]>): string {
  const place = (index: number): readonly [number, number] => {
    const given = positions?.[index];
    if (given) return given;
    const angle = (2 * Math.PI * index) / Math.max(names.length, 1) - Math.PI / 2;
    return [Math.round((50 + 35 * Math.cos(angle)) * 100) / 100, Math.round((50 + 35 * Math.sin(angle)) * 100) / 100];
  };
  const parts: string[] = [];
  for (const [from, to] of joints) {
    const [x1, y1] = place(from - 1);
    const [x2, y2] = place(to - 1);
    parts.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="black" data-type="edge" data-node-from="${from}" stroke-width="0.5" data-node-to="${to}"></line>`);
  }
  names.forEach((name, index) => {
    const [cx, cy] = place(index);
    const id = index + 1;
    parts.push(`<circle r="1.5" stroke="black" fill="#b3b3b3" cx="${cx}" cy="${cy}" stroke-width="0.1" data-type="element node" data-element-id="${id}" data-node-id="${id}" data-label-name="${escapeAttribute(name)}"></circle>`);
  });
  return parts.join('');
}
