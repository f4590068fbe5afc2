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
  throw new UnknownFormatError(nameOrId, plugins.map((plugin) => plugin.id));
}
