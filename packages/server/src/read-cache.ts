// GET answers of a task or job kept as encoded JSON until the task changes. The store's `version` changes with
// every write that changes something, so it keys the cache; the JSON text itself comes from the store, which
// keeps each object's JSON between writes, so a GET after a one-object write re-encodes but re-serialises one.
import type { AnnotationStore } from '@annoconv/core';

export class ReadCache {
  private readonly byStore = new WeakMap<AnnotationStore, { version: number; answers: Map<number, Uint8Array> }>();

  /** The cached answer for `scope` (0 = task, else the job's position), computing it on a miss. */
  get(store: AnnotationStore, scope: number, compute: () => string): Uint8Array {
    let entry = this.byStore.get(store);
    if (!entry || entry.version !== store.version) {
      entry = { version: store.version, answers: new Map() };
      this.byStore.set(store, entry);
    }
    let bytes = entry.answers.get(scope);
    if (bytes === undefined) {
      // Kept encoded: a 100,000-shape answer is tens of megabytes, not worth re-encoding per request.
      bytes = Buffer.from(compute(), 'utf8');
      entry.answers.set(scope, bytes);
    }
    return bytes;
  }
}
