// Frames by subset and name while reading: two subsets may hold the same file name (`train/1.jpg`, `val/1.jpg`),
// which are different images, so frames are keyed by both (DatasetBuilder keys by name alone).
import type { Dataset, Frame } from '@annoconv/core';

export class FrameTable {
  private readonly byKey = new Map<string, Frame>();
  constructor(private readonly dataset: Dataset) {}

  get(subset: string, name: string): Frame | undefined {
    return this.byKey.get(`${subset}\u0000${name}`);
  }

  add(subset: string, name: string, init: Partial<Pick<Frame, 'width' | 'height' | 'image'>> = {}): Frame {
    const existing = this.get(subset, name);
    if (existing) return existing;
    const frame: Frame = { index: this.dataset.frames.length, name, subset };
    if (init.width !== undefined && init.height !== undefined) {
      frame.width = init.width;
      frame.height = init.height;
    }
    if (init.image) frame.image = init.image;
    this.byKey.set(`${subset}\u0000${name}`, frame);
    this.dataset.frames.push(frame);
    return frame;
  }
}
