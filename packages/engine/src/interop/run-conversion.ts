// The steps the interoperability suite chains: write a canonical dataset in a format, convert a file tree from
// one format to another with the engine's convert(), read a tree back, and check what detection makes of it. All
// in memory (MemorySink → MemoryTree), so nothing touches the disk.
import type { Dataset, Diagnostic, FileTree, FormatPlugin } from '@annoconv/core';
import { AnnoconvError, createContext } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { canonicalize } from '@annoconv/testing';
import { convert } from '../convert.js';
import { detect } from '../detect.js';
import { findFormat } from '../find-format.js';
import { readDataset } from '../read-dataset.js';
import { formatProfile, maskKeepingOptions } from './format-profiles.js';

export interface Written {
  tree: FileTree;
  diagnostics: Diagnostic[];
}

/** Writes a canonical dataset with a format's writer. */
export async function writeDataset(dataset: Dataset, target: FormatPlugin): Promise<Written> {
  const sink = new MemorySink();
  const context = createContext();
  await target.write!(dataset, sink, {}, context);
  return { tree: sink.toTree(`${target.id} output`), diagnostics: context.diagnostics.items };
}

/** convert() from one tree to memory, the source named (detection is checked on its own). */
export async function convertTree(tree: FileTree, from: FormatPlugin, to: FormatPlugin, options: Record<string, unknown> = {}): Promise<Written> {
  const sink = new MemorySink();
  const result = await convert({ input: tree, from, to, output: sink, options });
  return { tree: sink.toTree(`${to.id} output`), diagnostics: result.diagnostics };
}

/** Reads a format's output back with the reader its profile names, masks kept as masks. */
export async function readBack(tree: FileTree, writer: FormatPlugin): Promise<{ dataset: Dataset; diagnostics: Diagnostic[] }> {
  const reader = findFormat(formatProfile(writer).readAs);
  const result = await readDataset(tree, { from: reader, options: maskKeepingOptions(reader) });
  return { dataset: result.dataset, diagnostics: result.diagnostics };
}

/** A problem when detection does not pick the writer (or a flavour with the same meaning) first. */
export async function detectionProblem(tree: FileTree, writer: FormatPlugin): Promise<string | undefined> {
  const expected = formatProfile(writer).detectAs;
  const { candidates } = await detect(tree);
  const best = candidates[0];
  if (best && expected.includes(best.format)) return undefined;
  // A sibling flavour is as good when it reads the same dataset (an Ultralytics export without objects).
  if (best && (await sameReading(tree, best.plugin, findFormat(formatProfile(writer).readAs)))) return undefined;
  const ranking = candidates.map((candidate) => `${candidate.format} ${candidate.confidence}`).join(', ') || 'nothing';
  return `output of ${writer.id} detected as ${ranking} (expected ${expected.join(' or ')} first)`;
}

async function sameReading(tree: FileTree, detected: FormatPlugin, reader: FormatPlugin): Promise<boolean> {
  try {
    const [a, b] = await Promise.all([readDataset(tree, { from: detected }), readDataset(tree, { from: reader })]);
    return JSON.stringify(canonicalize(a.dataset, { byNames: true })) === JSON.stringify(canonicalize(b.dataset, { byNames: true }));
  } catch {
    return false;
  }
}

/** Errors a conversion may legitimately end with are typed; anything else (TypeError, RangeError) is a bug. */
export function untypedError(error: unknown): string | undefined {
  if (AnnoconvError.isInstance(error)) return undefined;
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack?.split('\n').slice(1, 4).join('\n') ?? ''}` : String(error);
}
