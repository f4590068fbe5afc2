// Preloaded into a measured process (`node -r usage.cjs …`): on exit, prints the process's own CPU time and peak
// RSS as one JSON line on stderr, so a command we do not control (the annoconv CLI) can be measured the same way
// as the baseline.
'use strict';
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`\n@@usage ${JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, peakRss: usage.maxRSS * 1024 })}\n`);
});
