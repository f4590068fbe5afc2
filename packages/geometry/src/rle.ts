// The COCO run-length mask type shared by every RLE function: column-major runs that start with a 0-run,
// `size` = [height, width] exactly as pycocotools stores it.

/** A COCO RLE mask: `counts` alternate 0-runs and 1-runs over the column-major pixels, starting with a 0-run. */
export type Rle = { size: [number, number]; counts: Uint32Array };
