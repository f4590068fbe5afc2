// Public entry point of @annoconv/format-yolo: YOLO 1.1 (Darknet) and the Ultralytics YOLO family. `plugins` is what
// @annoconv/engine lists; 'yolo' comes first so that `--to yolo` means Darknet.
import type { FormatPlugin } from '@annoconv/core';
import {
  ultralyticsClassificationPlugin,
  ultralyticsDetectionPlugin,
  ultralyticsObbPlugin,
  ultralyticsPosePlugin,
  ultralyticsSegmentationPlugin,
  ultralyticsTrackPlugin,
  yoloPlugin,
} from './plugin.js';

export {
  ultralyticsClassificationPlugin,
  ultralyticsDetectionPlugin,
  ultralyticsObbPlugin,
  ultralyticsPosePlugin,
  ultralyticsSegmentationPlugin,
  ultralyticsTrackPlugin,
  yoloPlugin,
};

export const plugins: FormatPlugin[] = [
  yoloPlugin,
  ultralyticsDetectionPlugin,
  ultralyticsTrackPlugin,
  ultralyticsSegmentationPlugin,
  ultralyticsObbPlugin,
  ultralyticsPosePlugin,
  ultralyticsClassificationPlugin,
];
