// Where the repository, its golden test data and the shared sample datasets beside it are, found from this file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is at packages/testing/src or packages/testing/dist). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shared sample datasets folder beside the repository (`../shared/samples`), joined with `segments`. */
export function sharedSamplesDir(...segments: string[]): string {
  return path.resolve(repoRoot, '../shared/samples', ...segments);
}

/** The repository's golden test data folder (`test-data`), joined with `segments`. */
export function testDataDir(...segments: string[]): string {
  return path.resolve(repoRoot, 'test-data', ...segments);
}
