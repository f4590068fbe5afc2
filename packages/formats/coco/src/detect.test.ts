import { describe, expect, it } from 'vitest';
import { createContext } from '@annoconv/core';
import { MemoryTree } from '@annoconv/io';
import { cocoKeypointsPlugin, cocoPlugin } from './plugin.js';

const body = JSON.stringify({ images: [], annotations: [], categories: [] });

async function confidences(files: Record<string, string>): Promise<[number, number]> {
  const tree = new MemoryTree(files);
  return [(await cocoPlugin.detect!(tree, createContext())).confidence, (await cocoKeypointsPlugin.detect!(tree, createContext())).confidence];
}

describe('detection', () => {
  it('prefers the flavour whose task files are present', async () => {
    expect(await confidences({ 'annotations/instances_train.json': body })).toEqual([0.9, 0.3]);
    expect(await confidences({ 'x/annotations/person_keypoints_val.json': body })).toEqual([0.6, 0.9]);
    expect(await confidences({ 'train/_annotations.coco.json': body })).toEqual([0.8, 0.3]);
  });

  it('peeks into a single JSON file', async () => {
    expect((await confidences({ 'export.json': body }))[0]).toBe(0.6);
    expect((await confidences({ 'export.json': JSON.stringify({ annotations: [{ keypoints: [1, 2, 2] }] }) }))[1]).toBe(0.7);
    expect(await confidences({ 'export.json': JSON.stringify({ items: [] }) })).toEqual([0, 0]);
  });

  it('says why it does not match', async () => {
    const result = await cocoPlugin.detect!(new MemoryTree({ 'labels/a.txt': '0 0.5 0.5 1 1' }), createContext());
    expect(result.confidence).toBe(0);
    expect(result.reasons.join(' ')).toContain('annotations');
    expect((await confidences({ 'annotations/my_set.json': body }))[0]).toBe(0.3);
  });
});
