// The persistence hook of the request manager: a place that keeps each request's state so that requests outlive
// the process, as CVAT's live in Redis with an expiry (CVAT-MODEL.md §5). The engine defines only the shape; a
// server plugs in its own store (a database table), tests an in-memory one.
import type { RequestOperation, RequestOwner, RequestStatus } from './request-serializer.js';

/** One request's state as the manager saves it: plain JSON values (dates as ISO strings), no job function. */
export interface StoredRequest {
  id: string;
  status: RequestStatus;
  message: string;
  progress: number;
  /** Whether the job ever reported progress (a finished reporting job shows 1, others 0). */
  reportsProgress: boolean;
  operation: RequestOperation;
  owner: RequestOwner;
  created: string;
  started: string | null;
  finished: string | null;
  /** When the request and its result are forgotten; null while queued or started. */
  expiry: string | null;
  /** Where a finished job's result is (e.g. an export file); null otherwise. */
  location: string | null;
  resultId: number | null;
}

/**
 * Where the manager keeps requests. `save` is an upsert called on every status change (queued, started,
 * finished, failed; progress and stage text are not saved: a request running when the process stops comes back
 * failed anyway), `delete` when a request is cancelled, replaced or expired, `load` once, at construction.
 * Calls are synchronous so that a request is stored before its answer goes out.
 */
export interface RequestStore {
  load(): Iterable<StoredRequest>;
  save(request: StoredRequest): void;
  delete(id: string): void;
}
