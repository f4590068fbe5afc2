// Issue 5's whole-process ratios (see src/bench/process-ratios.ts): for each size, `rounds` rounds of three
// fresh processes (read + JSON.parse, import, `annoconv convert` COCO → COCO), printed as a markdown table with
// the load average around each round. Runs the compiled code: `pnpm build` first.
//   node packages/formats/coco/bench/ratio.mjs [sizes=1k,10k,50k] [rounds=3]
import { formatRound, loadAverage, measureRound, TABLE_HEADER } from '../dist/bench/process-ratios.js';

const sizes = (process.argv[2] ?? '1k,10k,50k').split(',');
const rounds = Number(process.argv[3] ?? 3);
console.log(TABLE_HEADER);
for (const size of sizes) {
  for (let round = 1; round <= rounds; round++) {
    const before = loadAverage();
    const result = await measureRound(size);
    console.log(formatRound(result, `${size} (${(result.bytes / 1e6).toFixed(0)} MB) #${round}, load ${before} → ${loadAverage()}`));
  }
}
