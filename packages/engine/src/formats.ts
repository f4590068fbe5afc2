// The explicit list of every format plugin annoconv knows, written by hand (nothing registers itself on import).
// Package order here is alphabetical; the CVAT listing order is applied separately (see listing-order.ts).
import type { FormatPlugin } from '@annoconv/core';
import { plugins as coco } from '@annoconv/format-coco';
import { plugins as cvat } from '@annoconv/format-cvat';
import { plugins as datumaro } from '@annoconv/format-datumaro';
import { plugins as kitti } from '@annoconv/format-kitti';
import { plugins as labelme } from '@annoconv/format-labelme';
import { plugins as mot } from '@annoconv/format-mot';
import { plugins as segmask } from '@annoconv/format-segmask';
import { plugins as tfrecord } from '@annoconv/format-tfrecord';
import { plugins as voc } from '@annoconv/format-voc';
import { plugins as yolo } from '@annoconv/format-yolo';

/** Every built-in format plugin. */
export const formats: readonly FormatPlugin[] = [...coco, ...cvat, ...datumaro, ...kitti, ...labelme, ...mot, ...segmask, ...tfrecord, ...voc, ...yolo];
