// `annoconv convert <input> <output> --to F`: converts a dataset, reporting every loss.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { AnnoconvError } from '@annoconv/core';
import type { CliEnv } from '../cli-env.js';
import { formatDiagnostics } from '../diagnostics-report.js';
import { EXIT } from '../exit-codes.js';
import { addLimitOptions, collectList, collectOption, examples, limitsFrom, type LimitFlags } from '../input-options.js';
import { createProgressReporter } from '../progress-reporter.js';
import { runReported } from '../run-reported.js';

interface ConvertFlags extends LimitFlags {
  from?: string;
  to: string;
  saveImages?: boolean;
  strict?: boolean;
  overwrite?: boolean;
  json?: boolean;
  verbose?: boolean;
  progress: boolean;
  option?: Record<string, string>;
  transform?: string[];
  mapLabel?: Record<string, string>;
  unmappedLabels: 'keep' | 'delete';
  split?: Record<string, number>;
  seed: number;
}

/** `train=0.8,val=0.2` (or `train:0.8`) → { train: 0.8, val: 0.2 }. */
function splitShares(value: string): Record<string, number> {
  const shares: Record<string, number> = {};
  for (const part of value.split(',')) {
    const match = /^\s*([^=:\s][^=:]*?)\s*[=:]\s*([0-9.eE+-]+)\s*$/.exec(part);
    const share = match ? Number(match[2]) : Number.NaN;
    if (!match || !Number.isFinite(share) || share <= 0) throw new InvalidArgumentError(`expected subset=share pairs with positive shares (train=0.8,val=0.2), got '${part}'.`);
    shares[match[1]!] = share;
  }
  return shares;
}

function seedNumber(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0) throw new InvalidArgumentError('expects a non-negative integer.');
  return seed;
}

function unmappedLabels(value: string): 'keep' | 'delete' {
  if (value !== 'keep' && value !== 'delete') throw new InvalidArgumentError("expects 'keep' or 'delete'.");
  return value;
}

export function registerConvertCommand(program: Command, env: CliEnv, setExitCode: (code: number) => void): void {
  const command = program
    .command('convert')
    .description('convert a dataset (folder, .zip or annotation file) into another format')
    .argument('<input>', 'dataset folder, .zip archive, or single annotation file')
    .argument('<output>', 'output folder, or a .zip archive when the name ends in .zip')
    .option('-f, --from <format>', 'source format id or CVAT name (detected when omitted)')
    .requiredOption('-t, --to <format>', 'target format id or CVAT name (see `annoconv formats`)')
    .option('--save-images', 'copy image files into the output')
    .option('--strict', 'fail (exit 5) and write nothing when any warning is raised')
    .option('--overwrite', 'replace an existing output')
    .option('-o, --option <name=value>', 'format option, repeatable (see `annoconv formats`)', collectOption)
    .option('--map-label <old=new>', 'rename a label (several old names to one new name merge them; an empty new name deletes the label and its annotations), repeatable', collectOption)
    .option('--unmapped-labels <keep|delete>', 'what happens to the labels --map-label does not name', unmappedLabels, 'keep')
    .option('--split <subset=share,…>', 'split the frames at random into subsets by share, e.g. train=0.8,val=0.2 (Datumaro\'s random_split)', splitShares)
    .option('--seed <n>', 'seed of --split (the same seed splits the same frames the same way)', seedNumber, 0)
    .option('--transform <name>', 'transform the dataset between reading and writing, repeatable: shapes-to-boxes (polygons, masks, ellipses, … become their boxes)', collectList)
    .option('--json', 'print the result (formats, diagnostics, stats) as JSON on stdout')
    .option('-v, --verbose', 'list every diagnostic instead of the first few per kind')
    .option('--no-progress', 'do not report progress on stderr');
  addLimitOptions(command).addHelpText(
    'after',
    examples([
      'annoconv convert coco-dataset.zip out/voc --to "PASCAL VOC 1.1"',
      'annoconv convert annotations.xml out/coco.zip --from cvat --to coco --strict',
      'annoconv convert yolo-folder out/cvat --to cvat --save-images --overwrite',
      'annoconv convert coco-dataset.zip out/yolo --to ultralytics-detection --transform shapes-to-boxes',
      'annoconv convert voc-folder out/coco.zip --to coco --map-label car=vehicle --map-label bus=vehicle --unmapped-labels delete',
      'annoconv convert cvat-task.zip out/yolo --to ultralytics-detection --split train=0.8,val=0.2 --seed 7',
    ]),
  );
  command.action(async (input: string, output: string, flags: ConvertFlags) => {
    // Loaded on use, so `--help` and usage errors do not pay for loading every format.
    const { convert } = await import('@annoconv/engine');
    const progress = createProgressReporter(env, flags.progress);
    const limits = limitsFrom(flags);
    const code = await runReported(env, { json: flags.json ?? false, subject: input }, async () => {
      try {
        if (flags.unmappedLabels === 'delete' && !flags.mapLabel)
          throw new AnnoconvError('invalid-request', '--unmapped-labels delete without any --map-label would delete every label');
        const result = await convert({
          input,
          output,
          to: flags.to,
          ...(flags.from !== undefined ? { from: flags.from } : {}),
          ...(flags.saveImages ? { saveImages: true } : {}),
          strict: flags.strict ?? false,
          overwrite: flags.overwrite ?? false,
          options: flags.option ?? {},
          ...(flags.transform ? { transforms: flags.transform } : {}),
          ...(flags.mapLabel ? { labelMap: { mapping: flags.mapLabel, unmapped: flags.unmappedLabels } } : {}),
          ...(flags.split ? { split: { subsets: flags.split, seed: flags.seed } } : {}),
          onProgress: (event) => progress.update(event),
          ...(env.signal ? { signal: env.signal } : {}),
          ...(limits ? { limits } : {}),
        });
        progress.stop();
        if (flags.json) {
          env.stdout.write(`${JSON.stringify({ from: result.from, to: result.to, output, diagnostics: result.diagnostics, stats: result.stats }, null, 2)}\n`);
        } else {
          env.stderr.write(formatDiagnostics(result.diagnostics, { verbose: flags.verbose ?? false }));
          env.stdout.write(`converted ${input} (${result.from}) → ${output} (${result.to}): ${result.stats.frames} frames, ${countValues(result.stats.shapes)} shapes, ${countValues(result.stats.tracks)} tracks, ${result.stats.tags} tags\n`);
        }
        return EXIT.ok;
      } finally {
        progress.stop();
      }
    }, flags.verbose ?? false);
    setExitCode(code);
  });
}

function countValues(record: Record<string, number>): number {
  return Object.values(record).reduce((sum, value) => sum + value, 0);
}
