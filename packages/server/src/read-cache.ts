// GET answers of a task or job kept as JSON text until the task changes. A store's state object is replaced on
// every successful write and never mutated, so the state's identity is the version: a write makes every cached
// answer of the old state unreachable (WeakMap), and a GET between writes costs no re-serialisation.
import type { AnnotationStore } from '@annoconv/core';
import { stateOf, type StoreState } from './store-state.js';

export class ReadCache {
  private readonly byState = new WeakMap<StoreState, Map<number, string>>();

  /** The cached answer for `scope` (0 = task, else the job's position), computing it on a miss. */
  get(store: AnnotationStore, scope: number, compute: () => string): string {
    const state = stateOf(store);
    let answers = this.byState.get(state);
    if (!answers) {
      answers = new Map();
      this.byState.set(state, answers);
    }
    let text = answers.get(scope);
    if (text === undefined) {
      text = compute();
      answers.set(scope, text);
    }
    return text;
  }
}
