// Options shared by every command that reads an input: the archive bounds (to raise them for a trusted huge
// archive, or lower them), and `--option name=value` collection.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { ArchiveLimits } from '@annoconv/io';

export interface LimitFlags {
  maxArchiveBytes?: number;
  maxEntries?: number;
  maxCompressionRatio?: number;
}

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expects a positive number.');
  return parsed;
}

export function addLimitOptions(command: Command): Command {
  return command
    .option('--max-archive-bytes <n>', 'refuse archives whose entries total more than n bytes (default 8 GiB)', positiveNumber)
    .option('--max-entries <n>', 'refuse inputs with more than n entries (default 1,000,000)', positiveNumber)
    .option('--max-compression-ratio <n>', 'refuse archive entries that inflate more than n times (default 200)', positiveNumber);
}

export function limitsFrom(flags: LimitFlags): Partial<ArchiveLimits> | undefined {
  const limits: Partial<ArchiveLimits> = {};
  if (flags.maxArchiveBytes !== undefined) limits.maxTotalBytes = flags.maxArchiveBytes;
  if (flags.maxEntries !== undefined) limits.maxEntries = flags.maxEntries;
  if (flags.maxCompressionRatio !== undefined) limits.maxCompressionRatio = flags.maxCompressionRatio;
  return Object.keys(limits).length > 0 ? limits : undefined;
}

/** Collects repeated `--option name=value` into a record; a pair without `=` is a usage error. */
export function collectOption(pair: string, previous: Record<string, string> = {}): Record<string, string> {
  const equals = pair.indexOf('=');
  if (equals <= 0) throw new InvalidArgumentError(`expected name=value, got '${pair}'.`);
  return { ...previous, [pair.slice(0, equals).trim()]: pair.slice(equals + 1) };
}

/** Collects a repeatable option's values in order. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Help text lines with examples, in commander's "after" help section. */
export function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}
