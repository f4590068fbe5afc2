// Path hygiene for archive entries and sink paths: POSIX separators, no absolute paths, no `..`.
import { UnsafePathError } from '@annoconv/core';

/** Normalises an entry path to `a/b/c` and refuses absolute paths, drive letters and `..` segments. */
export function normalizeEntryPath(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) throw new UnsafePathError(path);
  const segments: string[] = [];
  for (const segment of slashed.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') throw new UnsafePathError(path);
    segments.push(segment);
  }
  if (segments.length === 0) throw new UnsafePathError(path);
  return segments.join('/');
}
