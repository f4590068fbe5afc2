// Reads a dataset into the canonical model: opens the input, detects its format when none is named, and runs
// the format's reader with a fresh diagnostics bag.
import { withTypedErrors } from './typed-errors.js';
import type { Dataset, Diagnostic, FileTree, FormatPlugin, Progress } from '@annoconv/core';
import { AnnoconvError, FormatNotDetectedError, createContext, type FormatContext } from '@annoconv/core';
import type { ArchiveLimits } from '@annoconv/io';
import { detect } from './detect.js';
import { findFormat } from './find-format.js';
import { formats } from './formats.js';
import { resolveFormatOptions } from './format-options.js';
import { closeInput, openInput } from './open-input.js';

export interface ReadDatasetOptions {
  /** Format id or display name; detected when absent. */
  from?: string | FormatPlugin;
  /** Reader options (`name → value`; strings are converted to the declared type). */
  options?: Record<string, unknown>;
  limits?: Partial<ArchiveLimits>;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  plugins?: readonly FormatPlugin[];
  /**
   * Tells the reader that image files will be saved, so readers that find images embedded in the annotation files
   * (TFRecord) keep their bytes instead of dropping them as they stream.
   */
  saveImages?: boolean;
}

export interface ReadDatasetResult {
  /** The id of the format that was read. */
  format: string;
  plugin: FormatPlugin;
  dataset: Dataset;
  diagnostics: Diagnostic[];
}

/** Resolves a format argument to a plugin that can read. */
export function readerFor(from: string | FormatPlugin, plugins: readonly FormatPlugin[] = formats): FormatPlugin {
  const plugin = typeof from === 'string' ? findFormat(from, plugins) : from;
  if (!plugin.read) throw new AnnoconvError('unsupported', `format '${plugin.id}' cannot be imported`);
  return plugin;
}

/** Resolves a format argument to a plugin that can write. */
export function writerFor(to: string | FormatPlugin, plugins: readonly FormatPlugin[] = formats): FormatPlugin {
  const plugin = typeof to === 'string' ? findFormat(to, plugins) : to;
  if (!plugin.write) throw new AnnoconvError('unsupported', `format '${plugin.id}' cannot be exported`);
  return plugin;
}

export async function readDataset(input: string | FileTree, options: ReadDatasetOptions = {}): Promise<ReadDatasetResult> {
  const plugins = options.plugins ?? formats;
  const named = options.from !== undefined ? readerFor(options.from, plugins) : undefined;
  const tree = await openInput(input, options.limits);
  try {
    return await withTypedErrors(() => readTree(tree, named, options, plugins), tree.name);
  } finally {
    if (tree !== input) await closeInput(tree);
  }
}

/**
 * Reads an opened tree: detection (when `plugin` is absent), option checks (against the reader and
 * `alsoAccepting`, e.g. the writer of a conversion), the reader. Returns the resolved options too.
 */
export async function readTree(
  tree: FileTree,
  plugin: FormatPlugin | undefined,
  options: Omit<ReadDatasetOptions, 'from' | 'limits' | 'plugins'>,
  plugins: readonly FormatPlugin[] = formats,
  alsoAccepting: readonly FormatPlugin[] = [],
): Promise<ReadDatasetResult & { options: Record<string, unknown> }> {
  const context = createContext({ ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  context.onProgress?.({ stage: 'detecting', done: 0 });
  const reader = plugin ?? (await detectBest(tree, plugins, context));
  const readOptions = resolveFormatOptions(options.options ?? {}, [reader, ...alsoAccepting]);
  if (options.saveImages) readOptions.saveImages = true;
  context.onProgress?.({ stage: 'reading', done: 0 });
  // readerFor / detect only return plugins with a reader.
  const dataset = await reader.read!(tree, readOptions, context);
  return { format: reader.id, plugin: reader, dataset, diagnostics: context.diagnostics.items, options: readOptions };
}

/** Below this confidence a detection is a guess (e.g. any folder of folders of images passes for YOLO Classification). */
const WEAK_DETECTION = 0.5;

/**
 * The best detected format. When the runner-up is as confident, or the best is only a guess, the choice is noted
 * as an info diagnostic, so the user knows to name the format when it was the wrong one.
 */
async function detectBest(tree: FileTree, plugins: readonly FormatPlugin[], context: FormatContext): Promise<FormatPlugin> {
  const result = await detect(tree, { plugins, ...(context.signal ? { signal: context.signal } : {}) });
  const [best, runnerUp] = result.candidates;
  if (!best) throw new FormatNotDetectedError(tree.name, result.rejected.map(({ format, confidence, reasons }) => ({ format, confidence, reasons })));
  if (runnerUp && runnerUp.confidence === best.confidence) {
    const tied = result.candidates.filter((candidate) => candidate.confidence === best.confidence).map((candidate) => candidate.format);
    context.diagnostics.info('format-ambiguous', `${tied.join(', ')} recognise the input equally well; read as ${best.format} (name the format to choose)`);
  } else if (best.confidence < WEAK_DETECTION) {
    context.diagnostics.info('format-ambiguous', `read as ${best.format} on weak evidence (${best.reasons.join('; ')}); name the format if this is not it`);
  }
  return best.plugin;
}
