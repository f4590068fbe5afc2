// Hand-built model objects for tests: shapes, boxes and tracks with every field filled, and small datasets.
import { emptyDataset, type Dataset, type Shape, type Track } from '@annoconv/core';

/** A shape with defaults for every field not given (manual, visible, no attributes, score 1, no points). */
export function shape(fields: Partial<Shape> & Pick<Shape, 'type' | 'label_id' | 'frame'>): Shape {
  return { id: null, group: 0, source: 'manual', attributes: [], occluded: false, outside: false, z_order: 0, rotation: 0, points: [], score: 1, elements: [], ...fields };
}

/** A rectangle unless `type` says otherwise, with defaults for every field not given. */
export function box(fields: Partial<Shape> & Pick<Shape, 'label_id' | 'frame' | 'points'>): Shape {
  return shape({ type: 'rectangle', ...fields });
}

/** A manual track of one label whose keyframes are rectangles unless a keyframe says otherwise. */
export function track(labelId: number, keyframes: Array<{ frame: number; points: number[]; outside?: boolean; type?: Shape['type'] }>): Track {
  return {
    id: null, label_id: labelId, frame: keyframes[0]!.frame, group: 0, source: 'manual', attributes: [], elements: [],
    shapes: keyframes.map((keyframe) => ({ id: null, frame: keyframe.frame, type: keyframe.type ?? 'rectangle', occluded: false, outside: keyframe.outside ?? false, z_order: 0, rotation: 0, points: keyframe.points, attributes: [] })),
  };
}

/** A label of `datasetWith`: a name alone, or a name with a colour and attribute specs (ids assigned in order). */
export type LabelDraft =
  | string
  | {
      name: string;
      color?: string;
      attributes?: Array<{ name: string; input_type?: 'checkbox' | 'text' | 'number' | 'select' | 'radio'; default_value?: string; values?: string[]; mutable?: boolean }>;
    };

/** An empty-annotation dataset with labels numbered from 1 and frames indexed by position (subset '' unless given). */
export function datasetWith(labels: LabelDraft[], frames: Array<{ name: string; width?: number; height?: number; subset?: string }>): Dataset {
  const dataset = emptyDataset();
  let specId = 1;
  dataset.labels = labels.map((draft, index) => {
    const label = typeof draft === 'string' ? { name: draft } : draft;
    return {
      id: index + 1,
      name: label.name,
      color: label.color ?? '',
      type: 'any',
      sublabels: [],
      attributes: (label.attributes ?? []).map((attribute) => ({
        id: specId++,
        name: attribute.name,
        mutable: attribute.mutable ?? false,
        input_type: attribute.input_type ?? 'text',
        default_value: attribute.default_value ?? (attribute.input_type === 'checkbox' ? 'false' : ''),
        values: attribute.values ?? (attribute.input_type === 'checkbox' ? ['false', 'true'] : []),
      })),
    };
  });
  dataset.frames = frames.map((frame, index) => ({ index, name: frame.name, subset: frame.subset ?? '', ...(frame.width ? { width: frame.width } : {}), ...(frame.height ? { height: frame.height } : {}) }));
  return dataset;
}
