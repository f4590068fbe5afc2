// CVAT's order of its formats listing (CVAT-MODEL.md §5.4): registration order, i.e. CVAT's format modules
// imported alphabetically by file name, declarations in file order. Kept as data so our listing matches CVAT's
// byte for byte whatever order our packages are listed in.

/** Exporter display names in the order `GET /api/server/annotation/formats` returns them. */
export const CVAT_EXPORTER_ORDER: readonly string[] = [
  'Generic TSV 1.0',
  'CamVid 1.0',
  'Cityscapes 1.0',
  'COCO 1.0',
  'COCO Keypoints 1.0',
  'CVAT for video 1.1',
  'CVAT for images 1.1',
  'Datumaro 1.0',
  'Datumaro 3D 1.0',
  'ICDAR Recognition 1.0',
  'ICDAR Localization 1.0',
  'ICDAR Segmentation 1.0',
  'ImageNet 1.0',
  'KITTI 1.0',
  'LabelMe 3.0',
  'LFW 1.0',
  'Market-1501 1.0',
  'Segmentation mask 1.1',
  'MOT 1.1',
  'MOTS PNG 1.0',
  'Open Images V6 1.0',
  'PASCAL VOC 1.1',
  'Sly Point Cloud Format 1.0',
  'Kitti Raw Format 1.0',
  'VGGFace2 1.0',
  'WiderFace 1.0',
  'YOLO 1.1',
  'Ultralytics YOLO Detection 1.0',
  'Ultralytics YOLO Detection Track 1.0',
  'Ultralytics YOLO Oriented Bounding Boxes 1.0',
  'Ultralytics YOLO Segmentation 1.0',
  'Ultralytics YOLO Pose 1.0',
  'Ultralytics YOLO Classification 1.0',
];

/** Importer display names in CVAT's order; CVAT has one importer, "CVAT 1.1", for both CVAT exporters. */
export const CVAT_IMPORTER_ORDER: readonly string[] = [
  'Generic TSV 1.0',
  'CamVid 1.0',
  'Cityscapes 1.0',
  'COCO 1.0',
  'COCO Keypoints 1.0',
  'CVAT 1.1',
  'Datumaro 1.0',
  'Datumaro 3D 1.0',
  'ICDAR Recognition 1.0',
  'ICDAR Localization 1.0',
  'ICDAR Segmentation 1.0',
  'ImageNet 1.0',
  'KITTI 1.0',
  'LabelMe 3.0',
  'LFW 1.0',
  'Market-1501 1.0',
  'Segmentation mask 1.1',
  'MOT 1.1',
  'MOTS PNG 1.0',
  'Open Images V6 1.0',
  'PASCAL VOC 1.1',
  'Sly Point Cloud Format 1.0',
  'Kitti Raw Format 1.0',
  'VGGFace2 1.0',
  'WiderFace 1.0',
  'YOLO 1.1',
  'Ultralytics YOLO Detection 1.0',
  'Ultralytics YOLO Segmentation 1.0',
  'Ultralytics YOLO Oriented Bounding Boxes 1.0',
  'Ultralytics YOLO Pose 1.0',
  'Ultralytics YOLO Classification 1.0',
];

/**
 * Sorts listing entries by a CVAT order table. Names CVAT does not list (formats only we have) follow, by name,
 * so the result never depends on package order.
 */
export function sortByListingOrder<T extends { name: string }>(entries: readonly T[], order: readonly string[]): T[] {
  const rank = new Map(order.map((name, index) => [name, index]));
  return [...entries].sort((a, b) => {
    const rankA = rank.get(a.name) ?? order.length;
    const rankB = rank.get(b.name) ?? order.length;
    if (rankA !== rankB) return rankA - rankB;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}
