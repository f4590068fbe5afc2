// Asynchronous import / export requests in CVAT's model (CVAT-MODEL.md §5): ids in CVAT's form, statuses
// queued → started → finished | failed, progress 0..1, a message, the result's location and expiry, and CVAT's
// 409 rule for duplicates. Jobs are plain async functions run in-process with bounded concurrency; an optional
// RequestStore keeps the requests' state across restarts, as CVAT keeps them in Redis.
import { AnnoconvError } from '@annoconv/core';
import { parseRequestId, type RequestIdParts } from './request-id.js';
import type { RequestOperation, RequestOwner, RequestStatus, SerializedRequest } from './request-serializer.js';
import type { RequestStore, StoredRequest } from './request-store.js';

/** What a running job can report and observe. */
export interface JobHandle {
  readonly rqId: string;
  /** Fraction done, clamped to 0..1. */
  setProgress(progress: number): void;
  /** The current stage text, shown as `message` while the request is started. */
  setMessage(message: string): void;
  /** Fires when the request is cancelled. */
  readonly signal: AbortSignal;
}

/** What a job returns: where its result is (a file the download endpoint serves) and an optional resource id. */
export interface JobResult {
  location?: string;
  resultId?: number;
}

export type Job = (handle: JobHandle) => Promise<JobResult | void>;

export interface SubmitRequest {
  /** The rq_id (build it with exportRequestId / importRequestId). */
  id: string;
  owner: RequestOwner;
  job: Job;
  /** Operation fields not found in the id. */
  orgId?: number | null;
  lightweight?: boolean;
  /** The format's display name, when the id's normalised one is not wanted. */
  format?: string | null;
}

export interface SubmitResult {
  rqId: string;
  /** True when a request with this id is already queued or started (CVAT answers 409 with the same body). */
  conflict: boolean;
}

export interface RequestManagerOptions {
  /** Jobs run at the same time; default 2. */
  concurrency?: number;
  /** How long a finished request and its result are kept; default 24 h. */
  resultTtlMs?: number;
  /** How long a failed request is kept; default 24 h. */
  failureTtlMs?: number;
  now?: () => Date;
  /** `result_url` of a finished export; default `/api/{target}s/{id}/dataset/download?rq_id=…` as CVAT. */
  resultUrl?: (request: { id: string; parts: RequestIdParts }) => string | null;
  /** Called when an expired or replaced request's result location is dropped (e.g. to delete the file). */
  onDiscard?: (location: string) => void | Promise<void>;
  /**
   * Keeps every request's state: loaded at construction (finished and failed requests come back until they
   * expire; queued or started ones come back failed, their job died with the process), saved on every status
   * change, deleted on cancel, replacement and expiry. Without it requests live in memory only.
   */
  store?: RequestStore;
  /**
   * Told when the store fails outside a caller's reach (a save while a job runs, a delete, a stored request
   * that cannot be read back, which is then dropped). A failing save in `submit` throws to its caller instead.
   */
  onStoreError?: (error: unknown, id: string) => void;
}

export interface RequestFilter {
  status?: RequestStatus;
  action?: string;
  target?: string;
  subresource?: string;
  format?: string;
  task_id?: number;
  job_id?: number;
  project_id?: number;
  ownerId?: number;
}

interface RequestRecord {
  id: string;
  parts: RequestIdParts;
  status: RequestStatus;
  message: string;
  progress: number;
  /** Whether the job ever reported progress; CVAT's annotation import / export never do and stay at 0. */
  reportsProgress: boolean;
  operation: RequestOperation;
  owner: RequestOwner;
  created: Date;
  started: Date | null;
  finished: Date | null;
  expiry: Date | null;
  location: string | null;
  resultId: number | null;
  /** The work still to run; null once it has run, and for requests restored from the store. */
  job: Job | null;
  controller: AbortController;
  done: Promise<void>;
  settle: () => void;
}

const day = 24 * 60 * 60 * 1000;

const statuses: readonly RequestStatus[] = ['queued', 'started', 'finished', 'failed'];

/**
 * The failure message of a request whose process stopped before it ended. CVAT likewise moves a started job whose
 * worker died to RQ's failed registry (its cleanup of abandoned jobs, `AbandonedJobError`) instead of leaving it
 * started forever; a queued one it would still run, but here the job was a closure of the dead process.
 */
export function interruptedRequestMessage(status: 'queued' | 'started'): string {
  return status === 'started'
    ? 'ServerRestartError: the server restarted while the request was running; send the request again'
    : 'ServerRestartError: the server restarted before the request could run; send the request again';
}

