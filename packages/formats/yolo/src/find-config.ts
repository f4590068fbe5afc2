// Locating a dataset's config inside a tree that may wrap it in a folder: Darknet's `*.data` (up to four levels
// deep, shallowest first) and Ultralytics' `*.yaml` (root or one level below; with several, only `data.yaml`).
import type { FileTree } from '@annoconv/core';
import { dirnameOf } from './item-path.js';

function depthOf(path: string): number {
  return path.split('/').length - 1;
}

function byDepthThenName(a: string, b: string): number {
  return depthOf(a) - depthOf(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function findDarknetConfig(tree: FileTree): { path: string; root: string } | undefined {
  const candidates = tree
    .entries()
    .map((entry) => entry.path)
    .filter((path) => path.endsWith('.data') && depthOf(path) <= 4)
    .sort((a, b) => byDepthThenName(a, b) || Number(!a.endsWith('obj.data')) - Number(!b.endsWith('obj.data')));
  const path = candidates[0];
  return path === undefined ? undefined : { path, root: dirnameOf(path) };
}

export function findYamlConfig(tree: FileTree): { path: string; root: string } | undefined {
  const candidates = tree
    .entries()
    .map((entry) => entry.path)
    .filter((path) => /\.ya?ml$/i.test(path) && depthOf(path) <= 1)
    .sort(byDepthThenName);
  if (candidates.length === 0) return undefined;
  const shallowest = depthOf(candidates[0]!);
  const level = candidates.filter((path) => depthOf(path) === shallowest);
  const path = level.length === 1 ? level[0]! : level.find((candidate) => /(^|\/)data\.ya?ml$/i.test(candidate));
  return path === undefined ? undefined : { path, root: dirnameOf(path) };
}
