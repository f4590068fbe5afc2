// Everything a request handler needs: the database and its task repository, the cached annotation stores of
// recently used tasks, the request manager of imports and exports (kept in the database), the off-thread runner,
// paths and settings.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { AnnotationStore } from '@annoconv/core';
import { RequestManager } from '@annoconv/engine';
import type { ServerConfig } from './config.js';
import type { Db } from './database.js';
import type { Logger } from './logger.js';
import { OffThreadRunner } from './off-thread.js';
import { ReadCache } from './read-cache.js';
import { SqliteRequestStore } from './request-store.js';
import { TaskRepository, type TaskRow } from './task-repository.js';

/** Stores kept in memory; a task of 100,000 shapes is some tens of megabytes. */
const STORE_CACHE_SIZE = 8;

/** How often expired requests and their files are removed when nobody asks for them. */
const SWEEP_INTERVAL_MS = 60 * 1000;

export class ServerContext {
  readonly repo: TaskRepository;
  readonly requests: RequestManager;
  readonly runner: OffThreadRunner;
  readonly uploadsDir: string;
  readonly exportsDir: string;
  readonly readCache = new ReadCache();
  private readonly stores = new Map<number, AnnotationStore>();
  private readonly sweeper: NodeJS.Timeout;

  /** `now`: the clock of request dates and expiry (tests move it forward instead of waiting). */
  constructor(
    readonly db: Db,
    readonly config: ServerConfig,
    readonly logger: Logger,
    options: { now?: () => Date } = {},
  ) {
    this.repo = new TaskRepository(db);
    this.uploadsDir = join(config.dataDir, 'uploads');
    this.exportsDir = join(config.dataDir, 'exports');
    // Uploads belong to imports that were queued or running, and those never resume after a restart (they come
    // back failed), so every upload of a previous run is garbage.
    rmSync(this.uploadsDir, { recursive: true, force: true });
    mkdirSync(this.uploadsDir, { recursive: true });
    mkdirSync(this.exportsDir, { recursive: true });
    this.runner = new OffThreadRunner(config.useWorkers);
    // Loading the store brings back finished and failed requests, fails the interrupted ones and removes the
    // expired ones with their files.
    this.requests = new RequestManager({
      concurrency: config.concurrency,
      resultTtlMs: config.resultTtlMs,
      ...(options.now ? { now: options.now } : {}),
      onDiscard: (location) => this.removeInside(this.exportsDir, location),
      store: new SqliteRequestStore(db, this.exportsDir, logger),
      onStoreError: (error, rqId) => logger.error({ err: error, rqId }, 'request state not stored'),
    });
    this.removeOrphanExports();
    this.sweeper = setInterval(() => this.requests.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  /** Stops the periodic removal of expired requests (the server is closing). */
  close(): void {
    clearInterval(this.sweeper);
  }

  /** The task's store, loaded from the database on first use. */
  store(task: TaskRow): AnnotationStore {
    let store = this.stores.get(task.id);
    if (store) {
      // Most recently used last.
      this.stores.delete(task.id);
    } else {
      store = this.repo.loadStore(task, this.repo.labels(task.id));
    }
    this.stores.set(task.id, store);
    while (this.stores.size > STORE_CACHE_SIZE) this.stores.delete(this.stores.keys().next().value!);
    return store;
  }

  forget(taskId: number): void {
    this.stores.delete(taskId);
  }

  /**
   * Deletes what lies in the exports folder and no known request refers to: the partial file of an export that
   * was running when the server stopped, a file whose request expired or was replaced while the server was down.
   */
  private removeOrphanExports(): void {
    const kept = this.requests.resultLocations();
    for (const name of readdirSync(this.exportsDir)) {
      const path = join(this.exportsDir, name);
      if (!kept.has(path)) this.removeInside(this.exportsDir, path);
    }
  }

  /** Deletes a file or folder only when it lies inside `root` (a location never comes from a request). */
  removeInside(root: string, path: string): void {
    const rel = relative(root, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return;
    rmSync(path, { recursive: true, force: true });
  }
}
