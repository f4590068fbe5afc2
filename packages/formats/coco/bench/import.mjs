// COCO import only (no CLI): reads a generated dataset folder into the canonical model.
import { createContext } from '@annoconv/core';
import { cocoPlugin } from '@annoconv/format-coco';
import { FsTree } from '../dist/bench/fs-tree.js';

const dataset = await cocoPlugin.read(new FsTree(process.argv[2]), {}, createContext());
if (dataset.annotations.shapes.length === 0) throw new Error('nothing imported');