export class RequestManager {
  private readonly requests = new Map<string, RequestRecord>();
  private readonly queue: RequestRecord[] = [];
  private running = 0;
  private readonly concurrency: number;
  private readonly resultTtlMs: number;
  private readonly failureTtlMs: number;
  private readonly now: () => Date;
  private readonly resultUrl: (request: { id: string; parts: RequestIdParts }) => string | null;
  private readonly onDiscard: ((location: string) => void | Promise<void>) | undefined;
  private readonly store: RequestStore | undefined;
  private readonly onStoreError: ((error: unknown, id: string) => void) | undefined;

  constructor(options: RequestManagerOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 2);
    this.resultTtlMs = options.resultTtlMs ?? day;
    this.failureTtlMs = options.failureTtlMs ?? day;
    this.now = options.now ?? (() => new Date());
    this.resultUrl = options.resultUrl ?? defaultResultUrl;
    this.onDiscard = options.onDiscard;
    this.store = options.store;
    this.onStoreError = options.onStoreError;
    if (this.store) this.restore(this.store);
  }

  /**
   * Queues a job under its rq_id. Same id already queued or started → `conflict` and nothing new runs;
   * same id finished or failed → the old request is discarded and replaced (CVAT-MODEL.md §5.1).
   */
  submit(request: SubmitRequest): SubmitResult {
    const parts = parseRequestId(request.id);
    const existing = this.get(request.id) && this.requests.get(request.id);
    if (existing && (existing.status === 'queued' || existing.status === 'started')) return { rqId: request.id, conflict: true };
    if (existing) this.discard(existing);
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    const record: RequestRecord = {
      id: request.id,
      parts,
      status: 'queued',
      message: '',
      progress: 0,
      reportsProgress: false,
      operation: operationOf(parts, request),
      owner: { id: request.owner.id, username: request.owner.username },
      created: this.now(),
      started: null,
      finished: null,
      expiry: null,
      location: null,
      resultId: null,
      job: request.job,
      controller: new AbortController(),
      done,
      settle,
    };
    // Stored before it is queued: a request the store refused is not run and the caller learns why.
    this.store?.save(toStored(record));
    this.requests.set(record.id, record);
    this.queue.push(record);
    this.pump();
    return { rqId: record.id, conflict: false };
  }

  /** The request in CVAT's JSON shape, or undefined (unknown, cancelled or expired: CVAT's 404). */
  get(id: string): SerializedRequest | undefined {
    const record = this.requests.get(id);
    if (!record) return undefined;
    if (isExpired(record, this.now().getTime())) {
      this.discard(record);
      return undefined;
    }
    return this.serialize(record);
  }

  /**
   * Forgets every expired request now (their results go to onDiscard and their stored state is deleted) and
   * answers how many. Expiry is otherwise noticed when a request is looked at; a server calls this from time to
   * time so that results nobody asks for again do not stay on disk.
   */
  sweep(): number {
    const now = this.now().getTime();
    let removed = 0;
    for (const record of [...this.requests.values()]) {
      if (!isExpired(record, now)) continue;
      this.discard(record);
      removed++;
    }
    return removed;
  }

  /** The result locations of the requests known now (finished ones not yet expired), e.g. to find orphan files. */
  resultLocations(): Set<string> {
    const locations = new Set<string>();
    const now = this.now().getTime();
    for (const record of this.requests.values()) if (record.location && !isExpired(record, now)) locations.add(record.location);
    return locations;
  }

  /** The caller's requests, newest first (CVAT's default sort), optionally filtered. */
  list(filter: RequestFilter = {}): SerializedRequest[] {
    const result: SerializedRequest[] = [];
    for (const id of [...this.requests.keys()]) {
      const request = this.get(id);
      if (!request || !matches(request, this.requests.get(id)!, filter)) continue;
      result.push(request);
    }
    return result.sort((a, b) => (a.created_date < b.created_date ? 1 : a.created_date > b.created_date ? -1 : 0));
  }

  /** Where a finished request's result is (for the download endpoint); undefined otherwise. */
  resultLocation(id: string): string | undefined {
    const request = this.get(id);
    if (!request || request.status !== 'finished') return undefined;
    return this.requests.get(id)?.location ?? undefined;
  }

  /** Resolves when the request has finished or failed (immediately when it is unknown). */
  async wait(id: string): Promise<SerializedRequest | undefined> {
    const record = this.requests.get(id);
    if (record) await record.done;
    return this.get(id);
  }

  /**
   * Cancels a queued or started request: it disappears (GET answers 404, as CVAT does for cancelled ones) and a
   * running job sees its signal fire. Finished / failed requests cannot be cancelled (CVAT's 400).
   */
  cancel(id: string): void {
    const record = this.requests.get(id);
    if (!record || !this.get(id)) throw new AnnoconvError('not-found', 'There is no request with specified id');
    if (record.status !== 'queued' && record.status !== 'started') throw new AnnoconvError('invalid-request', `request '${id}' is ${record.status} and cannot be cancelled`);
    const queued = this.queue.indexOf(record);
    if (queued >= 0) this.queue.splice(queued, 1);
    record.controller.abort();
    this.requests.delete(id);
    this.forgetStored(id);
    record.settle();
  }

  private discard(record: RequestRecord): void {
    if (this.requests.get(record.id) === record) {
      this.requests.delete(record.id);
      this.forgetStored(record.id);
    }
    this.dropResult(record);
  }

  private dropResult(record: RequestRecord): void {
    if (record.location && this.onDiscard) void Promise.resolve(this.onDiscard(record.location)).catch(() => undefined);
  }

  /** Reads the store back: expired requests go, interrupted ones become failed, the rest is kept as it was. */
  private restore(store: RequestStore): void {
    // Read everything first: a store may iterate a database cursor that must end before the writes below.
    const stored = [...store.load()];
    const now = this.now();
    for (const entry of stored) {
      let record: RequestRecord;
      try {
        record = fromStored(entry);
      } catch (error) {
        this.reportStoreError(error, String(entry?.id));
        this.forgetStored(String(entry?.id));
        continue;
      }
      if (record.status === 'queued' || record.status === 'started') {
        // The job was a closure of the process that stopped: it cannot resume, so the request fails, keeping
        // its id so that a client polling it learns what happened instead of getting a 404.
        record.message = interruptedRequestMessage(record.status);
        record.status = 'failed';
        record.finished = now;
        record.expiry = new Date(now.getTime() + this.failureTtlMs);
        record.location = null;
        this.saveQuietly(record);
      }
      if (isExpired(record, now.getTime())) {
        this.forgetStored(record.id);
        this.dropResult(record);
        continue;
      }
      this.requests.set(record.id, record);
    }
  }

  private saveQuietly(record: RequestRecord): void {
    if (!this.store) return;
    try {
      this.store.save(toStored(record));
    } catch (error) {
      this.reportStoreError(error, record.id);
    }
  }

  private forgetStored(id: string): void {
    if (!this.store) return;
    try {
      this.store.delete(id);
    } catch (error) {
      this.reportStoreError(error, id);
    }
  }

  private reportStoreError(error: unknown, id: string): void {
    try {
      this.onStoreError?.(error, id);
    } catch {
      // A failing error reporter must not stop a job's bookkeeping.
    }
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const record = this.queue.shift()!;
      this.running++;
      void this.run(record).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async run(record: RequestRecord): Promise<void> {
    const job = record.job;
    // The closure may hold large values (an upload's path, a dataset); it is not needed once it has run.
    record.job = null;
    record.status = 'started';
    record.started = this.now();
    this.saveQuietly(record);
    const handle: JobHandle = {
      rqId: record.id,
      signal: record.controller.signal,
      setProgress: (progress) => {
        if (!Number.isFinite(progress)) return;
        record.progress = Math.min(1, Math.max(0, progress));
        record.reportsProgress = true;
      },
      setMessage: (message) => {
        record.message = message;
      },
    };
    try {
      if (!job) throw new AnnoconvError('invalid-request', `request '${record.id}' has no job to run`);
      const result = await job(handle);
      if (record.controller.signal.aborted) return;
      record.status = 'finished';
      record.message = '';
      record.location = result?.location ?? null;
      record.resultId = result?.resultId ?? null;
      record.finished = this.now();
      record.expiry = new Date(record.finished.getTime() + this.resultTtlMs);
      this.saveQuietly(record);
    } catch (error) {
      if (record.controller.signal.aborted) return;
      record.status = 'failed';
      record.message = formatFailure(error);
      record.finished = this.now();
      record.expiry = new Date(record.finished.getTime() + this.failureTtlMs);
      this.saveQuietly(record);
    } finally {
      record.settle();
    }
  }

  private serialize(record: RequestRecord): SerializedRequest {
    const isExport = record.parts.action === 'export';
    return {
      id: record.id,
      status: record.status,
      // CVAT: "" unless started (the stage text) or failed (the formatted exception).
      message: record.status === 'started' || record.status === 'failed' ? record.message : '',
      // A job that reports progress ends at 1; one that never does stays at 0, as CVAT's annotation jobs.
      progress: record.status === 'finished' && record.reportsProgress ? 1 : record.progress,
      operation: { ...record.operation },
      created_date: record.created.toISOString(),
      started_date: record.started?.toISOString() ?? null,
      finished_date: record.finished?.toISOString() ?? null,
      expiry_date: record.expiry?.toISOString() ?? null,
      owner: { ...record.owner },
      result_url: isExport && record.status === 'finished' ? this.resultUrl({ id: record.id, parts: record.parts }) : null,
      result_id: record.resultId,
    };
  }
}

