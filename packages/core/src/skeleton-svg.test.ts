import { describe, expect, it } from 'vitest';
import { buildSkeletonSvg, skeletonLayout } from './skeleton-svg.js';
import type { Label } from './model/labels.js';

function skeleton(svg: string | undefined): Label {
  const sublabels = ['nose', 'eye', 'ear'].map((name, index) => ({ id: 10 + index, name, color: '', type: 'points' as const, attributes: [], parent_id: 1 }));
  return { id: 1, name: 'face', color: '', type: 'skeleton', attributes: [], sublabels, ...(svg !== undefined ? { svg } : {}) };
}

describe('skeleton SVG', () => {
  it('round-trips names and joints through buildSkeletonSvg and skeletonLayout', () => {
    const svg = buildSkeletonSvg(['ear', 'nose', 'eye'], [[1, 2], [2, 3]]);
    const layout = skeletonLayout(skeleton(svg));
    expect(layout.sublabels.map((sublabel) => sublabel.name)).toEqual(['ear', 'nose', 'eye']);
    expect(layout.joints).toEqual([[1, 2], [2, 3]]);
  });
  it('resolves circles by data-label-id, as CVAT stores them', () => {
    const svg = '<line data-type="edge" data-node-from="7" data-node-to="3"></line><circle data-type="element node" data-node-id="3" data-label-id="12"></circle><circle data-node-id="7" data-label-id="10"></circle>';
    const layout = skeletonLayout(skeleton(svg));
    expect(layout.sublabels.map((sublabel) => sublabel.name)).toEqual(['ear', 'nose', 'eye']);
    expect(layout.joints).toEqual([[2, 1]]);
  });
  it('falls back to sub-label order without an SVG', () => {
    expect(skeletonLayout(skeleton(undefined))).toEqual({ sublabels: skeleton(undefined).sublabels, joints: [] });
  });
});
