import { it } from 'vitest';
import { createContext } from '@annoconv/core';
import { MemorySink } from '@annoconv/io';
import { Session } from 'node:inspector/promises';
import { cocoPlugin } from './plugin.js';
import { benchDataset } from './bench/datasets.js';
import { FsTree } from './bench/fs-tree.js';
it('x', async () => {
  const { root } = await benchDataset('1k');
  let t = performance.now();
  const ds = await cocoPlugin.read!(new FsTree(root), {}, createContext());
  console.log('read', performance.now() - t);
  const session = new Session(); session.connect();
  await session.post('Profiler.enable'); await session.post('Profiler.start');
  t = performance.now();
  await cocoPlugin.write!(ds, new MemorySink(), {}, createContext());
  console.log('write', performance.now() - t);
  const { profile } = await session.post('Profiler.stop');
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) { const n: any = byId.get(profile.samples[i]); const k = n.callFrame.functionName + ' ' + n.callFrame.url.split('/').pop() + ':' + n.callFrame.lineNumber; self.set(k, (self.get(k) ?? 0) + profile.timeDeltas[i]); }
  console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${(v / 1000).toFixed(0)}ms ${k}`).join('\n'));
}, 600000);
