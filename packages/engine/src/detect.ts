// Format detection: runs every detector on a tree, ranks the candidates and keeps each rejected format's reasons,
// so "not recognised" can say why.
import type { DetectionReport, FileTree, FormatPlugin } from '@annoconv/core';
import { AnnoconvError, FormatNotDetectedError, createContext, throwIfAborted } from '@annoconv/core';
import { formats } from './formats.js';

export interface DetectionCandidate extends DetectionReport {
  plugin: FormatPlugin;
}

export interface DetectionResult {
  /** Formats with confidence > 0, best first (ties keep the plugin list's order). */
  candidates: DetectionCandidate[];
  /** Formats with confidence 0, each with its reasons. */
  rejected: DetectionCandidate[];
}

export interface DetectOptions {
  plugins?: readonly FormatPlugin[];
  signal?: AbortSignal;
}

// Errors that say something about the input as a whole (unsafe entry, archive bomb, abort) must not be hidden
// as one detector's "reason": they stop detection.
const fatalCodes = new Set(['limit-exceeded', 'unsafe-path', 'aborted']);

/** Runs every importable format's detector on the tree. */
export async function detect(tree: FileTree, options: DetectOptions = {}): Promise<DetectionResult> {
  const plugins = options.plugins ?? formats;
  const context = createContext(options.signal ? { signal: options.signal } : {});
  const reports: DetectionCandidate[] = [];
  for (const plugin of plugins) {
    throwIfAborted(context);
    if (!plugin.read) continue;
    if (!plugin.detect) {
      reports.push({ plugin, format: plugin.id, confidence: 0, reasons: ['this format is never detected automatically; name it with --from'] });
      continue;
    }
    try {
      const result = await plugin.detect(tree, context);
      const confidence = Number.isFinite(result.confidence) ? Math.min(1, Math.max(0, result.confidence)) : 0;
      reports.push({ plugin, format: plugin.id, confidence, reasons: [...result.reasons] });
    } catch (error) {
      if (AnnoconvError.isInstance(error) && fatalCodes.has(error.code)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      reports.push({ plugin, format: plugin.id, confidence: 0, reasons: [`detector failed: ${message}`] });
    }
  }
  const candidates = reports.filter((report) => report.confidence > 0);
  // Array.prototype.sort is stable, so equal confidences keep the plugin order.
  candidates.sort((a, b) => b.confidence - a.confidence);
  return { candidates, rejected: reports.filter((report) => report.confidence === 0) };
}

/** The best candidate, or FormatNotDetectedError listing why each format rejected the input. */
export async function detectFormat(tree: FileTree, options: DetectOptions = {}): Promise<FormatPlugin> {
  const result = await detect(tree, options);
  const best = result.candidates[0];
  if (best) return best.plugin;
  throw new FormatNotDetectedError(tree.name, result.rejected.map(({ format, confidence, reasons }) => ({ format, confidence, reasons })));
}
