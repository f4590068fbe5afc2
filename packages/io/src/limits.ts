// Bounds on what reading an archive may cost, so a zip bomb or a million-entry archive is an error, not an outage.

/** Bounds applied when an archive is opened (declared sizes) and again while entries inflate (actual bytes). */
export interface ArchiveLimits {
  /** Sum of the declared uncompressed sizes of all entries, in bytes. */
  maxTotalBytes: number;
  /** Number of records in the archive's central directory (files and folders), or files in a folder. */
  maxEntries: number;
  /** Uncompressed size ÷ compressed size of one entry; only checked for entries above `ratioFloorBytes`. */
  maxCompressionRatio: number;
  /** Entries smaller than this are never refused for their ratio: a small file cannot be a bomb. */
  ratioFloorBytes: number;
  /** Width × height of a PNG decoded by `decodePng` when the caller gives no `maxPixels`. */
  maxImagePixels: number;
}

/**
 * The defaults: 8 GiB in total, 1,000,000 entries, ratio 200 above 1 MiB. Ordinary datasets compress 2–20×
 * (JSON and XML) or not at all (JPEG, PNG), so 200 leaves room; zeros deflate about 1000×. The pixel bound is
 * Pillow's decompression-bomb error threshold (2 × 89,478,485 pixels).
 */
export const DEFAULT_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxTotalBytes: 8 * 1024 ** 3,
  maxEntries: 1_000_000,
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 ** 2,
  maxImagePixels: 178_956_970,
});

/** Fills the bounds a caller left out with the defaults. */
export function resolveLimits(limits?: Partial<ArchiveLimits>): ArchiveLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}
