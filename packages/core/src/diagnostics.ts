// Diagnostics: lossy or doubtful conversion is data that travels with the result, never a log line.

export type DiagnosticCode =
  | 'shape-unsupported' // the target cannot hold this shape type; the shape was dropped
  | 'shape-converted' // the shape was turned into another type (ellipse → mask, mask → polygon, …)
  | 'tag-unsupported'
  | 'track-flattened' // a track was written as per-frame shapes
  | 'attribute-dropped'
  | 'rotation-dropped'
  | 'occluded-dropped'
  | 'z-order-dropped'
  | 'group-dropped'
  | 'label-unknown'
  | 'label-created'
  | 'image-size-unknown'
  | 'image-missing'
  | 'annotation-unmatched' // an annotation file or item that matches no frame
  | 'value-coerced'
  | 'field-ignored' // data the model cannot hold, read and left out
  | 'data-unsupported' // a whole part of the input (a COCO task, a file kind) the model cannot hold
  | 'field-dropped' // a field of an object the target cannot hold (a score, an element's outside flag)
  | 'duplicate'
  | 'invalid-value'
  | 'instance-overflow' // more instances on a frame than an instance mask can number
  | 'group-merged' // the members of a group were painted or written as one object
  | 'label-color-collision' // two labels share a colour in a colour-coded mask
  | 'format-ambiguous' // two formats recognised the input equally well
  | 'label-remapped' // a label renamed, merged or deleted by a label map the user gave
  | 'subsets-split' // frames given new subsets by a random split the user asked for
  | (string & {});

export type Severity = 'error' | 'warning' | 'info';

/** Where a diagnostic or error points: the file, the place in it, and the object it concerns. */
export interface Where {
  file?: string;
  line?: number;
  column?: number;
  /** JSON path, e.g. `annotations[12].segmentation`. */
  jsonPath?: string;
  /** XML element path, e.g. `annotations/image[3]/box[1]`. */
  element?: string;
  frame?: number;
  /** The frame's name, when that is clearer than its index. */
  frameName?: string;
  objectId?: number | string;
  /** Which kind of object: 'shape', 'track', 'tag', 'label', … */
  objectKind?: string;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  where?: Where;
}

/** Collects diagnostics; formats push into it through their context. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  add(diagnostic: Diagnostic): void {
    this.items.push(diagnostic);
  }
  warn(code: DiagnosticCode, message: string, where?: Where): void {
    this.items.push({ code, severity: 'warning', message, ...(where ? { where } : {}) });
  }
  info(code: DiagnosticCode, message: string, where?: Where): void {
    this.items.push({ code, severity: 'info', message, ...(where ? { where } : {}) });
  }
  error(code: DiagnosticCode, message: string, where?: Where): void {
    this.items.push({ code, severity: 'error', message, ...(where ? { where } : {}) });
  }
  get warnings(): Diagnostic[] {
    return this.items.filter((item) => item.severity !== 'info');
  }
  /** Counts per code, for summaries ("shape-unsupported: 12"). */
  countByCode(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const item of this.items) counts.set(item.code, (counts.get(item.code) ?? 0) + 1);
    return counts;
  }
}

/** Formats a place as `file:line`, `file at $.path` or `file <element>`, for messages. */
export function formatWhere(where: Where | undefined): string {
  if (!where) return '';
  const parts: string[] = [];
  if (where.file) parts.push(where.line !== undefined ? `${where.file}:${where.line}${where.column !== undefined ? `:${where.column}` : ''}` : where.file);
  else if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.jsonPath) parts.push(`at ${where.jsonPath}`);
  if (where.element) parts.push(`<${where.element}>`);
  if (where.frameName !== undefined) parts.push(`frame '${where.frameName}'`);
  else if (where.frame !== undefined) parts.push(`frame ${where.frame}`);
  if (where.objectId !== undefined) parts.push(`${where.objectKind ?? 'object'} ${where.objectId}`);
  return parts.join(', ');
}
