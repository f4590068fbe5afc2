// The shape of a format plugin: a plain object listed by hand in @annoconv/engine.
import type { Dataset } from './model/dataset.js';
import { DiagnosticBag } from './diagnostics.js';
import type { FileSink, FileTree } from './file-tree.js';
import type { ShapeType } from './model/annotations.js';
import { AbortedError } from './errors.js';

export interface Progress {
  /** What is being done: 'reading', 'writing', 'parsing annotations', … */
  stage: string;
  done: number;
  total?: number;
}

export interface FormatContext {
  diagnostics: DiagnosticBag;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

export function createContext(options: { onProgress?: (progress: Progress) => void; signal?: AbortSignal } = {}): FormatContext {
  return { diagnostics: new DiagnosticBag(), ...options };
}

/** Throws AbortedError when the context's signal has fired; call it between units of work. */
export function throwIfAborted(context: FormatContext): void {
  if (context.signal?.aborted) throw new AbortedError();
}

export interface DetectResult {
  /** 0 = certainly not, 1 = certainly; detectors of a family use the scale to tell flavours apart. */
  confidence: number;
  /** Why this format matched or not, for "not recognised" messages. */
  reasons: string[];
}

export interface Capabilities {
  shapes: readonly ShapeType[];
  tags: boolean;
  tracks: 'native' | 'per-frame' | 'none';
  attributes: boolean;
  /** Whether the format keeps image sizes. */
  imageSizes: boolean;
  /** Whether the format can carry image files (save images). */
  images: boolean;
}

/** One entry of CVAT's formats listing (`GET /api/server/annotation/formats`). */
export interface FormatListing {
  name: string;
  ext: string;
  version: string;
  enabled: boolean;
  dimension: '2d' | '3d' | '1d';
}

export interface OptionSpec {
  name: string;
  type: 'boolean' | 'string' | 'number';
  default?: boolean | string | number;
  description: string;
}

export interface ReadOptions {
  /** CVAT's conv_mask_to_poly: turn masks into polygons on import (formats that do so by default). */
  convMaskToPoly?: boolean;
  /** Format-specific options, named in the plugin's `options`. */
  [name: string]: unknown;
}

export interface WriteOptions {
  /** Copy image files into the output ("save images"). */
  saveImages?: boolean;
  [name: string]: unknown;
}

export interface FormatPlugin {
  /** Stable lowercase id: 'coco', 'cvat-video', 'ultralytics-detection'. */
  id: string;
  /** Every name it answers to, CVAT display names first ('COCO 1.0'). */
  names: string[];
  description: string;
  /** CVAT importer listing entry; absent when the format cannot be imported. */
  importer?: FormatListing;
  /** CVAT exporter listing entry; absent when the format cannot be exported. */
  exporter?: FormatListing;
  capabilities: Capabilities;
  options?: OptionSpec[];
  detect?(tree: FileTree, context: FormatContext): Promise<DetectResult>;
  read?(tree: FileTree, options: ReadOptions, context: FormatContext): Promise<Dataset>;
  write?(dataset: Dataset, sink: FileSink, options: WriteOptions, context: FormatContext): Promise<void>;
}

export function listing(name: string, version: string, ext = 'ZIP', dimension: FormatListing['dimension'] = '2d'): FormatListing {
  return { name: `${name} ${version}`, ext, version, enabled: true, dimension };
}
