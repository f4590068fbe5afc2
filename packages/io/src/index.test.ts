import { describe, expect, it } from 'vitest';

describe('@annoconv/io', () => {
  it('exports exactly its public API', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual([
      'DATASET_META_FILE',
      'DEFAULT_JSON_STREAM_THRESHOLD',
      'DEFAULT_LIMITS',
      'DEFAULT_STREAMING_THRESHOLD',
      'FolderSink',
      'FolderTree',
      'IMAGE_EXTENSIONS',
      'LABELMAP_HEADER',
      'MemorySink',
      'MemoryTree',
      'SingleFileTree',
      'VOC_ACTIONS',
      'VOC_BODY_PARTS',
      'VOC_CLASS_NAMES',
      'VOC_IMAGE_SET_TASKS',
      'ZipSink',
      'ZipTree',
      'classMaskFromInstances',
      'datasetMetaPath',
      'decodeMaskPng',
      'decodePng',
      'decodeVocSegmentation',
      'encodeIndexMaskPng',
      'encodePng',
      'extensionOf',
      'findVocLayout',
      'formatDatasetMeta',
      'formatLabelmap',
      'formatRgb',
      'formatVocClassList',
      'formatVocDatasetMeta',
      'formatVocImageSet',
      'hexToRgb',
      'imageSizeFromTree',
      'indexMaskToRgb',
      'isImagePath',
      'labelmapColorLookup',
      'labelmapOrDefault',
      'normalizeEntryPath',
      'openSink',
      'openTree',
      'openZipFromBytes',
      'parseDatasetMeta',
      'parseLabelmap',
      'parseSections',
      'parseVocClassList',
      'parseVocImageSet',
      'probeImageSize',
      'readDatasetMeta',
      'readImageSize',
      'readVocLabelmap',
      'resolveLimits',
      'rgbKey',
      'rgbToHex',
      'rgbToIndexMask',
      'splitVocSegments',
      'streamSections',
      'vocDefaultLabelmap',
      'vocPalette',
      'vocPaletteColor',
      'vocPaletteLookup',
      'withoutExtension',
    ]);
  });

  it('has the documented default limits, and callers can raise them', async () => {
    const { DEFAULT_LIMITS, resolveLimits } = await import('./index.js');
    expect(DEFAULT_LIMITS).toEqual({
      maxTotalBytes: 8 * 1024 ** 3,
      maxEntries: 1_000_000,
      maxCompressionRatio: 200,
      ratioFloorBytes: 1024 ** 2,
      maxImagePixels: 178_956_970,
    });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
    expect(resolveLimits({ maxEntries: 5 })).toEqual({ ...DEFAULT_LIMITS, maxEntries: 5 });
  });
});
