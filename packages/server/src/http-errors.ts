// Errors that become HTTP answers, and the mapping of the project's typed errors to CVAT's status codes and
// bodies (DRF's `{"detail": …}` for most, the validation JSON for 400s of the annotation endpoints).
import { AnnoconvError, AnnotationRequestError, LimitExceededError, SchemaError, UnknownFormatError } from '@annoconv/core';
import { TaskInputError } from './task-input.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === 'object' && body !== null && 'detail' in body ? String((body as { detail: unknown }).detail) : JSON.stringify(body));
  }
}

export const notFound = (): HttpError => new HttpError(404, { detail: 'Not found.' });
export const badRequest = (detail: unknown): HttpError => new HttpError(400, typeof detail === 'string' ? { detail } : detail);

/** Status and body for any error a handler threw; undefined status = an unexpected error (500). */
export function errorResponse(error: unknown): { status: number; body: unknown } {
  if (error instanceof HttpError) return { status: error.status, body: error.body };
  if (error instanceof AnnotationRequestError) return { status: 400, body: error.body };
  if (error instanceof TaskInputError) return { status: 400, body: error.body };
  if (error instanceof SchemaError) return { status: 400, body: { detail: error.message } };
  if (error instanceof LimitExceededError) return { status: 413, body: { detail: error.message } };
  if (error instanceof UnknownFormatError) return { status: 400, body: { detail: error.message } };
  if (error instanceof AnnoconvError) {
    if (error.code === 'not-found') return { status: 404, body: { detail: error.message } };
    if (error.code === 'invalid-request' || error.code === 'unsupported') return { status: 400, body: { detail: error.message } };
    if (error.code === 'conflict') return { status: 409, body: { detail: error.message } };
  }
  return { status: 500, body: { detail: 'Internal server error.' } };
}
