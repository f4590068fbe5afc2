// What the interoperability suite expects of each writable format after a write and a read back: which reader
// reads the output, which detections count as right, how precise boxes are, and what survives. Everything not
// listed here is derived from the plugin's declared `capabilities`, so a new format gets checked by default.
import type { FormatPlugin } from '@annoconv/core';
import type { ModelArbitraryOptions } from '@annoconv/testing';

export interface FormatProfile {
  id: string;
  /** The reader for this format's output (Detection Track has no importer: CVAT reads it as Detection). */
  readAs: string;
  /** Detections of the output that are right: the format itself or a sibling flavour with the same meaning. */
  detectAs: readonly string[];
  /** Largest difference of a box coordinate after writing and reading back, in pixels. */
  boxTolerance: number;
  /** Box rotation survives (OBB corners, `rotation` attributes, CVAT XML). */
  keepsRotation: boolean;
  /** Object attribute values survive, looked up by spec name. */
  keepsAttributes: boolean;
  /** Per-frame shapes of a track come back as one track (track ids in the file, or native tracks). */
  rebuildsTracks: boolean;
  /** Tracks are rebuilt from per-frame shapes with CVAT's keyframe inference (`shapesToTracks`), not stored. */
  rebuildsFromFrames: boolean;
  /** Every top-level label of the dataset is listed in the output, used or not. */
  keepsUnusedLabels: boolean;
  /**
   * Label names the format reserves and does not read back as labels (KITTI's class 0, `background`): such a label
   * may be missing from the output only when a diagnostic of the way names it (objectKind 'label').
   */
  reservedLabels: readonly string[];
  /**
   * Label names the format cannot hold at all, its import failing on them as CVAT's does (KITTI: whitespace in a
   * label_colors.txt name or a label_2 type): an output with such a label need not read back when the writer
   * reported the label (invalid-value, objectKind 'label').
   */
  unreadableLabelNames?: RegExp;
  /**
   * Attributes the format keeps as 0 / 1 fields rather than values (VOC's truncated, difficult): a false value
   * may come back as no value, since the reader makes the attribute only once it meets a 1.
   */
  flagAttributes: readonly string[];
  /**
   * How a frame read back is recognised: by its name, by its name without extension (formats that name frames
   * after image files they do not have), or by its position (video-like formats that number their frames).
   */
  frames: 'names' | 'stems' | 'positions' | 'mot-numbers';
  /**
   * A dataset without frames is something the format's reader accepts (LabelMe has per-frame XML files only: its
   * writer reports an empty output, which no LabelMe import reads).
   */
  holdsEmptyDataset: boolean;
  /** Frames without objects come back too (MOTS only writes a PNG per annotated frame). */
  keepsEmptyFrames: boolean;
  /**
   * Which frames come back with their size: all, only those with objects (sized by their mask PNG), none, or
   * all but only for datasets in interpolation mode (known bug "video sizes", see known-bugs.ts).
   */
  sizes: 'all' | 'annotated' | 'none' | 'interpolation-mode';
  /** Reader options that give back what was written (masks as masks rather than polygons). */
  readOptions: Record<string, unknown>;
}

// Two decimals with Python's rounding (CVAT XML, COCO, VOC, Datumaro as CVAT writes them, TFRecord's reader).
const twoDecimals = 0.0051;
// `%.6f` of coordinates divided by a frame side of at most 64 px, corners rebuilt from centre and size.
const sixDecimalsNormalized = 0.001;

