// Shared pieces of the interoperability tests: which formats take part, and one write → read-back check that
// returns its problems as text (so a failing property shows what was lost, where, and with which diagnostics).
import type { Dataset, Diagnostic, FormatPlugin } from '@annoconv/core';
import { formats } from '../formats.js';
import { conversionProblems } from './conversion-problems.js';
import { formatProfile } from './format-profiles.js';
import { isKnownConversionBug, isKnownReadBackFailure } from './known-bugs.js';
import { detectionProblem, readBack, untypedError, type Written } from './run-conversion.js';

/** Every format with a writer: each one is checked, none is left out. */
export const writableFormats: readonly FormatPlugin[] = formats.filter((plugin) => plugin.write);
/** Formats that can be both written (to make an input) and read (as a conversion's source). */
export const sourceFormats: readonly FormatPlugin[] = writableFormats.filter((plugin) => plugin.read);

/**
 * Reads `written` back as `target` and checks it against `input`: what the target holds survives, every loss
 * has a diagnostic (of writing, or of `earlier` steps, or of reading back), detection picks the target.
 */
export async function roundTripProblems(input: Dataset, written: Written, target: FormatPlugin, earlier: readonly Diagnostic[] = []): Promise<string[]> {
  if (isKnownConversionBug(input, target)) return [];
  try {
    const back = await readBack(written.tree, target);
    const problems = conversionProblems({ input, output: back.dataset, diagnostics: [...earlier, ...written.diagnostics, ...back.diagnostics], target, profile: formatProfile(target) });
    const detection = await detectionProblem(written.tree, target);
    if (detection) problems.push(detection);
    return problems;
  } catch (error) {
    if (isKnownReadBackFailure(target, written)) return [];
    // A label the format cannot hold (its import fails on it, as CVAT's does) that the writer reported.
    const unreadable = formatProfile(target).unreadableLabelNames;
    const reported = (name: string): boolean => written.diagnostics.some((diagnostic) => diagnostic.code === 'invalid-value' && diagnostic.where?.objectKind === 'label' && diagnostic.where.objectId === name);
    if (unreadable && untypedError(error) === undefined && input.labels.some((label) => unreadable.test(label.name) && reported(label.name))) return [];
    return [`reading back ${target.id} failed: ${untypedError(error) ?? (error as Error).message}`];
  }
}

/** A failure message that shows the problems and the diagnostics they were checked against. */
export function describeProblems(what: string, problems: readonly string[]): string {
  return `${what}:\n  ${problems.slice(0, 12).join('\n  ')}${problems.length > 12 ? `\n  … ${problems.length - 12} more` : ''}`;
}
