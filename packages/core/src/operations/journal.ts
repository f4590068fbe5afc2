// An undo journal for the annotation store: maps and sets that note the previous value of every key a write
// touches, so a request is applied to the live state and a failing one is undone entry by entry. The cost of a
// write is proportional to what it touches, not to the task (CVAT gets the same from its database transaction).

/** One undoable change. */
type Entry =
  | { kind: 'map'; map: JournalMap<number, unknown>; key: number; had: boolean; value: unknown }
  | { kind: 'set'; set: JournalSet; key: number; had: boolean }
  | { kind: 'undo'; undo: () => void };

/** The write in progress (if any) that containers report their changes to; shared by all of a store's containers. */
export class Recorder {
  private log: Entry[] | undefined;

  get active(): boolean {
    return this.log !== undefined;
  }

  /** Starts recording, or (inside a write already recorded) answers the position to roll back to. */
  begin(): { outer: boolean; mark: number } {
    if (this.log === undefined) {
      this.log = [];
      return { outer: true, mark: 0 };
    }
    return { outer: false, mark: this.log.length };
  }

  /** Undoes every change recorded after `mark`, newest first. */
  rollback(mark: number): void {
    const entries = this.log;
    if (entries === undefined) return;
    while (entries.length > mark) {
      const entry = entries.pop()!;
      if (entry.kind === 'map') {
        if (entry.had) entry.map.restore(entry.key, entry.value);
        else entry.map.forget(entry.key);
      } else if (entry.kind === 'set') {
        if (entry.had) entry.set.restore(entry.key);
        else entry.set.forget(entry.key);
      } else entry.undo();
    }
  }

  /** Stops recording; answers what was recorded. */
  end(): readonly Entry[] {
    const entries = this.log ?? [];
    this.log = undefined;
    return entries;
  }

  /** What the write in progress has recorded so far. */
  entries(): readonly Entry[] {
    return this.log ?? [];
  }

  record(entry: Entry): void {
    this.log?.push(entry);
  }
}

export type { Entry as JournalEntry };

/** A map keyed by id whose changes are recorded while a write is in progress. */
export class JournalMap<K extends number, V> extends Map<K, V> {
  constructor(
    private readonly recorder: Recorder,
    readonly name: string,
  ) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.recorder.active) this.recorder.record({ kind: 'map', map: this as unknown as JournalMap<number, unknown>, key, had: super.has(key), value: super.get(key) });
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    if (!super.has(key)) return false;
    if (this.recorder.active) this.recorder.record({ kind: 'map', map: this as unknown as JournalMap<number, unknown>, key, had: true, value: super.get(key) });
    return super.delete(key);
  }

  /** Rollback only: puts a value back without recording. */
  restore(key: K, value: unknown): void {
    super.set(key, value as V);
  }

  /** Rollback only: removes a key without recording. */
  forget(key: K): void {
    super.delete(key);
  }
}

/** A set of ids whose changes are recorded while a write is in progress. */
export class JournalSet extends Set<number> {
  constructor(private readonly recorder: Recorder) {
    super();
  }

  override add(key: number): this {
    if (super.has(key)) return this;
    if (this.recorder.active) this.recorder.record({ kind: 'set', set: this, key, had: false });
    return super.add(key);
  }

  override delete(key: number): boolean {
    if (!super.has(key)) return false;
    if (this.recorder.active) this.recorder.record({ kind: 'set', set: this, key, had: true });
    return super.delete(key);
  }

  restore(key: number): void {
    super.add(key);
  }

  forget(key: number): void {
    super.delete(key);
  }
}
