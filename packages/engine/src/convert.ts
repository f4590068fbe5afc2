// convert(): one input dataset to one output in another format, with every loss reported as a diagnostic and
// nothing left behind on failure (the output is written to a temporary place and committed at the end).
import { withTypedErrors } from './typed-errors.js';
import type { Diagnostic, FileTree, FormatPlugin, Progress } from '@annoconv/core';
import { IoError, StrictModeError, createContext } from '@annoconv/core';
import type { ArchiveLimits } from '@annoconv/io';
import { resolve } from 'node:path';
import { datasetStats, type DatasetStats } from './dataset-stats.js';
import { formats } from './formats.js';
import { closeInput, openInput, openOutput, type OutputTarget } from './open-input.js';
import { readTree, readerFor, writerFor } from './read-dataset.js';
import { findTransform } from './transforms/index.js';
import { randomSplit, type RandomSplitOptions } from './transforms/random-split.js';
import { remapLabels, type RemapLabelsOptions } from './transforms/remap-labels.js';

export interface ConvertOptions {
  /** A folder, a .zip or a single annotation file, or an opened tree. */
  input: string | FileTree;
  /** Source format id or display name; detected when absent. */
  from?: string | FormatPlugin;
  /** Target format id or display name. */
  to: string | FormatPlugin;
  /** A folder, or a .zip when the name ends in `.zip`; or an opened sink. */
  output: string | OutputTarget;
  /** Copy image files into the output. */
  saveImages?: boolean;
  /** Any warning fails the conversion (StrictModeError) and nothing is written. */
  strict?: boolean;
  /** Replace an existing output instead of refusing it. */
  overwrite?: boolean;
  /** Format options for the reader and the writer. */
  options?: Record<string, unknown>;
  /** Transforms of the canonical dataset between reading and writing, in order (see `transforms`). */
  transforms?: readonly string[];
  /** Labels renamed, merged or deleted before the transforms (Datumaro's `remap_labels`). */
  labelMap?: RemapLabelsOptions;
  /** Frames split at random into subsets by ratio (after the label map, before the transforms). */
  split?: RandomSplitOptions;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
  limits?: Partial<ArchiveLimits>;
  plugins?: readonly FormatPlugin[];
}

export interface ConvertResult {
  /** Ids of the formats read and written. */
  from: string;
  to: string;
  /** What reading and writing reported, in order (reader's first). */
  diagnostics: Diagnostic[];
  /** Counts of the canonical dataset that was written. */
  stats: DatasetStats;
}

export async function convert(options: ConvertOptions): Promise<ConvertResult> {
  return withTypedErrors(() => convertUntyped(options), typeof options.input === 'string' ? options.input : options.input.name);
}

async function convertUntyped(options: ConvertOptions): Promise<ConvertResult> {
  const plugins = options.plugins ?? formats;
  // Name problems fail before anything is opened.
  const writer = writerFor(options.to, plugins);
  const steps = (options.transforms ?? []).map(findTransform);
  const named = options.from !== undefined ? readerFor(options.from, plugins) : undefined;
  if (typeof options.input === 'string' && typeof options.output === 'string' && resolve(options.input) === resolve(options.output)) {
    throw new IoError(`the output ${options.output} is the input; the input is never overwritten`, { where: { file: options.output } });
  }
  const progress = options.onProgress;
  const tree = await openInput(options.input, options.limits);
  let sink: OutputTarget | undefined;
  try {
    // The sink refuses an existing output here, before any reading is done.
    sink = await openOutput(options.output, options.overwrite ?? false);
    const read = await readTree(
      tree,
      named,
      {
        ...(options.options ? { options: options.options } : {}),
        ...(options.saveImages ? { saveImages: true } : {}),
        ...(progress ? { onProgress: progress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      },
      plugins,
      [writer],
    );
    const diagnostics = [...read.diagnostics];
    if (options.strict) failOnWarnings(diagnostics);

    const context = createContext({ ...(progress ? { onProgress: progress } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    let dataset = read.dataset;
    if (options.labelMap) {
      progress?.({ stage: 'remapping labels', done: 0 });
      dataset = remapLabels(dataset, options.labelMap, context);
    }
    if (options.split) dataset = randomSplit(dataset, options.split, context);
    for (const step of steps) {
      progress?.({ stage: `transforming (${step.name})`, done: 0 });
      dataset = step.apply(dataset, context);
    }
    progress?.({ stage: 'writing', done: 0 });
    // `saveImages` may also arrive as a format option (`--option saveImages=true`); the explicit setting wins.
    const saveImages = options.saveImages ?? (read.options.saveImages === true);
    await writer.write!(dataset, sink, { ...read.options, saveImages }, context);
    diagnostics.push(...context.diagnostics.items);
    if (options.strict) failOnWarnings(diagnostics);

    progress?.({ stage: 'committing', done: 0 });
    await sink.commit?.();
    sink = undefined;
    return { from: read.format, to: writer.id, diagnostics, stats: datasetStats(dataset) };
  } finally {
    // Reached with a sink only on failure: nothing half-written stays behind.
    if (sink) await sink.abort?.().catch(() => undefined);
    if (tree !== options.input) await closeInput(tree);
  }
}

function failOnWarnings(diagnostics: Diagnostic[]): void {
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity !== 'info');
  if (warnings.length > 0) throw new StrictModeError(warnings);
}
