// Request ids in CVAT's exact form (CVAT-MODEL.md §5.1–5.2): `key=value` pairs joined by `&`, keys in the order
// action, target, target_id, user_id, format, subresource, empty ones left out, values normalised
// ('.' → '~', ' ' → '_'), e.g. `action=export&target=task&target_id=12&user_id=3&format=CVAT_for_images_1~1&subresource=dataset`.
import { AnnoconvError } from '@annoconv/core';

export type RequestTarget = 'project' | 'task' | 'job';

export interface RequestIdParts {
  action: string;
  target: RequestTarget | (string & {});
  target_id?: number | string | null;
  user_id?: number | string | null;
  format?: string | null;
  subresource?: string | null;
}

const keyOrder = ['action', 'target', 'target_id', 'user_id', 'format', 'subresource'] as const;

/** CVAT's value normalisation: a dot becomes '~' and a space '_', so the id stays one URL-safe token. */
export function normalizeRequestIdValue(value: string | number): string {
  return String(value).replaceAll('.', '~').replaceAll(' ', '_');
}

/** The inverse of normalizeRequestIdValue. */
export function denormalizeRequestIdValue(value: string): string {
  return value.replaceAll('~', '.').replaceAll('_', ' ');
}

export function buildRequestId(parts: RequestIdParts): string {
  const pairs: string[] = [];
  for (const key of keyOrder) {
    const value = parts[key];
    // CVAT leaves falsy values out (so a user or target id of 0 is left out as well).
    if (value === undefined || value === null || value === '' || value === 0) continue;
    pairs.push(`${key}=${normalizeRequestIdValue(value)}`);
  }
  return pairs.join('&');
}

/** Reads an id back into its parts (numbers as numbers, the format denormalised). */
export function parseRequestId(id: string): RequestIdParts {
  const parts: Record<string, string | number> = {};
  for (const pair of id.split('&')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new AnnoconvError('invalid-request', `malformed request id '${id}'`);
    const key = pair.slice(0, equals);
    const value = pair.slice(equals + 1);
    if (!(keyOrder as readonly string[]).includes(key)) throw new AnnoconvError('invalid-request', `unknown key '${key}' in request id '${id}'`);
    parts[key] = key === 'target_id' || key === 'user_id' ? (/^\d+$/.test(value) ? Number(value) : value) : key === 'format' ? denormalizeRequestIdValue(value) : value;
  }
  if (typeof parts.action !== 'string' || typeof parts.target !== 'string') throw new AnnoconvError('invalid-request', `request id '${id}' lacks action or target`);
  return parts as unknown as RequestIdParts;
}

/** An export id: per user, target, format and subresource (`dataset` with images, `annotations` without). */
export function exportRequestId(options: { target: RequestTarget; targetId: number; userId: number; format: string; saveImages: boolean }): string {
  return buildRequestId({
    action: 'export',
    target: options.target,
    target_id: options.targetId,
    user_id: options.userId,
    format: options.format,
    subresource: options.saveImages ? 'dataset' : 'annotations',
  });
}

/** An import id: per target only (no user, no format), so one import per target runs at a time. */
export function importRequestId(options: { target: RequestTarget; targetId: number; subresource?: 'annotations' | 'dataset' }): string {
  return buildRequestId({
    action: 'import',
    target: options.target,
    target_id: options.targetId,
    subresource: options.subresource ?? (options.target === 'project' ? 'dataset' : 'annotations'),
  });
}
