// Looks a format up by id ('coco') or by any of its names ('COCO 1.0'), case-insensitively.
import type { FormatPlugin } from '@annoconv/core';
import { UnknownFormatError } from '@annoconv/core';
import { formats } from './formats.js';

/**
 * Returns the plugin whose id or one of whose names equals `nameOrId` (case and surrounding space ignored).
 * An id wins over a display name, and earlier plugins win over later ones, so a shared name (CVAT's importer
 * "CVAT 1.1") resolves to the first plugin that lists it. Throws UnknownFormatError listing the known ids.
 */
export function findFormat(nameOrId: string, plugins: readonly FormatPlugin[] = formats): FormatPlugin {
  const wanted = nameOrId.trim().toLowerCase();
  const byId = plugins.find((plugin) => plugin.id.toLowerCase() === wanted);
  if (byId) return byId;
  const byName = plugins.find(
    (plugin) =>
      plugin.names.some((name) => name.toLowerCase() === wanted) ||
      plugin.importer?.name.toLowerCase() === wanted ||
      plugin.exporter?.name.toLowerCase() === wanted,
  );
  if (byName) return byName;
  throw new UnknownFormatError(nameOrId, plugins.map((plugin) => plugin.id), suggestFormats(wanted, plugins));
}

/** Comparable spelling: lower case, letters and digits only ('YOLOv8 Detection' → 'yolov8detection'). */
const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Edit distance of two short strings (names are a few dozen characters). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Formats a mistyped or partial name probably meant, as `id (name)`: names that start with or contain what was
 * typed ('yolov8' → the yolov8_* aliases of the Ultralytics formats), else names within two edits of it.
 */
export function suggestFormats(wanted: string, plugins: readonly FormatPlugin[]): string[] {
  const typed = squash(wanted);
  if (typed.length < 2) return [];
  const spellings = (plugin: FormatPlugin): string[] => [plugin.id, ...plugin.names, ...(plugin.importer ? [plugin.importer.name] : []), ...(plugin.exporter ? [plugin.exporter.name] : [])];
  const pick = (matches: (name: string) => boolean): string[] =>
    plugins.flatMap((plugin) => {
      const name = spellings(plugin).find((candidate) => matches(squash(candidate)));
      return name === undefined ? [] : [name === plugin.id ? plugin.id : `${plugin.id} (${name})`];
    });
  const containing = pick((name) => name.includes(typed));
  if (containing.length > 0) return containing.slice(0, 6);
  return pick((name) => distance(name, typed) <= 2).slice(0, 6);
}
