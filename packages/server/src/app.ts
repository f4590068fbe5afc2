// The HTTP API: hono routes answering CVAT's annotation endpoints (tasks, jobs, labels, data meta, annotations,
// import / export requests, formats) over the server context. Every URL is accepted with and without its
// trailing slash, and every route but the health check needs `Authorization: Token <key>`.
import { Hono, type Context } from 'hono';
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AnnoconvError, sliceAnnotations, type LabeledData } from '@annoconv/core';
import { exportRequestId, findFormat, formatsListing, importRequestId } from '@annoconv/engine';
import { HttpError, badRequest, errorResponse, notFound } from './http-errors.js';
import { mapToTask } from './map-to-task.js';
import { receiveMultipart, type MultipartResult } from './multipart-upload.js';
import { dataMetaBody, jobBody, labelBodies, page, taskBody } from './serializers.js';
import type { ServerContext } from './server-context.js';
import { buildFrames, buildLabels, taskInputSchema } from './task-input.js';
import type { JobRow, TaskRow } from './task-repository.js';
import { userForToken, type User } from './tokens.js';

type Env = { Variables: { user: User } };
type Ctx = Context<Env>;

/** Where an annotation request goes: the whole task, or one of its jobs. */
interface Target {
  kind: 'task' | 'job';
  id: number;
  task: TaskRow;
  job?: JobRow;
}

function parseId(value: string | undefined): number {
  if (value === undefined || !/^\d{1,15}$/.test(value)) throw notFound();
  return Number(value);
}

function parseBool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  throw badRequest(`invalid boolean value '${value}'`);
}

function baseUrl(c: Ctx): string {
  return new URL(c.req.url).origin;
}

/** Reads a JSON body of at most `maxBytes` bytes. */
async function readJson(c: Ctx, maxBytes: number): Promise<unknown> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > maxBytes) throw new HttpError(413, { detail: `request body larger than ${maxBytes} bytes` });
  const body = c.req.raw.body;
  if (!body) return {};
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new HttpError(413, { detail: `request body larger than ${maxBytes} bytes` });
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(`JSON parse error - ${(error as Error).message}`);
  }
}

