// GET answers of a task or job kept as encoded JSON until the task changes. A store's state object is replaced on
// every successful write and never mutated, so the state's identity is the version: a write makes every cached
// answer of the old state unreachable (WeakMap), and a GET between writes costs no re-serialisation.
import type { AnnotationStore } from '@annoconv/core';
import { stateOf, type StoreState } from './store-state.js';

export class ReadCache {
  private readonly byState = new WeakMap<StoreState, Map<number, Uint8Array>>();

  /** The cached answer for `scope` (0 = task, else the job's position), computing it on a miss. */
  get(store: AnnotationStore, scope: number, compute: () => string): Uint8Array {
    const state = stateOf(store);
    let answers = this.byState.get(state);
    if (!answers) {
      answers = new Map();
      this.byState.set(state, answers);
    }
    let bytes = answers.get(scope);
    if (bytes === undefined) {
      // Kept encoded: a 100,000-shape answer is tens of megabytes, not worth re-encoding per request.
      bytes = Buffer.from(compute(), 'utf8');
      answers.set(scope, bytes);
    }
    return bytes;
  }
}
