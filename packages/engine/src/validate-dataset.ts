// Checks a canonical dataset against the model's schema and its cross-references (label ids, attribute spec
// ids, frame numbers), returning every problem with its path instead of stopping at the first.
import type { AttributeVal, Dataset, SchemaIssue } from '@annoconv/core';
import { datasetSchema, indexLabels } from '@annoconv/core';

/** Every schema and reference problem of the dataset; empty when it is valid. */
export function validateDataset(dataset: Dataset): SchemaIssue[] {
  const parsed = datasetSchema.safeParse(dataset);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  }
  return referenceIssues(dataset);
}

function referenceIssues(dataset: Dataset): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const seenIds = new Set<number>();
  const seenNames = new Set<string>();
  dataset.labels.forEach((label, labelIndex) => {
    if (seenNames.has(label.name)) issues.push({ path: `labels[${labelIndex}].name`, message: `duplicate label name '${label.name}'` });
    seenNames.add(label.name);
    for (const [path, id] of [[`labels[${labelIndex}].id`, label.id] as const, ...label.sublabels.map((sublabel, index) => [`labels[${labelIndex}].sublabels[${index}].id`, sublabel.id] as const)]) {
      if (seenIds.has(id)) issues.push({ path, message: `duplicate label id ${id}` });
      seenIds.add(id);
    }
  });
  const labels = indexLabels(dataset.labels);
  const frameIndices = new Set(dataset.frames.map((frame) => frame.index));
  if (frameIndices.size !== dataset.frames.length) issues.push({ path: 'frames', message: 'frame indices are not unique' });

  const checkFrame = (path: string, frame: number): void => {
    if (dataset.frames.length > 0 && !frameIndices.has(frame)) issues.push({ path: `${path}.frame`, message: `frame ${frame} is not a frame of the dataset` });
  };
  const checkAttributes = (path: string, labelId: number, attributes: readonly AttributeVal[], parentLabelId?: number): void => {
    const label = labels.get(labelId);
    if (!label) return;
    // Track attributes may also be specs of the parent skeleton label for elements; accept both owners.
    const parent = parentLabelId !== undefined ? labels.get(parentLabelId) : undefined;
    const specIds = new Set([...label.attributes, ...(parent?.attributes ?? [])].map((spec) => spec.id));
    attributes.forEach((attribute, index) => {
      if (!specIds.has(attribute.spec_id)) issues.push({ path: `${path}.attributes[${index}].spec_id`, message: `attribute spec ${attribute.spec_id} does not belong to label '${label.name}'` });
    });
  };
  const checkLabel = (path: string, labelId: number, parentLabelId?: number): boolean => {
    const label = labels.get(labelId);
    if (!label) {
      issues.push({ path: `${path}.label_id`, message: `label ${labelId} does not exist` });
      return false;
    }
    if (parentLabelId !== undefined && (!('parent_id' in label) || label.parent_id !== parentLabelId)) {
      issues.push({ path: `${path}.label_id`, message: `label ${labelId} is not a sub-label of label ${parentLabelId}` });
      return false;
    }
    return true;
  };

  const { tags, shapes, tracks } = dataset.annotations;
  tags.forEach((tag, index) => {
    const path = `annotations.tags[${index}]`;
    if (checkLabel(path, tag.label_id)) checkAttributes(path, tag.label_id, tag.attributes);
    checkFrame(path, tag.frame);
  });
  shapes.forEach((shape, index) => {
    const path = `annotations.shapes[${index}]`;
    if (checkLabel(path, shape.label_id)) checkAttributes(path, shape.label_id, shape.attributes);
    checkFrame(path, shape.frame);
    shape.elements.forEach((element, elementIndex) => {
      const elementPath = `${path}.elements[${elementIndex}]`;
      if (checkLabel(elementPath, element.label_id, shape.label_id)) checkAttributes(elementPath, element.label_id, element.attributes, shape.label_id);
    });
  });
  tracks.forEach((track, index) => {
    const path = `annotations.tracks[${index}]`;
    const labelOk = checkLabel(path, track.label_id);
    if (labelOk) checkAttributes(path, track.label_id, track.attributes);
    checkFrame(path, track.frame);
    track.shapes.forEach((shape, shapeIndex) => {
      if (labelOk) checkAttributes(`${path}.shapes[${shapeIndex}]`, track.label_id, shape.attributes);
      checkFrame(`${path}.shapes[${shapeIndex}]`, shape.frame);
    });
    track.elements.forEach((element, elementIndex) => {
      const elementPath = `${path}.elements[${elementIndex}]`;
      if (checkLabel(elementPath, element.label_id, track.label_id)) checkAttributes(elementPath, element.label_id, element.attributes, track.label_id);
    });
  });
  return issues;
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : text ? `.${String(key)}` : String(key);
  return text;
}
