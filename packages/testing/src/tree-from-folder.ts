// A folder on disk read into a MemoryTree, every file under its path relative to the folder with `/` separators.
import path from 'node:path';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { MemoryTree } from '@annoconv/io';

/** Every file under `dir` (recursively) as a MemoryTree rooted at `dir`. */
export function treeFromFolder(dir: string): MemoryTree {
  const files: Record<string, Uint8Array> = {};
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory)) {
      const full = path.join(directory, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(dir, full).split(path.sep).join('/')] = new Uint8Array(readFileSync(full));
    }
  };
  walk(dir);
  return new MemoryTree(files, dir);
}
