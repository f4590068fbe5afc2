// Golden stability of conversion chains: A → B → A may lose what B cannot hold on the first hop, but a second
// round trip through B must give back exactly the files (and the dataset) of the first.
import fc from 'fast-check';
import { AnnoconvError, type FileTree } from '@annoconv/core';
import { describe, it } from 'vitest';
import { canonicalize, datasetArbitrary } from '@annoconv/testing';
import { findFormat } from '../find-format.js';
import { readDataset } from '../read-dataset.js';
import { arbitraryOptions, formatProfile, maskKeepingOptions } from './format-profiles.js';
import { sourceFormats, writableFormats } from './interop-support.js';
import { avoidKnownBugs, isKnownConversionBug } from './known-bugs.js';
import { convertTree, writeDataset } from './run-conversion.js';

async function files(tree: FileTree): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of [...tree.entries()].sort((a, b) => (a.path < b.path ? -1 : 1))) result[entry.path] = Buffer.from(await tree.read(entry.path)).toString('base64');
  return result;
}

// Formats that may give back no image sizes: MOT, KITTI's label_2, "CVAT for video" (known bug "video sizes").
const sizeless = new Set(['mot', 'kitti', 'cvat-video']);

// Chains that are not stable yet, with what makes them drift (reported; `it.fails` until fixed).
// MOTS read with masks kept gives per-frame masks (CVAT cannot interpolate a mask track of several keyframes; CVAT's
// own import reads only polygons), and a MOTS export keeps only tracks (CVAT's KeepTracks): what one round trip
// brings back as masks, the next one drops.
const motsMasks = 'MOTS masks come back as per-frame masks (no mask tracks in CVAT) and MOTS export keeps only tracks (KeepTracks): the second round trip drops them';
const pixels = 'masks ↔ polygons drift on every round trip: maskToPolygons (vertices on pixel edges) then pycocotools rasterization does not give the mask back';
const KNOWN_UNSTABLE: Record<string, string> = {
  'segmask → ultralytics-segmentation': pixels,
  'segmask → tfrecord': pixels,
  'ultralytics-segmentation → segmask': pixels,
  'ultralytics-obb → segmask': pixels,
  'ultralytics-detection → segmask': pixels,
  'yolo → segmask': pixels,
  'voc → ultralytics-segmentation': pixels,
  'voc → ultralytics-obb': 'rotated boxes: OBB corners (6 decimals) and VOC (2 decimals) do not settle after one round trip',
  'cvat → cvat-video': 'the second round trip through "CVAT for video" adds shapes (plain shapes become tracks that reach further)',
  'cvat-video → cvat': 'tracks flattened by "CVAT for images" and rebuilt do not settle after one round trip',
  'coco-keypoints → cvat-video': 'skeletons through "CVAT for video" change on the second round trip',
  // CVAT writes a plain shape as a track closed by an outside keyframe only when f + step < stop frame, so a shape
  // on the second-to-last frame stays visible on the last one and every round trip adds shapes there.
  'cvat-video → ultralytics-segmentation': 'a plain shape near the last frame reaches one frame further on every round trip through "CVAT for video"',
  'cvat-video → ultralytics-pose': 'a plain shape near the last frame reaches one frame further on every round trip through "CVAT for video"',
  'cvat-video → labelme': 'a plain shape near the last frame reaches one frame further on every round trip through "CVAT for video"',
  'labelme → cvat-video': 'a plain shape near the last frame reaches one frame further on every round trip through "CVAT for video"',
  'kitti → cvat-video': 'a plain shape near the last frame reaches one frame further on every round trip through "CVAT for video"',
  'ultralytics-segmentation → kitti': pixels,
  'coco → mots': motsMasks,
  'cvat-video → mots': motsMasks,
  'voc → mots': motsMasks,
  // CVAT writes no seqinfo.ini, so MOT keeps frames up to the last annotated one only; TFRecord normalizes boxes by
  // the image size, which MOT does not give back, so the first round trip empties frames the second one then loses.
  'tfrecord → mot': 'MOT keeps no frame after the last annotated one (no seqinfo.ini, as CVAT) and TFRecord drops the boxes of frames MOT gives back without a size',
};

describe.concurrent('A → B → A is stable after the first round trip', () => {
  for (const home of sourceFormats) {
    const [generated] = fc.sample(datasetArbitrary(arbitraryOptions(home, true)), { numRuns: 1, seed: 1129 });
    for (const away of writableFormats) {
      const awayReader = findFormat(formatProfile(away).readAs);
      const known = process.env.INTEROP_NO_KNOWN ? undefined : KNOWN_UNSTABLE[`${home.id} → ${away.id}`];
      (known ? it.fails : it)(`${home.id} → ${away.id} → ${home.id}${known ? ` (known: ${known})` : ''}`, async ({ expect }) => {
        const input = avoidKnownBugs(avoidKnownBugs(structuredClone(generated!), home), away);
        // The chain's steps are CVAT's own known bug there (see known-bugs.ts).
        expect(isKnownConversionBug(input, away)).toBe(false);
        const roundTrip = async (tree: FileTree): Promise<FileTree> => {
          const there = await convertTree(tree, home, away, maskKeepingOptions(home));
          return (await convertTree(there.tree, awayReader, home, maskKeepingOptions(awayReader))).tree;
        };
        let first: FileTree;
        let second: FileTree;
        try {
          first = await roundTrip((await writeDataset(input, home)).tree);
          second = await roundTrip(first);
        } catch (error) {
          // YOLO needs image sizes that MOT, KITTI (and "CVAT for video", known bug "video sizes") do not give back: a
          // typed refusal naming the frame is the right answer. Known bug "segmask empty" (known-bugs.ts): a
          // Segmentation mask output that lists no frame is refused by its own reader.
          const sizeRefusal = (sizeless.has(home.id) || sizeless.has(away.id)) && AnnoconvError.isInstance(error) && error.code === 'schema' && /no known size/.test(error.message);
          const segmaskEmpty = (home.id === 'segmask' || away.id === 'segmask') && AnnoconvError.isInstance(error) && /segmask output: no Segmentation mask layout found/.test(error.message);
          // A format that cannot hold a dataset without frames (its profile says so, its writer reports it) gives
          // an output its own reader refuses, once an earlier hop has lost every frame.
          const emptyRefusal = [home, away].some((format) => !formatProfile(format).holdsEmptyDataset && AnnoconvError.isInstance(error) && error.code === 'parse' && error.message.startsWith(`${format.id} output:`));
          expect(sizeRefusal || segmaskEmpty || emptyRefusal, String(error)).toBe(true);
          return;
        }
        const read = async (tree: FileTree) => canonicalize((await readDataset(tree, { from: home, options: maskKeepingOptions(home) })).dataset, { byNames: true });
        expect(await read(second)).toEqual(await read(first));
        expect(await files(second)).toEqual(await files(first));
      });
    }
  }
});
