// The error types of annoconv: one base class with a stable `code`, one subclass per condition. `isInstance`
// works across duplicated installs (it checks a marker, not the prototype chain).
import type { Diagnostic, Where } from './diagnostics.js';
import { formatWhere } from './diagnostics.js';

const marker = Symbol.for('annoconv.error');

export type ErrorCode =
  | 'parse'
  | 'schema'
  | 'format-not-detected'
  | 'unknown-format'
  | 'limit-exceeded'
  | 'unsafe-path'
  | 'io'
  | 'strict'
  | 'unsupported'
  | 'conflict'
  | 'not-found'
  | 'aborted'
  | 'invalid-request';

export class AnnoconvError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  readonly where?: Where;
  constructor(code: ErrorCode, message: string, options?: { where?: Where; cause?: unknown }) {
    super(options?.where ? `${formatWhere(options.where)}: ${message}` : message, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    if (options?.where) this.where = options.where;
  }
  static isInstance(value: unknown): value is AnnoconvError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

/** Input that cannot be read: malformed JSON / XML / text, bad binary framing. Names the file and the place. */
export class ParseError extends AnnoconvError {
  constructor(message: string, where: Where, options?: { cause?: unknown }) {
    super('parse', message, { where, ...options });
  }
}

export interface SchemaIssue {
  /** Path in the model's terms, e.g. `shapes[3].points`. */
  path: string;
  message: string;
}

/** Input that parses but breaks the model's rules; lists every problem with its path. */
export class SchemaError extends AnnoconvError {
  readonly issues: SchemaIssue[];
  constructor(issues: SchemaIssue[], options?: { where?: Where; subject?: string }) {
    const head = options?.subject ? `${options.subject}: ` : '';
    super('schema', head + issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; '), options);
    this.issues = issues;
  }
}

export interface DetectionReport {
  format: string;
  confidence: number;
  reasons: string[];
}

/** No format recognised the input; carries every detector's reasons. */
export class FormatNotDetectedError extends AnnoconvError {
  readonly reports: DetectionReport[];
  constructor(input: string, reports: DetectionReport[]) {
    const lines = reports.map((report) => `  ${report.format}: ${report.reasons.join('; ') || 'no match'}`);
    super('format-not-detected', `no format recognised ${input}:\n${lines.join('\n')}`);
    this.reports = reports;
  }
}

export class UnknownFormatError extends AnnoconvError {
  readonly requested: string;
  constructor(requested: string, known: string[], suggestions: string[] = []) {
    const hint = suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
    super('unknown-format', `unknown format '${requested}'${hint}; known formats: ${known.join(', ')}`);
    this.requested = requested;
  }
}

/** A bound (archive size, entry count, compression ratio, image dimensions, upload size) was exceeded. */
export class LimitExceededError extends AnnoconvError {
  constructor(message: string, where?: Where) {
    super('limit-exceeded', message, where ? { where } : undefined);
  }
}

/** A path that is absolute, contains `..`, or escapes its root. */
export class UnsafePathError extends AnnoconvError {
  constructor(path: string, where?: Where) {
    super('unsafe-path', `refusing unsafe path '${path}'`, where ? { where } : undefined);
  }
}

export class IoError extends AnnoconvError {
  constructor(message: string, options?: { where?: Where; cause?: unknown }) {
    super('io', message, options);
  }
}

/** `--strict`: warnings were raised, nothing was written. */
export class StrictModeError extends AnnoconvError {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super('strict', `strict mode: ${diagnostics.length} warning(s), nothing written`);
    this.diagnostics = diagnostics;
  }
}

export class AbortedError extends AnnoconvError {
  constructor() {
    super('aborted', 'the operation was aborted');
  }
}
