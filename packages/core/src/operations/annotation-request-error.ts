// The error of an annotation request CVAT would answer with 400: it carries CVAT's response body (DRF's nested
// error JSON, a list of save-stage messages, or a database error text) so a server can answer exactly that.
import { AnnoconvError } from '../errors.js';
import type { DrfErrorBody } from '../parse-annotations.js';

export type AnnotationErrorBody = DrfErrorBody | string;

export class AnnotationRequestError extends AnnoconvError {
  /** What CVAT answers with status 400, e.g. `{"shapes":[{"points":["invalid length for shape type 'rectangle'"]}]}`. */
  readonly body: AnnotationErrorBody;
  readonly status = 400;
  constructor(body: AnnotationErrorBody, message?: string) {
    super('invalid-request', message ?? `invalid annotation request: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
    this.body = body;
  }
}
