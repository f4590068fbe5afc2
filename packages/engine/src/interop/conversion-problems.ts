// The checks of one conversion: given the dataset that went in, the one read back from the written output and
// every diagnostic of the way, lists what went wrong in words (an empty list is a good conversion): objects lost
// or converted without a diagnostic, frames, sizes and labels lost, boxes moved beyond the format's precision,
// attribute values changed, tracks not rebuilt.
import type { Dataset, Diagnostic, FormatPlugin } from '@annoconv/core';
import { flatObjects, groupBy, objectKey, type FlatObject } from './flat-objects.js';
import type { FormatProfile } from './format-profiles.js';

/** Codes that account for an object that is not read back as it was written. */
const lossCodes = new Set([
  'shape-unsupported',
  'shape-converted',
  'tag-unsupported',
  'track-flattened',
  'group-dropped',
  'group-merged',
  'image-size-unknown',
  'label-unknown',
  'annotation-unmatched',
  'instance-overflow',
  'invalid-value',
  'duplicate',
]);
/** Codes that account for lost objects of a kind without naming the frame (one summary for all of them). */
const summaryCodes = { tag: new Set(['tag-unsupported', 'label-unknown']), shape: new Set(['shape-unsupported', 'shape-converted', 'image-size-unknown', 'label-unknown', 'group-dropped', 'group-merged']) };

export interface ConversionCase {
  input: Dataset;
  output: Dataset;
  /** Diagnostics of writing and of reading back. */
  diagnostics: readonly Diagnostic[];
  target: FormatPlugin;
  profile: FormatProfile;
}

