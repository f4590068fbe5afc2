import { describe, expect, it } from 'vitest';
import { buildRequestId, exportRequestId, importRequestId, parseRequestId } from './request-id.js';

describe('request ids', () => {
  it('match CVAT for an export with images', () => {
    expect(exportRequestId({ target: 'task', targetId: 12, userId: 3, format: 'CVAT for images 1.1', saveImages: true })).toBe(
      'action=export&target=task&target_id=12&user_id=3&format=CVAT_for_images_1~1&subresource=dataset',
    );
    expect(exportRequestId({ target: 'job', targetId: 7, userId: 1, format: 'COCO 1.0', saveImages: false })).toBe(
      'action=export&target=job&target_id=7&user_id=1&format=COCO_1~0&subresource=annotations',
    );
  });

  it('match CVAT for an import (no user, no format)', () => {
    expect(importRequestId({ target: 'task', targetId: 12 })).toBe('action=import&target=task&target_id=12&subresource=annotations');
    expect(importRequestId({ target: 'project', targetId: 4 })).toBe('action=import&target=project&target_id=4&subresource=dataset');
  });

  it('keep CVAT key order and leave out empty values', () => {
    expect(buildRequestId({ subresource: 'annotations', format: null, user_id: 0, target_id: 5, target: 'task', action: 'import' })).toBe(
      'action=import&target=task&target_id=5&subresource=annotations',
    );
  });

  it('parse back to their parts', () => {
    expect(parseRequestId('action=export&target=task&target_id=12&user_id=3&format=CVAT_for_images_1~1&subresource=dataset')).toEqual({
      action: 'export', target: 'task', target_id: 12, user_id: 3, format: 'CVAT for images 1.1', subresource: 'dataset',
    });
    expect(() => parseRequestId('garbage')).toThrow(/malformed request id/);
    expect(() => parseRequestId('action=x&colour=red')).toThrow(/unknown key 'colour'/);
  });
});
