// The native data of KITTI 1.0: a `label_2` row, `label_colors.txt` entries and Datumaro's default KITTI colour
// map (Cityscapes classes, DM `kitti_format/format.py`), used when an archive has no `label_colors.txt`.

export type Rgb = [number, number, number];

export interface LabelColor {
  name: string;
  color?: Rgb;
}

/** One `label_2` line: 15 columns, or 16 with a score (KITTI devkit readme). */
export interface KittiObject {
  line: number;
  type: string;
  truncated: number;
  occluded: number;
  alpha: number;
  /** left, top, right, bottom in pixels. */
  box: [number, number, number, number];
  /** dimensions h w l, location x y z, rotation_y: the 3D fields CVAT does not keep. */
  threeD: number[];
  score?: number;
  scoreText?: string;
}

export const KITTI_DEFAULT_COLORS: readonly LabelColor[] = (
  [
    ['unlabeled', 0, 0, 0], ['egovehicle', 0, 0, 0], ['rectificationborder', 0, 0, 0], ['outofroi', 0, 0, 0], ['static', 0, 0, 0],
    ['dynamic', 111, 74, 0], ['ground', 81, 0, 81], ['road', 128, 64, 128], ['sidewalk', 244, 35, 232], ['parking', 250, 170, 160],
    ['railtrack', 230, 150, 140], ['building', 70, 70, 70], ['wall', 102, 102, 156], ['fence', 190, 153, 153], ['guardrail', 180, 165, 180],
    ['bridge', 150, 100, 100], ['tunnel', 150, 120, 90], ['pole', 153, 153, 153], ['polegroup', 153, 153, 153], ['trafficlight', 250, 170, 30],
    ['trafficsign', 220, 220, 0], ['vegetation', 107, 142, 35], ['terrain', 152, 251, 152], ['sky', 70, 130, 180], ['person', 220, 20, 60],
    ['rider', 255, 0, 0], ['car', 0, 0, 142], ['truck', 0, 0, 70], ['bus', 0, 60, 100], ['caravan', 0, 0, 90], ['trailer', 0, 0, 110],
    ['train', 0, 80, 100], ['motorcycle', 0, 0, 230], ['bicycle', 119, 11, 32], ['licenseplate', 0, 0, 142],
  ] as const
).map(([name, red, green, blue]) => ({ name, color: [red, green, blue] as Rgb }));

export const BACKGROUND_LABEL = 'background';

/** The empty file that keeps the empty `label_2/` folder of a dataset without frames (archives keep no empty folder). */
export const EMPTY_FOLDER_MARKER = '.keep';
