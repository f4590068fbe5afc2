// `annoconv stats <input>`: the canonical dataset's counts after import; `--json` is what other checks compare.
import type { Command } from 'commander';
import type { CliEnv } from '../cli-env.js';
import { EXIT } from '../exit-codes.js';
import { addLimitOptions, collectOption, examples, limitsFrom, type LimitFlags } from '../input-options.js';
import { runReported } from '../run-reported.js';

interface StatsFlags extends LimitFlags {
  from?: string;
  json?: boolean;
  option?: Record<string, string>;
  byLabel?: boolean;
}

export function registerStatsCommand(program: Command, env: CliEnv, setExitCode: (code: number) => void): void {
  const command = program
    .command('stats')
    .description('count frames, subsets, labels, tags, shapes and tracks of an input after import')
    .argument('<input>', 'dataset folder, .zip archive, or single annotation file')
    .option('-f, --from <format>', 'format id or CVAT name (detected when omitted)')
    .option('-o, --option <name=value>', 'reader option, repeatable', collectOption)
    .option('--json', 'print {format, frames, subsets, labels, tags, shapes, tracks, trackedShapes} as JSON')
    .option('--by-label', 'also count shapes, tracks, tags and frames per label, and the frames without annotations');
  addLimitOptions(command).addHelpText('after', examples(['annoconv stats dataset.zip --json', 'annoconv stats annotations.xml --from cvat --json', 'annoconv stats coco.zip --by-label']));
  command.action(async (input: string, flags: StatsFlags) => {
    // Loaded on use, so `--help` and usage errors do not pay for loading every format.
    const { datasetStats, labelStats, readDataset } = await import('@annoconv/engine');
    const code = await runReported(env, { json: flags.json ?? false, subject: input }, async () => {
      const limits = limitsFrom(flags);
      const result = await readDataset(input, {
        ...(flags.from !== undefined ? { from: flags.from } : {}),
        options: flags.option ?? {},
        ...(env.signal ? { signal: env.signal } : {}),
        ...(limits ? { limits } : {}),
      });
      const stats = { format: result.format, ...datasetStats(result.dataset), ...(flags.byLabel ? labelStats(result.dataset) : {}) };
      if (flags.json) {
        env.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
      } else {
        const counts = (record: Record<string, number>) => Object.entries(record).map(([key, value]) => `${key} ${value}`).join(', ') || 'none';
        env.stdout.write(
          [
            `format:         ${stats.format}`,
            `frames:         ${stats.frames}`,
            `subsets:        ${counts(stats.subsets)}`,
            `labels:         ${stats.labels.join(', ') || 'none'}`,
            `tags:           ${stats.tags}`,
            `shapes:         ${counts(stats.shapes)}`,
            `tracks:         ${counts(stats.tracks)}`,
            `tracked shapes: ${stats.trackedShapes}`,
            ...(flags.byLabel ? labelLines(labelStats(result.dataset)) : []),
          ].join('\n') + '\n',
        );
      }
      return EXIT.ok;
    });
    setExitCode(code);
  });
}

/** The per-label table of the text output: one line a label, counts aligned under their headings. */
function labelLines(stats: { byLabel: Record<string, { shapes: number; tracks: number; tags: number; frames: number }>; framesWithoutAnnotations: number }): string[] {
  const rows = Object.entries(stats.byLabel);
  const width = Math.max(5, ...rows.map(([name]) => name.length));
  const cell = (value: number | string): string => String(value).padStart(8);
  return [
    `frames without annotations: ${stats.framesWithoutAnnotations}`,
    `${'label'.padEnd(width)}${cell('shapes')}${cell('tracks')}${cell('tags')}${cell('frames')}`,
    ...rows.map(([name, counts]) => `${name.padEnd(width)}${cell(counts.shapes)}${cell(counts.tracks)}${cell(counts.tags)}${cell(counts.frames)}`),
  ];
}