export function conversionProblems(subject: ConversionCase): string[] {
  const { input, diagnostics, target, profile } = subject;
  const output = withInputFrameNames(subject.output, input, profile);
  const problems: string[] = [];
  const frameIndex = new Map(input.frames.map((frame) => [frame.name, frame.index]));
  const namesFrame = (diagnostic: Diagnostic, name: string): boolean => diagnostic.where?.frameName === name || (diagnostic.where?.frameName === undefined && diagnostic.where?.frame !== undefined && diagnostic.where.frame === frameIndex.get(name));
  const frameless = (diagnostic: Diagnostic): boolean => diagnostic.where?.frame === undefined && diagnostic.where?.frameName === undefined;
  const inObjects = flatObjects(input);
  const outObjects = flatObjects(output);
  const annotated = new Set(inObjects.map((object) => object.frameName));
  const annotatedBack = new Set(outObjects.map((object) => object.frameName));

  // Frames: every frame comes back, with its size where the format keeps sizes.
  const outFrames = new Map(output.frames.map((frame) => [frame.name, frame]));
  for (const frame of input.frames) {
    const back = outFrames.get(frame.name);
    if (!back) {
      const excused = (!profile.keepsEmptyFrames && !annotatedBack.has(frame.name)) || diagnostics.some((diagnostic) => namesFrame(diagnostic, frame.name));
      if (!excused) problems.push(`frame '${frame.name}'${annotated.has(frame.name) ? '' : ' (no objects)'} is not read back and no diagnostic names it`);
      continue;
    }
    const sized = profile.sizes === 'all' || (profile.sizes === 'annotated' && annotatedBack.has(frame.name)) || (profile.sizes === 'interpolation-mode' && input.meta.mode === 'interpolation');
    if (sized && frame.width !== undefined && (back.width !== frame.width || back.height !== frame.height))
      problems.push(`frame '${frame.name}' size ${frame.width}×${frame.height} read back as ${back.width}×${back.height}`);
  }

  // Labels: by name.
  const outLabels = new Set(output.labels.flatMap((label) => [label.name, ...label.sublabels.map((sublabel) => sublabel.name)]));
  for (const label of input.labels) {
    if (outLabels.has(label.name)) continue;
    if (profile.reservedLabels.includes(label.name) && diagnostics.some((diagnostic) => diagnostic.where?.objectKind === 'label' && diagnostic.where.objectId === label.name)) continue;
    // Without a label list, a label only comes back through the objects that use it.
    if (profile.keepsUnusedLabels || outObjects.some((object) => object.label === label.name)) problems.push(`label '${label.name}' is not in the output's labels`);
  }

  // Objects: per frame, label and type, fewer objects back needs a diagnostic that accounts for them.
  const inGroups = groupBy(inObjects, objectKey);
  const outGroups = groupBy(outObjects, objectKey);
  for (const [key, list] of inGroups) {
    const back = outGroups.get(key) ?? [];
    if (back.length >= list.length) continue;
    const sample = list[0]!;
    const fromTrack = list.some((object) => object.track !== undefined);
    const accounted = diagnostics.some(
      (diagnostic) =>
        lossCodes.has(diagnostic.code) &&
        (namesFrame(diagnostic, sample.frameName) || (fromTrack && diagnostic.where?.objectKind === 'track') || (frameless(diagnostic) && summaryCodes[sample.kind].has(diagnostic.code))),
    );
    if (!accounted) problems.push(`${list.length - back.length} of ${list.length} ${sample.kind === 'tag' ? 'tag(s)' : `${sample.type}(s)`} of label '${sample.label}' on frame '${sample.frameName}' lost without a diagnostic (${list.length} written, ${back.length} read back)`);
  }

  // Boxes (and their attribute values) where every box of a frame and label came back.
  for (const [key, list] of inGroups) {
    if (list[0]!.type !== 'rectangle') continue;
    const back = outGroups.get(key) ?? [];
    if (back.length !== list.length) continue;
    const rotationDropped = diagnostics.some((diagnostic) => diagnostic.code === 'rotation-dropped');
    // Formats that merge a group into one object (COCO, TFRecord) move its box; they say so per frame.
    // A merged keyframe also moves the interpolated frames of its track.
    const merged = diagnostics.some((diagnostic) => (diagnostic.code === 'group-dropped' || diagnostic.code === 'group-merged') && namesFrame(diagnostic, list[0]!.frameName));
    const anyMerged = diagnostics.some((diagnostic) => diagnostic.code === 'group-dropped' || diagnostic.code === 'group-merged');
    // Known bug (see known-bugs.test.ts, "track end"): rebuilding a track from per-frame shapes moves the
    // interpolated frames before an outside keyframe; those boxes are checked there, not here.
    const boxes = list.filter(
      (object) => !(merged && object.group !== 0) && !(anyMerged && object.track !== undefined && object.group !== 0) && !(object.beforeOutside && profile.rebuildsTracks && profile.rebuildsFromFrames),
    );
    problems.push(...compareBoxes(boxes, [...back], profile, rotationDropped));
  }

  // A track in a group that was merged into one object (diagnosed) is not expected back as a track.
  const groupsMerged = diagnostics.some((diagnostic) => diagnostic.code === 'group-dropped' || diagnostic.code === 'group-merged');
  if (profile.rebuildsTracks) problems.push(...compareTracks(inObjects.filter((object) => !(groupsMerged && object.group !== 0)), outObjects, inGroups, outGroups));
  return problems;
}

function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  const left = a.trim();
  const right = b.trim();
  if (left.toLowerCase() === right.toLowerCase() && (left.toLowerCase() === 'true' || left.toLowerCase() === 'false')) return true;
  return left !== '' && right !== '' && Number.isFinite(Number(left)) && Number(left) === Number(right);
}

function angleDifference(a: number, b: number): number {
  const difference = Math.abs(((a - b) % 360) + 360) % 360;
  return Math.min(difference, 360 - difference);
}

