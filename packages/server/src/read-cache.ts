// GET answers of a task or job kept as encoded JSON until the task changes. The store's `version` changes with
// every write that changes something, so it keys the cache. The task's answer comes from the store as bytes it
// assembles from encoded blocks kept between writes, so a GET after a one-object write re-serialises one block.
import type { AnnotationStore } from '@annoconv/core';

export class ReadCache {
  private readonly byStore = new WeakMap<AnnotationStore, { version: number; answers: Map<number, Uint8Array> }>();

  /** The cached answer for `scope` (0 = task, else the job's position), computing it on a miss. */
  get(store: AnnotationStore, scope: number, compute: () => string | Uint8Array): Uint8Array {
    let entry = this.byStore.get(store);
    if (!entry || entry.version !== store.version) {
      entry = { version: store.version, answers: new Map() };
      this.byStore.set(store, entry);
    }
    let bytes = entry.answers.get(scope);
    if (bytes === undefined) {
      // Kept encoded: a 100,000-shape answer is tens of megabytes, not worth re-encoding per request.
      const answer = compute();
      bytes = typeof answer === 'string' ? Buffer.from(answer, 'utf8') : Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength);
      entry.answers.set(scope, bytes);
    }
    return bytes;
  }
}