function operationOf(parts: RequestIdParts, request: SubmitRequest): RequestOperation {
  const targetId = typeof parts.target_id === 'number' ? parts.target_id : parts.target_id ? Number(parts.target_id) : null;
  return {
    type: `${parts.action}:${parts.subresource || parts.target}`,
    target: parts.target,
    project_id: parts.target === 'project' ? targetId : null,
    task_id: parts.target === 'task' ? targetId : null,
    job_id: parts.target === 'job' ? targetId : null,
    org_id: request.orgId ?? null,
    format: request.format !== undefined ? request.format : (parts.format ?? null),
    lightweight: request.lightweight ?? null,
    function_id: null,
  };
}

function isExpired(record: RequestRecord, now: number): boolean {
  return record.expiry !== null && record.expiry.getTime() <= now;
}

function toStored(record: RequestRecord): StoredRequest {
  return {
    id: record.id,
    status: record.status,
    message: record.message,
    progress: record.progress,
    reportsProgress: record.reportsProgress,
    operation: { ...record.operation },
    owner: { ...record.owner },
    created: record.created.toISOString(),
    started: record.started?.toISOString() ?? null,
    finished: record.finished?.toISOString() ?? null,
    expiry: record.expiry?.toISOString() ?? null,
    location: record.location,
    resultId: record.resultId,
  };
}

