// Everything a request handler needs: the database and its task repository, the cached annotation stores of
// recently used tasks, the request manager of imports and exports, the off-thread runner, paths and settings.
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import type { AnnotationStore } from '@annoconv/core';
import { RequestManager } from '@annoconv/engine';
import type { ServerConfig } from './config.js';
import type { Db } from './database.js';
import type { Logger } from './logger.js';
import { OffThreadRunner } from './off-thread.js';
import { ReadCache } from './read-cache.js';
import { TaskRepository, type TaskRow } from './task-repository.js';

/** Stores kept in memory; a task of 100,000 shapes is some tens of megabytes. */
const STORE_CACHE_SIZE = 8;

export class ServerContext {
  readonly repo: TaskRepository;
  readonly requests: RequestManager;
  readonly runner: OffThreadRunner;
  readonly uploadsDir: string;
  readonly exportsDir: string;
  readonly readCache = new ReadCache();
  private readonly stores = new Map<number, AnnotationStore>();

  constructor(
    readonly db: Db,
    readonly config: ServerConfig,
    readonly logger: Logger,
  ) {
    this.repo = new TaskRepository(db);
    this.uploadsDir = join(config.dataDir, 'uploads');
    this.exportsDir = join(config.dataDir, 'exports');
    // Leftovers of a previous run (a killed server) are never valid: no request refers to them any more.
    rmSync(this.uploadsDir, { recursive: true, force: true });
    rmSync(this.exportsDir, { recursive: true, force: true });
    mkdirSync(this.uploadsDir, { recursive: true });
    mkdirSync(this.exportsDir, { recursive: true });
    this.runner = new OffThreadRunner(config.useWorkers);
    this.requests = new RequestManager({
      concurrency: config.concurrency,
      resultTtlMs: config.resultTtlMs,
      onDiscard: (location) => this.removeInside(this.exportsDir, location),
    });
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

  /** Deletes a file or folder only when it lies inside `root` (a location never comes from a request). */
  removeInside(root: string, path: string): void {
    const rel = relative(root, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return;
    rmSync(path, { recursive: true, force: true });
  }
}
