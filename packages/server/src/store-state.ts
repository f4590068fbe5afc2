// Reading and restoring an AnnotationStore's state so it can be persisted row by row. The store keeps its state
// private and replaces it wholesale on every successful write (stored objects are never mutated in place), so
// "which objects changed" is an identity comparison and "undo a write" is putting the old state back.
// This reaches into @annoconv/core's private field; core should expose it (see docs/server.md).
import type { AnnotationStore, Shape, SubTrack, Tag, Track } from '@annoconv/core';

export type IdKind = 'tag' | 'shape' | 'track' | 'trackedShape';
export type Sequences = Record<IdKind, number>;

export interface StoreState {
  tags: Map<number, Tag>;
  shapes: Map<number, Shape>;
  tracks: Map<number, Track>;
  used: Record<IdKind, Set<number>>;
  next: Sequences;
}

type WithState = { state: StoreState };

export function stateOf(store: AnnotationStore): StoreState {
  const state = (store as unknown as WithState).state;
  if (!state || !(state.tags instanceof Map) || !(state.shapes instanceof Map) || !(state.tracks instanceof Map) || !state.next || !state.used) {
    throw new Error('AnnotationStore internals changed: the server cannot persist its state');
  }
  return state;
}

export function setStateOf(store: AnnotationStore, state: StoreState): void {
  (store as unknown as WithState).state = state;
}

/** A state holding these objects (ids already assigned) with these sequences. */
export function buildState(tags: Tag[], shapes: Shape[], tracks: Track[], next: Sequences): StoreState {
  const state: StoreState = {
    tags: new Map(),
    shapes: new Map(),
    tracks: new Map(),
    used: { tag: new Set(), shape: new Set(), track: new Set(), trackedShape: new Set() },
    next: { ...next },
  };
  for (const tag of tags) {
    state.tags.set(tag.id!, tag);
    state.used.tag.add(tag.id!);
  }
  for (const shape of shapes) {
    state.shapes.set(shape.id!, shape);
    state.used.shape.add(shape.id!);
    for (const element of shape.elements ?? []) if (element.id !== null) state.used.shape.add(element.id);
  }
  const claim = (track: SubTrack & { elements?: SubTrack[] }): void => {
    if (track.id !== null) state.used.track.add(track.id);
    for (const keyframe of track.shapes) if (keyframe.id !== null) state.used.trackedShape.add(keyframe.id);
    for (const element of track.elements ?? []) claim(element);
  };
  for (const track of tracks) {
    state.tracks.set(track.id!, track);
    claim(track);
  }
  return state;
}

export type Kind = 'tag' | 'shape' | 'track';

export interface StateDiff {
  upserts: Array<{ kind: Kind; id: number; object: Tag | Shape | Track }>;
  deletes: Array<{ kind: Kind; id: number }>;
}

function diffMap<T>(kind: Kind, before: Map<number, T>, after: Map<number, T>, diff: StateDiff): void {
  if (before === after) return;
  for (const [id, object] of after) if (before.get(id) !== object) diff.upserts.push({ kind, id, object: object as Tag | Shape | Track });
  for (const id of before.keys()) if (!after.has(id)) diff.deletes.push({ kind, id });
}

/** The rows a write changed: objects that are new or replaced (by identity), and ids that are gone. */
export function diffStates(before: StoreState, after: StoreState): StateDiff {
  const diff: StateDiff = { upserts: [], deletes: [] };
  diffMap('tag', before.tags, after.tags, diff);
  diffMap('shape', before.shapes, after.shapes, diff);
  diffMap('track', before.tracks, after.tracks, diff);
  return diff;
}