function compareBoxes(list: readonly FlatObject[], back: FlatObject[], profile: FormatProfile, rotationDropped: boolean): string[] {
  const problems: string[] = [];
  for (const box of list) {
    let best = -1;
    let bestError = Infinity;
    back.forEach((candidate, index) => {
      const error = Math.max(...box.points.map((value, position) => Math.abs(value - (candidate.points[position] ?? Infinity))));
      if (error < bestError) [best, bestError] = [index, error];
    });
    const where = `rectangle of '${box.label}' on frame '${box.frameName}' [${box.points.join(', ')}]`;
    if (best < 0 || bestError > profile.boxTolerance) {
      problems.push(`${where} read back as [${back.map((candidate) => candidate.points.join(', ')).join('] or [')}] (tolerance ${profile.boxTolerance})`);
      continue;
    }
    const [match] = back.splice(best, 1);
    if (profile.keepsRotation && angleDifference(box.rotation, match!.rotation) > 0.5) problems.push(`${where}: rotation ${box.rotation} read back as ${match!.rotation}`);
    if (!profile.keepsRotation && box.rotation !== 0 && !rotationDropped) problems.push(`${where}: rotation ${box.rotation} lost without a rotation-dropped diagnostic`);
    if (profile.keepsAttributes) {
      for (const [name, value] of box.attributes) {
        const got = match!.attributes.get(name);
        if (got === undefined && profile.flagAttributes.includes(name) && /^(false|0)$/i.test(value.trim())) continue;
        if (got === undefined || !sameValue(value, got)) problems.push(`${where}: attribute '${name}' = '${value}' read back as ${got === undefined ? 'nothing' : `'${got}'`}`);
      }
    }
  }
  return problems;
}

/** Every track whose frames all came back is one track again, on the same frames. */
function compareTracks(inObjects: readonly FlatObject[], outObjects: readonly FlatObject[], inGroups: Map<string, FlatObject[]>, outGroups: Map<string, FlatObject[]>): string[] {
  const problems: string[] = [];
  const signature = (objects: readonly FlatObject[]): string => `${objects[0]!.label}|${objects[0]!.type}|${objects.map((object) => object.frameName).sort().join(',')}`;
  const outTracks = new Map<string, number>();
  for (const list of groupBy(outObjects.filter((object) => object.track !== undefined), (object) => String(object.track)).values()) outTracks.set(signature(list), (outTracks.get(signature(list)) ?? 0) + 1);
  for (const list of groupBy(inObjects.filter((object) => object.track !== undefined && object.type !== 'skeleton'), (object) => String(object.track)).values()) {
    const complete = list.every((object) => (outGroups.get(objectKey(object))?.length ?? 0) >= (inGroups.get(objectKey(object))?.length ?? 0));
    if (!complete) continue;
    const key = signature(list);
    const count = outTracks.get(key) ?? 0;
    if (count > 0) outTracks.set(key, count - 1);
    else problems.push(`track of '${list[0]!.label}' (${list[0]!.type}) on frames ${list.map((object) => object.frameName).join(', ')} is not read back as one track on those frames`);
  }
  return problems;
}

/** The output with its frames renamed to the input's names they stand for (by stem or by position). */
function withInputFrameNames(output: Dataset, input: Dataset, profile: FormatProfile): Dataset {
  if (profile.frames === 'names') return output;
  const stem = (name: string): string => name.replace(/\.[^./]*$/, '');
  const byStem = new Map(input.frames.map((frame) => [stem(frame.name), frame.name]));
  const byPosition = [...input.frames].sort((a, b) => a.index - b.index);
  const ordered = [...output.frames].sort((a, b) => a.index - b.index);
  const motNumber = (frame: { name: string; index: number }): number => {
    const id = stem(frame.name).slice(stem(frame.name).lastIndexOf('/') + 1);
    return /^\d+$/.test(id) ? Number(id) : frame.index + 1;
  };
  const byMotNumber = new Map(input.frames.map((frame) => [motNumber(frame), frame.name]));
  const renamed = (frame: { name: string; index: number }, position: number): string | undefined => {
    if (profile.frames === 'stems') return byStem.get(stem(frame.name));
    if (profile.frames === 'mot-numbers') return byMotNumber.get(frame.index + 1);
    return byPosition[position]?.name;
  };
  const rename = new Map(ordered.map((frame, position) => [frame.name, renamed(frame, position) ?? frame.name]));
  return { ...output, frames: output.frames.map((frame) => ({ ...frame, name: rename.get(frame.name) ?? frame.name })) };
}
