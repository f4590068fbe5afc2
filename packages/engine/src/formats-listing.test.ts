import { describe, expect, it } from 'vitest';
import { formats } from './formats.js';
import { formatsListing } from './formats-listing.js';
import { CVAT_EXPORTER_ORDER, CVAT_IMPORTER_ORDER } from './listing-order.js';
import { fakePlugins } from './test-doubles/fake-format.js';

describe('formatsListing', () => {
  it('orders entries as CVAT does, then formats CVAT lacks by name, each name once', () => {
    const listing = formatsListing(fakePlugins);
    expect(listing.importers.map((entry) => entry.name)).toEqual(['COCO 1.0', 'CVAT 1.1', 'Fake 1.0', 'Weak Fake 1.0']);
    expect(listing.exporters.map((entry) => entry.name)).toEqual(['CVAT for video 1.1', 'CVAT for images 1.1', 'Fake 1.0']);
  });

  it('has exactly the keys of CVAT entries, in CVAT order', () => {
    const listing = formatsListing(fakePlugins);
    expect(Object.keys(listing)).toEqual(['importers', 'exporters']);
    expect(JSON.stringify(listing.importers[0])).toBe('{"name":"COCO 1.0","ext":"JSON, ZIP","version":"1.0","enabled":true,"dimension":"2d"}');
  });

  it('lists an importer only for plugins that read and an exporter only for plugins that write', () => {
    const listing = formatsListing(fakePlugins);
    expect(listing.exporters.some((entry) => entry.name === 'Weak Fake 1.0')).toBe(false);
  });

  it('keeps the real formats in CVAT order', () => {
    const listing = formatsListing(formats);
    for (const [entries, order] of [[listing.importers, CVAT_IMPORTER_ORDER], [listing.exporters, CVAT_EXPORTER_ORDER]] as const) {
      const ranks = entries.map((entry) => order.indexOf(entry.name)).map((rank) => (rank < 0 ? order.length : rank));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(new Set(entries.map((entry) => entry.name)).size).toBe(entries.length);
    }
  });

  it('CVAT order tables have the counts CVAT lists (33 exporters, 31 importers)', () => {
    expect(CVAT_EXPORTER_ORDER).toHaveLength(33);
    expect(CVAT_IMPORTER_ORDER).toHaveLength(31);
  });
});
