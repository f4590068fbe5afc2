// The one error type of this package; callers (format readers, the engine) wrap it into their own typed errors
// with a file and location, so it carries only a stable code and a message.

export type GeometryErrorCode =
  | 'invalid-rle'
  | 'rle-size-mismatch'
  | 'invalid-mask'
  | 'invalid-shape'
  | 'invalid-track'
  | 'interpolation-unsupported';

export class GeometryError extends Error {
  readonly code: GeometryErrorCode;

  constructor(code: GeometryErrorCode, message: string) {
    super(message);
    this.name = 'GeometryError';
    this.code = code;
  }
}