/** A stored request back as a record; throws an `invalid-request` error naming the field that does not read. */
function fromStored(stored: StoredRequest): RequestRecord {
  const where = `stored request '${String(stored?.id)}'`;
  if (typeof stored?.id !== 'string') throw new AnnoconvError('invalid-request', `${where}: id is not a string`);
  const parts = parseRequestId(stored.id);
  if (!statuses.includes(stored.status)) throw new AnnoconvError('invalid-request', `${where}: unknown status '${String(stored.status)}'`);
  const date = (field: 'created' | 'started' | 'finished' | 'expiry', value: string | null): Date | null => {
    if (value === null) return null;
    const parsed = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(parsed.getTime())) throw new AnnoconvError('invalid-request', `${where}: ${field} is not a date`);
    return parsed;
  };
  const created = date('created', stored.created);
  if (!created) throw new AnnoconvError('invalid-request', `${where}: created is missing`);
  if (typeof stored.owner?.id !== 'number' || typeof stored.owner.username !== 'string') throw new AnnoconvError('invalid-request', `${where}: owner is not {id, username}`);
  if (typeof stored.operation?.type !== 'string') throw new AnnoconvError('invalid-request', `${where}: operation has no type`);
  return {
    id: stored.id,
    parts,
    status: stored.status,
    message: typeof stored.message === 'string' ? stored.message : '',
    progress: Number.isFinite(stored.progress) ? Math.min(1, Math.max(0, stored.progress)) : 0,
    reportsProgress: stored.reportsProgress === true,
    operation: { ...stored.operation },
    owner: { id: stored.owner.id, username: stored.owner.username },
    created,
    started: date('started', stored.started),
    finished: date('finished', stored.finished),
    expiry: date('expiry', stored.expiry),
    location: typeof stored.location === 'string' ? stored.location : null,
    resultId: typeof stored.resultId === 'number' ? stored.resultId : null,
    job: null,
    controller: new AbortController(),
    done: Promise.resolve(),
    settle: () => undefined,
  };
}

function defaultResultUrl({ id, parts }: { id: string; parts: RequestIdParts }): string {
  return `/api/${parts.target}s/${parts.target_id}/dataset/download?rq_id=${encodeURIComponent(id)}`;
}

function formatFailure(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function matches(request: SerializedRequest, record: RequestRecord, filter: RequestFilter): boolean {
  const { operation } = request;
  if (filter.status !== undefined && request.status !== filter.status) return false;
  if (filter.action !== undefined && record.parts.action !== filter.action) return false;
  if (filter.target !== undefined && operation.target !== filter.target) return false;
  if (filter.subresource !== undefined && record.parts.subresource !== filter.subresource) return false;
  if (filter.format !== undefined && operation.format !== filter.format) return false;
  if (filter.task_id !== undefined && operation.task_id !== filter.task_id) return false;
  if (filter.job_id !== undefined && operation.job_id !== filter.job_id) return false;
  if (filter.project_id !== undefined && operation.project_id !== filter.project_id) return false;
  if (filter.ownerId !== undefined && request.owner.id !== filter.ownerId) return false;
  return true;
}
