// Entry points that turn untrusted JSON into the annotation model without ever throwing a bare exception: every
// problem is reported with its path in the model (`shapes[3].points`) and in CVAT's (Django REST framework's)
// words, and also as the nested error body CVAT answers 400 with.
import type { z } from 'zod';
import { SchemaError, type SchemaIssue } from './errors.js';
import { annotationSchemas, type AnnotationAction, type LabeledData } from './model/annotations.js';

/** DRF's nested error JSON: objects keyed by field, lists of per-item errors (`{}` for valid items), messages. */
export type DrfErrorBody = string[] | { [key: string]: DrfErrorBody } | DrfErrorBody[];

export type SafeParseResult<T> =
  | { success: true; data: T }
  | { success: false; error: SchemaError; body: DrfErrorBody };

export interface ParseAnnotationsOptions {
  /** The request action, which decides the rule on `id` (absent for create / PUT, present for delete). */
  action?: AnnotationAction;
  /** Names the input in the error message (a file name, a request). */
  subject?: string;
}

const schemasByAction = new Map<string, ReturnType<typeof annotationSchemas>>();
function schemasFor(action: AnnotationAction | undefined) {
  const key = action ?? '';
  let schemas = schemasByAction.get(key);
  if (!schemas) {
    schemas = annotationSchemas(action);
    schemasByAction.set(key, schemas);
  }
  return schemas;
}

/** Parses a `{version, tags, shapes, tracks}` body; never throws. */
export function safeParseAnnotations(json: unknown, options: ParseAnnotationsOptions = {}): SafeParseResult<LabeledData> {
  return safeParseWith(schemasFor(options.action).labeledData, json, options.subject);
}

/** Parses a `{version, tags, shapes, tracks}` body or throws a `SchemaError` listing every problem. */
export function parseAnnotations(json: unknown, options: ParseAnnotationsOptions = {}): LabeledData {
  const result = safeParseAnnotations(json, options);
  if (!result.success) throw result.error;
  return result.data;
}

/** Runs any zod schema and reports failures as a SchemaError with model paths and DRF-worded messages. */
export function safeParseWith<T extends z.ZodType>(schema: T, json: unknown, subject?: string): SafeParseResult<z.output<T>> {
  let result: ReturnType<T['safeParse']>;
  try {
    result = schema.safeParse(json, { reportInput: true }) as ReturnType<T['safeParse']>;
  } catch (cause) {
    // A getter or proxy in the input may throw; it is still a problem of the input, not a crash.
    const issues = [{ path: '', message: cause instanceof Error ? cause.message : String(cause) }];
    return { success: false, error: new SchemaError(issues, subject ? { subject } : undefined), body: { non_field_errors: [issues[0]!.message] } };
  }
  if (result.success) return { success: true, data: result.data as z.output<T> };
  const issues = result.error.issues.map((issue) => ({ path: issue.path as PropertyKey[], message: drfMessage(issue as ZodIssueLike) }));
  const schemaIssues: SchemaIssue[] = issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  return { success: false, error: new SchemaError(schemaIssues, subject ? { subject } : undefined), body: toDrfErrorBody(issues) };
}

/** `['shapes', 3, 'points']` → `shapes[3].points`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${String(segment)}` : String(segment);
  }
  return text;
}

// List fields whose items DRF reports as a dict keyed by index (ListField) rather than a list of dicts
// (ListSerializer): only `points` among the annotation fields.
const INDEX_KEYED_LISTS = new Set(['points', 'values', 'deletedFrames']);

/** Builds DRF's nested error body from issues with paths. Top-level problems go to `non_field_errors`. */
export function toDrfErrorBody(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>): DrfErrorBody {
  const root: Record<string, unknown> = {};
  for (const issue of issues) {
    const path = issue.path.length > 0 ? issue.path : ['non_field_errors'];
    let node: Record<string, unknown> | unknown[] = root;
    for (let index = 0; index < path.length; index++) {
      const segment = path[index]!;
      const last = index === path.length - 1;
      const key = typeof segment === 'number' && Array.isArray(node) ? segment : String(segment);
      if (last) {
        const holder = node as Record<string | number, unknown>;
        const existing = holder[key as string];
        if (Array.isArray(existing) && existing.every((item) => typeof item === 'string')) {
          if (!existing.includes(issue.message)) existing.push(issue.message);
        } else if (existing === undefined || (typeof existing === 'object' && existing !== null && Object.keys(existing).length === 0)) {
          holder[key as string] = [issue.message];
        }
        break;
      }
      const next = path[index + 1]!;
      const holder = node as Record<string | number, unknown>;
      let child = holder[key as string];
      if (child === undefined || (Array.isArray(child) && child.every((item) => typeof item === 'string') && child.length === 0)) {
        const listOfItems = typeof next === 'number' && !INDEX_KEYED_LISTS.has(String(segment));
        child = listOfItems ? [] : {};
        holder[key as string] = child;
      }
      if (Array.isArray(child) && typeof next === 'number') {
        // DRF lists one entry per item, `{}` for the valid ones.
        while (child.length <= next) child.push({});
      }
      node = child as Record<string, unknown> | unknown[];
    }
  }
  return root as DrfErrorBody;
}

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: unknown[];
}

const INTEGER_FIELDS = new Set(['id', 'label_id', 'frame', 'group', 'z_order', 'spec_id', 'version', 'index', 'width', 'height', 'startFrame', 'stopFrame', 'frameStep', 'segmentSize', 'overlap', 'parent_id']);

/** Python's name of a JSON value's type, as DRF prints it. */
function pythonType(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  return 'dict';
}

/** The message DRF would give for the same problem (rest_framework/fields.py default_error_messages). */
function drfMessage(issue: ZodIssueLike): string {
  const field = [...issue.path].reverse().find((segment) => typeof segment === 'string') as string | undefined;
  const input = issue.input;
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && input === undefined) return 'This field is required.';
  switch (issue.code) {
    case 'invalid_type': {
      if (!('input' in issue) || input === undefined) return 'This field is required.';
      if (input === null) return 'This field may not be null.';
      if (issue.message === 'Value must be a float or an integer') return issue.message;
      switch (issue.expected) {
        case 'int':
          return 'A valid integer is required.';
        case 'number':
          return field && INTEGER_FIELDS.has(field) ? 'A valid integer is required.' : 'A valid number is required.';
        case 'boolean':
          return 'Must be a valid boolean.';
        case 'string':
          return 'Not a valid string.';
        case 'array':
          return `Expected a list of items but got type "${pythonType(input)}".`;
        case 'object':
          return `Invalid data. Expected a dictionary, but got ${pythonType(input)}.`;
        default:
          return issue.message;
      }
    }
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'This field may not be blank.' : `Ensure this field has at least ${issue.minimum} characters.`;
      if (issue.origin === 'array') return `Ensure this field has at least ${issue.minimum} elements.`;
      return `Ensure this value is greater than or equal to ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return `Ensure this field has no more than ${issue.maximum} characters.`;
      if (issue.origin === 'array') return `Ensure this field has no more than ${issue.maximum} elements.`;
      return `Ensure this value is less than or equal to ${issue.maximum}.`;
    case 'invalid_value':
      return `"${typeof input === 'string' ? input : JSON.stringify(input)}" is not a valid choice.`;
    default:
      return issue.message;
  }
}