const overrides: Record<string, Partial<FormatProfile>> = {
  cvat: { detectAs: ['cvat', 'cvat-video'], keepsRotation: true, keepsAttributes: true },
  // A video export names its frames frame_%06d (CVAT writes no image names for video).
  'cvat-video': { detectAs: ['cvat', 'cvat-video'], keepsRotation: true, keepsAttributes: true, rebuildsTracks: true, frames: 'positions', sizes: 'interpolation-mode' },
  coco: { keepsRotation: true, keepsAttributes: true, rebuildsTracks: true },
  'coco-keypoints': { rebuildsTracks: true },
  datumaro: { keepsRotation: true, keepsAttributes: true, rebuildsTracks: true },
  voc: { keepsRotation: true, keepsAttributes: true, rebuildsTracks: true, flagAttributes: ['truncated', 'difficult'] },
  // LabelMe keeps a box's rotation and every attribute in the object's attribute text, but no label list: a label
  // comes back only through its objects (the writer reports the others, field-dropped).
  labelme: { keepsRotation: true, keepsAttributes: true, keepsUnusedLabels: false, holdsEmptyDataset: false },
  // KITTI's label_2/ keeps no image size (the writer says so, field-dropped); only a segmentation-only export has
  // its sizes back, from the instance PNGs. Without image_2/, a frame's extension is not known (read as .png).
  // The class `background` is always class 0 and import creates no label for it (CVAT drops its objects); label
  // names with whitespace break label_colors.txt and label_2 rows (Datumaro's own import fails on them).
  kitti: { sizes: 'none', frames: 'stems', reservedLabels: ['background'], unreadableLabelNames: /\s/ },
  // MOT frame n is the frame whose item id is the number n, else the one at position n − 1 (CVAT's rule); frames
  // are read back as 000001.jpg… up to the last annotated one (CVAT writes no seqinfo.ini).
  mot: { rebuildsTracks: true, frames: 'mot-numbers', keepsEmptyFrames: false },
  // MOTS names PNGs after item ids and writes none for frames without objects.
  mots: { rebuildsTracks: true, frames: 'stems', keepsEmptyFrames: false },
  // Without JPEGImages/, a frame's extension is not known (read as .jpg) and an unannotated one has no size.
  segmask: { frames: 'stems', sizes: 'annotated' },
  yolo: { boxTolerance: sixDecimalsNormalized },
  'ultralytics-detection': { boxTolerance: sixDecimalsNormalized },
  'ultralytics-track': { readAs: 'ultralytics-detection', detectAs: ['ultralytics-detection'], boxTolerance: sixDecimalsNormalized, rebuildsTracks: true },
  // A Segmentation file whose polygons are all 4-corner rectangles is an OBB file too (docs/formats/yolo.md).
  'ultralytics-segmentation': { boxTolerance: sixDecimalsNormalized, detectAs: ['ultralytics-segmentation', 'ultralytics-obb'] },
  'ultralytics-obb': { boxTolerance: sixDecimalsNormalized, keepsRotation: true },
  // Pose lists skeleton labels only (its class ids count skeletons).
  'ultralytics-pose': { boxTolerance: sixDecimalsNormalized, keepsUnusedLabels: false },
  // Class folders exist only for the labels that tag something.
  'ultralytics-classification': { keepsUnusedLabels: false },
};

/** The profile of a writable format: defaults from its capabilities, then what the format's docs say. */
export function formatProfile(plugin: FormatPlugin): FormatProfile {
  const base: FormatProfile = {
    id: plugin.id,
    readAs: plugin.id,
    detectAs: [plugin.id],
    boxTolerance: twoDecimals,
    keepsRotation: false,
    keepsAttributes: false,
    rebuildsTracks: plugin.capabilities.tracks === 'native',
    rebuildsFromFrames: plugin.capabilities.tracks === 'per-frame',
    keepsUnusedLabels: true,
    reservedLabels: [],
    flagAttributes: [],
    frames: 'names',
    keepsEmptyFrames: true,
    holdsEmptyDataset: true,
    sizes: plugin.capabilities.imageSizes ? 'all' : 'none',
    readOptions: {},
  };
  const profile = { ...base, ...overrides[plugin.id] };
  if (profile.detectAs === base.detectAs && profile.readAs !== plugin.id) profile.detectAs = [profile.readAs];
  return profile;
}

/** Reader options that keep masks as masks, for readers that declare the option. */
export function maskKeepingOptions(reader: FormatPlugin): Record<string, unknown> {
  const declares = (reader.options ?? []).some((option) => option.name === 'convMaskToPoly');
  // Readers that convert by default (VOC, Segmentation mask, MOTS) declare the option; the others keep masks.
  return declares ? { convMaskToPoly: false } : {};
}

/** Small, rich datasets: what the target can hold (restricted) or everything the model has (full). */
export function arbitraryOptions(plugin: FormatPlugin, restricted: boolean): ModelArbitraryOptions {
  const small: ModelArbitraryOptions = { maxFrames: 3, maxObjects: 4, maxLabels: 3, maxFrameSize: 40, fractionalPoints: true };
  if (!restricted) return small;
  const { shapes, tags, tracks, attributes } = plugin.capabilities;
  return { ...small, shapeTypes: shapes, tags, tracks: tracks !== 'none', attributes };
}
