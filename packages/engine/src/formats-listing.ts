// The formats listing in exactly the shape of CVAT's `GET /api/server/annotation/formats` (CVAT-MODEL.md §5.4),
// built from the plugins' importer / exporter entries.
import type { FormatListing, FormatPlugin } from '@annoconv/core';
import { formats } from './formats.js';
import { CVAT_EXPORTER_ORDER, CVAT_IMPORTER_ORDER, sortByListingOrder } from './listing-order.js';

export interface FormatsListing {
  importers: FormatListing[];
  exporters: FormatListing[];
}

/**
 * `{importers, exporters}` of `{name, ext, version, enabled, dimension}`, in CVAT's order. Several plugins may
 * share one entry (CVAT's single "CVAT 1.1" importer serves both CVAT flavours): each name appears once.
 */
export function formatsListing(plugins: readonly FormatPlugin[] = formats): FormatsListing {
  return {
    importers: sortByListingOrder(uniqueEntries(plugins.map((plugin) => (plugin.read ? plugin.importer : undefined))), CVAT_IMPORTER_ORDER),
    exporters: sortByListingOrder(uniqueEntries(plugins.map((plugin) => (plugin.write ? plugin.exporter : undefined))), CVAT_EXPORTER_ORDER),
  };
}

function uniqueEntries(entries: Array<FormatListing | undefined>): FormatListing[] {
  const byName = new Map<string, FormatListing>();
  for (const entry of entries) {
    if (entry && !byName.has(entry.name)) {
      // A fresh object with CVAT's key order, so JSON output matches CVAT's.
      byName.set(entry.name, { name: entry.name, ext: entry.ext, version: entry.version, enabled: entry.enabled, dimension: entry.dimension });
    }
  }
  return [...byName.values()];
}
