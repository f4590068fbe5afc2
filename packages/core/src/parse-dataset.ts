// Parsing a whole Dataset from untrusted JSON: the zod schema first, then the references between its parts
// (label ids, attribute spec ids of the right kind, frame indices), every problem listed with its path.
import { SchemaError, type SchemaIssue } from './errors.js';
import { datasetSchema, type Dataset } from './model/dataset.js';
import { LabelIndex, type SpecKind } from './operations/label-index.js';
import { formatPath, safeParseWith, toDrfErrorBody, type SafeParseResult } from './parse-annotations.js';

/** Parses a Dataset and checks its references; never throws. */
export function safeParseDataset(json: unknown, subject?: string): SafeParseResult<Dataset> {
  const result = safeParseWith(datasetSchema, json, subject);
  if (!result.success) return result;
  const dataset = result.data as Dataset;
  const problems = datasetReferenceProblems(dataset);
  if (problems.length === 0) return { success: true, data: dataset };
  const issues: SchemaIssue[] = problems.map((problem) => ({ path: formatPath(problem.path), message: problem.message }));
  return { success: false, error: new SchemaError(issues, subject ? { subject } : undefined), body: toDrfErrorBody(problems) };
}

/** Parses a Dataset or throws a SchemaError listing every problem. */
export function parseDataset(json: unknown, subject?: string): Dataset {
  const result = safeParseDataset(json, subject);
  if (!result.success) throw result.error;
  return result.data;
}

interface Problem {
  path: PropertyKey[];
  message: string;
}

/** The broken references of a schema-valid dataset, with CVAT's save-time messages where it has them. */
export function datasetReferenceProblems(dataset: Dataset): Problem[] {
  const problems: Problem[] = [];
  const labelIds = new Set<number>();
  const specIds = new Set<number>();
  dataset.labels.forEach((label, labelIndex) => {
    const check = (id: number, path: PropertyKey[]): void => {
      if (labelIds.has(id)) problems.push({ path: [...path, 'id'], message: `duplicate label id ${id}` });
      labelIds.add(id);
    };
    const checkSpecs = (attributes: typeof label.attributes, path: PropertyKey[]): void =>
      attributes.forEach((spec, specIndex) => {
        if (specIds.has(spec.id)) problems.push({ path: [...path, 'attributes', specIndex, 'id'], message: `duplicate attribute spec id ${spec.id}` });
        specIds.add(spec.id);
      });
    check(label.id, ['labels', labelIndex]);
    checkSpecs(label.attributes, ['labels', labelIndex]);
    label.sublabels.forEach((sublabel, sublabelIndex) => {
      check(sublabel.id, ['labels', labelIndex, 'sublabels', sublabelIndex]);
      checkSpecs(sublabel.attributes, ['labels', labelIndex, 'sublabels', sublabelIndex]);
    });
  });
  const frameIndices = new Set<number>();
  dataset.frames.forEach((frame, position) => {
    if (frameIndices.has(frame.index)) problems.push({ path: ['frames', position, 'index'], message: `duplicate frame index ${frame.index}` });
    frameIndices.add(frame.index);
  });
  const labels = new LabelIndex(dataset.labels);
  const checkObject = (object: { label_id: number; frame: number; attributes: ReadonlyArray<{ spec_id: number }> }, path: PropertyKey[], kind: SpecKind): void => {
    if (!labels.hasLabel(object.label_id)) problems.push({ path: [...path, 'label_id'], message: `label_id \`${object.label_id}\` is invalid` });
    else checkAttributes(object.label_id, object.attributes, path, kind);
    checkFrame(object.frame, path);
  };
  const checkAttributes = (labelId: number, attributes: ReadonlyArray<{ spec_id: number }>, path: PropertyKey[], kind: SpecKind): void =>
    attributes.forEach((attribute, index) => {
      if (!labels.hasSpec(labelId, attribute.spec_id, kind))
        problems.push({ path: [...path, 'attributes', index, 'spec_id'], message: `spec_id \`${attribute.spec_id}\` is invalid` });
    });
  const checkFrame = (frame: number, path: PropertyKey[]): void => {
    if (dataset.frames.length > 0 && !frameIndices.has(frame)) problems.push({ path: [...path, 'frame'], message: `frame ${frame} is not a frame of the dataset` });
  };
  const { annotations } = dataset;
  annotations.tags.forEach((tag, index) => checkObject(tag, ['annotations', 'tags', index], 'all'));
  annotations.shapes.forEach((shape, index) => {
    checkObject(shape, ['annotations', 'shapes', index], 'all');
    shape.elements.forEach((element, elementIndex) => checkObject(element, ['annotations', 'shapes', index, 'elements', elementIndex], 'all'));
  });
  const checkTrack = (track: (typeof annotations.tracks)[number] | (typeof annotations.tracks)[number]['elements'][number], path: PropertyKey[]): void => {
    checkObject(track, path, 'immutable');
    track.shapes.forEach((shape, shapeIndex) => {
      if (labels.hasLabel(track.label_id)) checkAttributes(track.label_id, shape.attributes, [...path, 'shapes', shapeIndex], 'mutable');
      checkFrame(shape.frame, [...path, 'shapes', shapeIndex]);
    });
  };
  annotations.tracks.forEach((track, index) => {
    checkTrack(track, ['annotations', 'tracks', index]);
    track.elements.forEach((element, elementIndex) => checkTrack(element, ['annotations', 'tracks', index, 'elements', elementIndex]));
  });
  return problems;
}