export function createApp(ctx: ServerContext): Hono<Env> {
  const app = new Hono<Env>({ strict: false });
  const { repo, requests, config, logger } = ctx;

  app.onError((error, c) => {
    const { status, body } = errorResponse(error);
    if (status >= 500) logger.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
    return c.json(body as object, status as 400);
  });
  app.notFound((c) => c.json({ detail: 'Not found.' }, 404));

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.debug({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });

  app.get('/api/server/health', (c) => c.json({ status: 'ok' }));

  app.use('/api/*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Token\s+(\S+)\s*$/i.exec(header);
    if (!match) return c.json({ detail: 'Authentication credentials were not provided.' }, 401);
    const user = userForToken(ctx.db, match[1]!);
    if (!user) return c.json({ detail: 'Invalid token.' }, 401);
    c.set('user', user);
    await next();
  });

  const ownTask = (c: Ctx, id: number): TaskRow => {
    const task = repo.get(id);
    if (!task || task.owner_id !== c.get('user').id) throw notFound();
    return task;
  };
  const target = (c: Ctx, kind: 'task' | 'job'): Target => {
    const id = parseId(c.req.param('id'));
    if (kind === 'task') return { kind, id, task: ownTask(c, id) };
    const job = repo.job(id);
    if (!job) throw notFound();
    return { kind, id, task: ownTask(c, job.task_id), job };
  };

  // ---- server ------------------------------------------------------------------------------------------------

  app.get('/api/server/about', (c) => c.json({ name: 'annoconv', description: "CVAT's annotation API, offline", version: '0.1.0' }));
  app.get('/api/server/annotation/formats', (c) => c.json(formatsListing()));
  app.get('/api/users/self', (c) => c.json(c.get('user')));

  // ---- tasks -------------------------------------------------------------------------------------------------

  app.get('/api/tasks', (c) => {
    const base = baseUrl(c);
    return c.json(page(repo.list(c.get('user').id).map((task) => taskBody(task, repo.jobs(task.id), base))));
  });

  app.post('/api/tasks', async (c) => {
    const user = c.get('user');
    if (/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) return c.json(await createTaskFromFile(c, user), 201);
    const parsed = taskInputSchema.safeParse(await readJson(c, config.maxBodyBytes));
    if (!parsed.success) throw badRequest(drfIssues(parsed.error.issues));
    const input = parsed.data;
    const labels = buildLabels(input.labels);
    const taskId = repo.create(user, {
      name: input.name,
      labels,
      frames: buildFrames(input.frames, input.subset),
      mode: input.mode,
      segmentSize: input.segment_size,
      overlap: input.overlap,
      subset: input.subset,
    });
    const task = repo.get(taskId)!;
    return c.json(taskBody(task, repo.jobs(taskId), baseUrl(c)), 201);
  });

  /** A task whose labels, frames and annotations come from a dataset file (multipart `dataset_file`). */
  async function createTaskFromFile(c: Ctx, user: User) {
    const upload = await receiveUpload(c, ['dataset_file']);
    try {
      const file = upload.result.files.find((candidate) => candidate.field === 'dataset_file');
      if (!file) throw badRequest({ dataset_file: ['This field is required.'] });
      const fields = { ...upload.result.fields, ...c.req.query() };
      const format = fields.format || undefined;
      if (format !== undefined) checkImporter(format);
      const read = await ctx.runner.read({
        kind: 'read',
        path: file.path,
        ...(format !== undefined ? { format } : {}),
        options: { conv_mask_to_poly: parseBool(fields.conv_mask_to_poly, true) },
        limits: config.archiveLimits,
      });
      const { dataset } = read;
      if (dataset.frames.length === 0) throw badRequest('the dataset has no frames');
      const segmentSize = fields.segment_size !== undefined ? Number(fields.segment_size) : dataset.meta.segmentSize;
      const overlap = fields.overlap !== undefined && fields.overlap !== '' ? Number(fields.overlap) : dataset.meta.overlap;
      if (!Number.isInteger(segmentSize) || segmentSize < 0) throw badRequest({ segment_size: ['A valid integer is required.'] });
      if (overlap !== null && overlap !== undefined && (!Number.isInteger(overlap) || overlap < 0)) throw badRequest({ overlap: ['A valid integer is required.'] });
      const taskId = repo.create(
        user,
        {
          name: fields.name || dataset.meta.name || file.filename,
          labels: dataset.labels,
          frames: dataset.frames.map((frame, index) => ({ ...frame, index })),
          mode: dataset.meta.mode,
          segmentSize,
          overlap,
          subset: '',
          meta: { startFrame: dataset.meta.startFrame, frameStep: dataset.meta.frameStep, deletedFrames: dataset.meta.deletedFrames },
        },
        dataset.annotations,
      );
      logger.info({ taskId, format: read.format, diagnostics: read.diagnostics.length }, 'task created from a dataset file');
      return taskBody(repo.get(taskId)!, repo.jobs(taskId), baseUrl(c));
    } finally {
      ctx.removeInside(ctx.uploadsDir, upload.dir);
    }
  }

  app.get('/api/tasks/:id', (c) => {
    const task = ownTask(c, parseId(c.req.param('id')));
    return c.json(taskBody(task, repo.jobs(task.id), baseUrl(c)));
  });

  app.delete('/api/tasks/:id', (c) => {
    const task = ownTask(c, parseId(c.req.param('id')));
    repo.delete(task.id);
    ctx.forget(task.id);
    return c.body(null, 204);
  });

  app.get('/api/tasks/:id/data/meta', (c) => {
    const task = ownTask(c, parseId(c.req.param('id')));
    return c.json(dataMetaBody(task, repo.frames(task.id)));
  });

  // ---- labels and jobs ---------------------------------------------------------------------------------------

  app.get('/api/labels', (c) => {
    const taskId = c.req.query('task_id');
    const jobId = c.req.query('job_id');
    let task: TaskRow;
    if (taskId !== undefined) task = ownTask(c, parseId(taskId));
    else if (jobId !== undefined) {
      const job = repo.job(parseId(jobId));
      if (!job) throw notFound();
      task = ownTask(c, job.task_id);
    } else {
      const user = c.get('user');
      return c.json(page(repo.list(user.id).flatMap((owned) => labelBodies(repo.labels(owned.id), owned.id))));
    }
    return c.json(page(labelBodies(repo.labels(task.id), task.id)));
  });

  app.get('/api/jobs', (c) => {
    const base = baseUrl(c);
    const taskId = c.req.query('task_id');
    const tasks = taskId !== undefined ? [ownTask(c, parseId(taskId))] : repo.list(c.get('user').id);
    return c.json(page(tasks.flatMap((task) => repo.jobs(task.id).map((job) => jobBody(job, task, base)))));
  });

  app.get('/api/jobs/:id', (c) => {
    const { task, job } = target(c, 'job');
    return c.json(jobBody(job!, task, baseUrl(c)));
  });

  // ---- annotations -------------------------------------------------------------------------------------------

  for (const kind of ['task', 'job'] as const) {
    const path = `/api/${kind}s/:id/annotations`;

    app.get(path, (c) => {
      const q = c.req.query();
      // CVAT answers the legacy export parameters with 410 Gone.
      if (['format', 'filename', 'action', 'location', 'cloud_storage_id'].some((key) => q[key] !== undefined))
        throw new HttpError(410, { detail: 'This endpoint no longer supports exporting annotations; use POST …/dataset/export' });
      const t = target(c, kind);
      const store = ctx.store(t.task);
      const bytes = ctx.readCache.get(store, t.job?.position ?? 0, () => (t.job ? store.getJobJson(t.job.position) : store.getJsonBytes()));
      return new Response(bytes, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(bytes.byteLength) } });
    });

    app.put(path, async (c) => {
      const q = c.req.query();
      if (q.format !== undefined || q.rq_id !== undefined) throw new HttpError(410, { detail: 'This endpoint no longer supports importing annotations; use POST' });
      const t = target(c, kind);
      const body = await readJson(c, config.maxBodyBytes);
      const store = ctx.store(t.task);
      return c.json(repo.applyWrite(t.task.id, store, () => (t.job ? store.putJob(t.job.position, body) : store.put(body))));
    });

    app.patch(path, async (c) => {
      const t = target(c, kind);
      const action = c.req.query('action') ?? '';
      const body = await readJson(c, config.maxBodyBytes);
      const store = ctx.store(t.task);
      return c.json(repo.applyWrite(t.task.id, store, () => (t.job ? store.patchJob(t.job.position, action, body) : store.patch(action, body))));
    });

    app.delete(path, (c) => {
      const t = target(c, kind);
      const store = ctx.store(t.task);
      // The store's deleteAll keeps the id sequences, as CVAT's database sequences never go back.
      repo.applyWrite(t.task.id, store, () => (t.job ? store.deleteJob(t.job.position) : store.deleteAll()));
      return c.body(null, 204);
    });

    app.post(path, async (c) => importAnnotations(c, target(c, kind)));

    app.post(`/api/${kind}s/:id/dataset/export`, (c) => exportDataset(c, target(c, kind)));
    app.get(`/api/${kind}s/:id/dataset/download`, (c) => download(c, target(c, kind)));
  }

  function checkImporter(format: string): void {
    let ok = false;
    try {
      ok = findFormat(format).read !== undefined;
    } catch {
      ok = false;
    }
    if (!ok) throw badRequest(`Unknown input format '${format}'`);
  }

  async function receiveUpload(c: Ctx, fileFields: string[]): Promise<{ dir: string; result: MultipartResult }> {
    const dir = join(ctx.uploadsDir, randomUUID());
    mkdirSync(dir);
    try {
      const result = await receiveMultipart(c.req.raw.body, c.req.header('content-type'), { dir, maxBytes: config.maxUploadBytes, fileFields });
      return { dir, result };
    } catch (error) {
      ctx.removeInside(ctx.uploadsDir, dir);
      throw error;
    }
  }

  /** Upload folders of import requests not yet done, so a cancelled request's upload is removed at once. */
  const pendingUploads = new Map<string, string>();

  async function importAnnotations(c: Ctx, t: Target) {
    const format = c.req.query('format');
    if (format === undefined || format === '') throw badRequest('Please specify a correct format for the request');
    checkImporter(format);
    const mode = c.req.query('import_mode') ?? 'replace';
    if (mode !== 'replace' && mode !== 'append') throw badRequest({ import_mode: [`"${mode}" is not a valid choice.`] });
    const upload = await receiveUpload(c, ['annotation_file']);
    let submitted = false;
    try {
      const file = upload.result.files.find((candidate) => candidate.field === 'annotation_file');
      if (!file) throw badRequest({ annotation_file: ['This field is required.'] });
      const convMaskToPoly = parseBool(c.req.query('conv_mask_to_poly') ?? upload.result.fields.conv_mask_to_poly, true);
      const user = c.get('user');
      const rqId = importRequestId({ target: t.kind, targetId: t.id });
      const { conflict } = requests.submit({
        id: rqId,
        owner: { id: user.id, username: user.username },
        format,
        job: async (handle) => {
          try {
            handle.setMessage('Reading the annotation file');
            const read = await ctx.runner.read({ kind: 'read', path: file.path, format, options: { conv_mask_to_poly: convMaskToPoly }, limits: config.archiveLimits }, handle.signal);
            // A request cancelled while the file was read must not write anything.
            if (handle.signal.aborted) throw new AnnoconvError('aborted', 'the request was cancelled');
            const task = repo.get(t.task.id);
            if (!task) throw new AnnoconvError('not-found', 'the task was deleted');
            handle.setMessage('Saving the annotations');
            const store = ctx.store(task);
            let data: LabeledData = mapToTask(read.dataset.annotations, read.dataset, { labels: repo.labels(task.id), frames: repo.frames(task.id) });
            // One transaction: a failed import changes nothing.
            repo.applyWrite(task.id, store, () => {
              if (t.job) {
                data = sliceAnnotations(data, t.job.start_frame, t.job.stop_frame);
                if (mode === 'replace') store.putJob(t.job.position, data);
                else store.patchJob(t.job.position, 'create', data);
              } else if (mode === 'replace') store.put(data);
              else store.patch('create', data);
            });
            logger.info({ rqId, taskId: task.id, format: read.format }, 'annotations imported');
          } finally {
            if (pendingUploads.get(rqId) === upload.dir) pendingUploads.delete(rqId);
            ctx.removeInside(ctx.uploadsDir, upload.dir);
          }
        },
      });
      submitted = !conflict;
      if (submitted) pendingUploads.set(rqId, upload.dir);
      return c.json({ rq_id: rqId }, conflict ? 409 : 202);
    } finally {
      if (!submitted) ctx.removeInside(ctx.uploadsDir, upload.dir);
    }
  }

  function exportDataset(c: Ctx, t: Target) {
    const format = c.req.query('format');
    let writer;
    try {
      writer = format ? findFormat(format) : undefined;
    } catch {
      writer = undefined;
    }
    if (!format || !writer?.write) throw badRequest('Unknown format specified for the request');
    const saveImages = parseBool(c.req.query('save_images'), false);
    const user = c.get('user');
    const rqId = exportRequestId({ target: t.kind, targetId: t.id, userId: user.id, format, saveImages });
    const { conflict } = requests.submit({
      id: rqId,
      owner: { id: user.id, username: user.username },
      format,
      job: async (handle) => {
        const task = repo.get(t.task.id);
        if (!task) throw new AnnoconvError('not-found', 'the task was deleted');
        // The annotations as they are when the export starts; later writes do not reach this export.
        const store = ctx.store(task);
        const annotations = t.job ? store.getJob(t.job.position) : store.get();
        const range = t.job ? { start: t.job.start_frame, stop: t.job.stop_frame } : undefined;
        const dataset = repo.dataset(task, annotations, range);
        const outPath = join(ctx.exportsDir, `${randomUUID()}.zip`);
        handle.setMessage('Writing the dataset');
        await ctx.runner.write({ kind: 'write', dataset, format, outPath, saveImages }, handle.signal);
        return { location: outPath };
      },
    });
    return c.json({ rq_id: rqId }, conflict ? 409 : 202);
  }

  function download(c: Ctx, t: Target) {
    const rqId = c.req.query('rq_id');
    if (!rqId) throw badRequest('Missing rq_id');
    const request = requests.get(rqId);
    const user = c.get('user');
    const op = request?.operation;
    if (!request || request.owner.id !== user.id || !op || !op.type.startsWith('export:') || op.target !== t.kind || (t.kind === 'task' ? op.task_id : op.job_id) !== t.id)
      throw new HttpError(404, { detail: 'The exported file has expired, please retry exporting' });
    if (request.status !== 'finished') throw badRequest('The export process is not finished');
    const location = requests.resultLocation(rqId);
    // A file removed behind the server's back is as gone as an expired one.
    const size = location ? statSync(location, { throwIfNoEntry: false })?.size : undefined;
    if (!location || size === undefined) throw new HttpError(404, { detail: 'The exported file has expired, please retry exporting' });
    const stamp = (request.finished_date ?? '').replace(/[-:]/g, '').replace(/\..*$/, '');
    const filename = `${t.kind}_${t.id}_${(op.format ?? 'export').replace(/[^A-Za-z0-9.-]+/g, '_')}_${stamp}.zip`;
    const stream = Readable.toWeb(createReadStream(location)) as unknown as ReadableStream;
    return new Response(stream, {
      status: 200,
      headers: { 'content-type': 'application/zip', 'content-length': String(size), 'content-disposition': `attachment; filename="${filename}"` },
    });
  }

  // ---- requests ----------------------------------------------------------------------------------------------

  app.get('/api/requests', (c) => {
    const user = c.get('user');
    const q = c.req.query();
    const num = (value: string | undefined) => (value !== undefined ? Number(value) : undefined);
    const filter = {
      ownerId: user.id,
      ...(q.status ? { status: q.status as 'queued' } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.target ? { target: q.target } : {}),
      ...(q.subresource ? { subresource: q.subresource } : {}),
      ...(q.format ? { format: q.format } : {}),
      ...(q.task_id ? { task_id: num(q.task_id)! } : {}),
      ...(q.job_id ? { job_id: num(q.job_id)! } : {}),
    };
    return c.json(page(requests.list(filter)));
  });

  const ownRequest = (c: Ctx) => {
    const id = c.req.param('rq_id') ?? '';
    const request = requests.get(id);
    if (!request || request.owner.id !== c.get('user').id) throw new HttpError(404, { detail: 'There is no request with specified id' });
    return request;
  };

  app.get('/api/requests/:rq_id', (c) => c.json(ownRequest(c)));
  app.post('/api/requests/:rq_id/cancel', (c) => {
    const request = ownRequest(c);
    requests.cancel(request.id);
    const upload = pendingUploads.get(request.id);
    if (upload !== undefined) {
      pendingUploads.delete(request.id);
      ctx.removeInside(ctx.uploadsDir, upload);
    }
    return c.body(null, 200);
  });

  return app;
}

function drfIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : 'non_field_errors';
    ((body[key] ??= []) as string[]).push(issue.message);
  }
  return body;
}

