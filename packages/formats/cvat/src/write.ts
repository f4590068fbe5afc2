// Writes a Dataset as CVAT 1.1 XML, "for images" (`dump_as_cvat_annotation`: one `<image>` per frame, tracks
// flattened to their visible frames) or "for video" (`dump_as_cvat_interpolation`: one `<track>` per track with
// every interpolated frame, plain shapes as one- or two-keyframe tracks, no tags). Element and attribute order,
// 0/1 booleans and `{:.2f}` numbers follow CVAT's dumper; losses are diagnostics.
import { indexAttributeSpecs, indexLabels, throwIfAborted } from '@annoconv/core';
import type {
  AttributeVal,
  Dataset,
  FileSink,
  FormatContext,
  Frame,
  Label,
  Shape,
  Sublabel,
  SubShape,
  Track,
  WriteOptions,
} from '@annoconv/core';
import { XmlWriter, attribute } from './xml-writer.js';
import { geometryFragment } from './write-geometry.js';
import { ELEMENT_OF_SHAPE, ROTATABLE } from './schema.js';
import { interpolateTrack, tracksToShapes, withoutMaskInterpolation, type InterpolatedShape } from './track-frames.js';

export type CvatFlavour = 'images' | 'video';

export interface CvatWriteOptions extends WriteOptions {
  /** `task` (one task), `project` (one task per subset, `<image subset task_id>`), or decided by the subsets; "CVAT for images" only. */
  layout?: 'task' | 'project' | 'auto';
  /** Text of `<dumped>`; omitted when not given, so output is deterministic. */
  dumped?: string;
}

const DEFAULT_SUBSET = 'default';

/** A shape written in an `<image>`: a plain shape, or a track's shape on that frame (which has no score). */
type FrameShape = Omit<Shape, 'elements' | 'score'> & { score?: number; elements: SubShape[] };
const FLUSH_PARTS = 20_000;

class CvatXmlWriter {
  private readonly xml = new XmlWriter();
  private readonly labels: Map<number, Label | Sublabel>;
  private readonly specs: ReturnType<typeof indexAttributeSpecs>;
  private readonly deleted: Set<number>;
  private readonly start: number;
  private readonly step: number;
  private readonly project: boolean;
  private readonly subsets: string[];

  constructor(
    private readonly dataset: Dataset,
    private readonly flavour: CvatFlavour,
    private readonly options: CvatWriteOptions,
    private readonly context: FormatContext,
  ) {
    this.labels = indexLabels(dataset.labels);
    this.specs = indexAttributeSpecs(dataset.labels);
    this.deleted = new Set(dataset.meta.deletedFrames);
    this.start = dataset.meta.startFrame;
    this.step = dataset.meta.frameStep;
    this.subsets = [];
    for (const frame of dataset.frames) if (!this.subsets.includes(frame.subset)) this.subsets.push(frame.subset);
    const layout = options.layout ?? 'auto';
    const wantsProject = layout === 'project' || (layout === 'auto' && this.subsets.length > 1);
    // The video flavour is written as one task: CVAT's project video export numbers each task's track frames
    // from its own start, which a reader can only place with per-task frame lists that "CVAT for video" does
    // not carry (no <image> elements), so the subsets would not read back. Their frames are numbered in order.
    this.project = wantsProject && flavour === 'images';
    if (wantsProject && flavour === 'video')
      context.diagnostics.warn(
        'field-dropped',
        `"CVAT for video" is written as one task: the frames' subsets (${this.subsets.map((subset) => this.subsetOf(subset)).join(', ')}) are not kept`,
      );
  }

  /** The document as chunks, built lazily frame by frame / track by track. */
  *document(): Generator<string> {
    this.xml.declaration();
    this.xml.openRoot('annotations');
    this.xml.leaf('version', '1.1');
    this.writeMeta();
    yield this.xml.take();
    if (this.flavour === 'images') yield* this.writeImages();
    else yield* this.writeTracks();
    this.xml.closeRoot('annotations');
    yield this.xml.take();
  }

  private absolute(index: number): number {
    return this.start + index * this.step;
  }

  private subsetOf(subset: string): string {
    return subset === '' ? DEFAULT_SUBSET : subset;
  }

  private writeMeta(): void {
    const meta = this.dataset.meta;
    const xml = this.xml;
    xml.open('meta');
    if (this.project) {
      xml.open('project');
      xml.leaf('name', meta.name);
      xml.leaf('bugtracker', '');
      xml.open('tasks');
      this.subsets.forEach((subset, position) => {
        const frames = this.dataset.frames.filter((frame) => frame.subset === subset).length;
        this.writeTaskFields(String(position + 1), subset || meta.name, frames, subset, 0, Math.max(frames - 1, 0), 1, false);
      });
      xml.close('tasks');
      xml.leaf('subsets', this.subsets.map((subset) => this.subsetOf(subset)).join('\n'));
      xml.leaf('owner', '');
      xml.leaf('assignee', '');
      this.writeLabels();
      xml.close('project');
    } else {
      const stop = meta.stopFrame ?? this.absolute(Math.max(this.dataset.frames.length - 1, 0));
      this.writeTaskFields(undefined, meta.name, this.dataset.frames.length, this.subsets.length === 1 ? this.subsets[0]! : '', this.start, stop, this.step, true);
    }
    if (this.options.dumped !== undefined) xml.leaf('dumped', this.options.dumped);
    xml.close('meta');
  }

  private writeTaskFields(id: string | undefined, name: string, size: number, subset: string, start: number, stop: number, step: number, withLabels: boolean): void {
    const xml = this.xml;
    const meta = this.dataset.meta;
    xml.open('task');
    if (id !== undefined) xml.leaf('id', id);
    xml.leaf('name', name);
    xml.leaf('size', String(size));
    xml.leaf('mode', meta.mode);
    xml.leaf('overlap', String(meta.overlap ?? 0));
    xml.leaf('bugtracker', '');
    xml.leaf('subset', this.subsetOf(subset));
    xml.leaf('start_frame', String(start));
    xml.leaf('stop_frame', String(stop));
    xml.leaf('frame_filter', step > 1 ? `step=${step}` : '');
    xml.leaf('owner', '');
    xml.leaf('assignee', '');
    if (withLabels) this.writeLabels();
    // CVAT writes one <original_size> per video task; "CVAT for video" has no other place for frame sizes, so it
    // is written there whatever the mode.
    if (withLabels && (meta.mode === 'interpolation' || this.flavour === 'video')) this.writeOriginalSize();
    xml.close('task');
  }

  /** `<original_size>` from the first sized frame; in the video flavour, frames of another size or none are reported. */
  private writeOriginalSize(): void {
    const frames = this.dataset.frames.filter((frame) => !this.deleted.has(frame.index));
    const sized = frames.find((frame) => frame.width !== undefined && frame.height !== undefined);
    const report = this.flavour === 'video';
    if (!sized) {
      if (report && frames.length > 0)
        this.context.diagnostics.warn('image-size-unknown', 'no frame has a size; <original_size> is not written and the frames read back without one');
      return;
    }
    const xml = this.xml;
    xml.open('original_size');
    xml.leaf('width', String(sized.width));
    xml.leaf('height', String(sized.height));
    xml.close('original_size');
    if (!report) return;
    const other = frames.filter((frame) => frame.width !== sized.width || frame.height !== sized.height);
    if (other.length === 0) return;
    const names = other.slice(0, 5).map((frame) => `'${frame.name}' (${frame.width ?? '?'}x${frame.height ?? '?'})`).join(', ');
    this.context.diagnostics.warn(
      'field-dropped',
      `"CVAT for video" has one frame size per task (<original_size> ${sized.width}x${sized.height}, from '${sized.name}'); ${other.length} frame(s) of another or no size read back with it: ${names}${other.length > 5 ? ', …' : ''}`,
      { frame: other[0]!.index, frameName: other[0]!.name },
    );
  }

  private writeLabels(): void {
    const xml = this.xml;
    xml.open('labels');
    for (const label of this.dataset.labels) {
      this.writeLabel(label, undefined);
      for (const sublabel of label.sublabels) this.writeLabel(sublabel, label);
    }
    xml.close('labels');
  }

  private writeLabel(label: Label | Sublabel, parent: Label | undefined): void {
    const xml = this.xml;
    xml.open('label');
    xml.leaf('name', label.name);
    xml.leaf('color', label.color);
    xml.leaf('type', label.type);
    xml.open('attributes');
    for (const spec of label.attributes) {
      xml.open('attribute');
      xml.leaf('name', spec.name);
      xml.leaf('mutable', spec.mutable ? 'True' : 'False');
      xml.leaf('input_type', spec.input_type);
      xml.leaf('default_value', spec.default_value);
      xml.leaf('values', spec.values.join('\n'));
      xml.close('attribute');
    }
    xml.close('attributes');
    if (parent) xml.leaf('parent', parent.name);
    const svg = (label as Label).svg;
    if (!parent && svg !== undefined) {
      // CVAT's exporter names the nodes' sub-labels instead of their database ids.
      let named = svg;
      for (const sublabel of (label as Label).sublabels) named = named.split(`data-label-id="${sublabel.id}"`).join(`data-label-name="${sublabel.name}"`);
      xml.leaf('svg', named);
    }
    xml.close('label');
  }

  private labelName(labelId: number, what: string, frame?: number): string | undefined {
    const label = this.labels.get(labelId);
    if (!label) this.context.diagnostics.warn('label-unknown', `${what} has label id ${labelId}, which the dataset does not declare; not written`, frame !== undefined ? { frame } : undefined);
    return label?.name;
  }

  private writeAttributes(values: readonly AttributeVal[], frame: number): void {
    for (const value of values) {
      const spec = this.specs.get(value.spec_id);
      if (!spec) {
        this.context.diagnostics.warn('attribute-dropped', `attribute spec id ${value.spec_id} is not declared; not written`, { frame });
        continue;
      }
      this.xml.leaf('attribute', value.value, [['name', spec.spec.name]]);
    }
  }

  private reportShapeLosses(shape: Pick<Shape, 'type' | 'rotation' | 'frame'> & { score?: number; id?: number | null }): void {
    if (shape.rotation && !ROTATABLE.has(shape.type))
      this.context.diagnostics.warn('rotation-dropped', `a ${shape.type} has rotation ${shape.rotation}; CVAT XML keeps rotation for boxes and ellipses only`, { frame: shape.frame });
    if (shape.score !== undefined && shape.score !== 1)
      this.context.diagnostics.warn('field-dropped', `score ${shape.score} is not written: CVAT XML has no score`, { frame: shape.frame, ...(shape.id ? { objectId: shape.id, objectKind: 'shape' } : {}) });
  }

  // ---- CVAT for images ------------------------------------------------------------------------------------------

  private *writeImages(): Generator<string> {
    const { dataset, context } = this;
    const shapesByFrame = new Map<number, Array<FrameShape>>();
    const add = (shape: FrameShape): void => {
      const list = shapesByFrame.get(shape.frame);
      if (list) list.push(shape);
      else shapesByFrame.set(shape.frame, [shape]);
    };
    for (const shape of dataset.annotations.shapes) add(shape);
    if (dataset.annotations.tracks.length > 0) {
      context.diagnostics.warn(
        'track-flattened',
        `${dataset.annotations.tracks.length} track(s) written as per-frame shapes: track identity, keyframes and outside frames are lost ("CVAT for images")`,
      );
      const tracks = dataset.annotations.tracks.map((track, index) => {
        const { track: kept, cut } = withoutMaskInterpolation(track);
        if (cut) context.diagnostics.warn('track-flattened', 'a mask track: CVAT cannot interpolate masks; only its first mask is written', { objectId: index, objectKind: 'track' });
        return kept;
      });
      const flattened = tracksToShapes(tracks, { endFrame: dataset.frames.length, deletedFrames: dataset.meta.deletedFrames });
      // CVAT's group_by_frame skips shapes of a track that is outside on that frame.
      for (const shape of flattened) if (!shape.outside) add(shape);
    }
    const tagsByFrame = new Map<number, Dataset['annotations']['tags']>();
    for (const tag of dataset.annotations.tags) {
      const list = tagsByFrame.get(tag.frame);
      if (list) list.push(tag);
      else tagsByFrame.set(tag.frame, [tag]);
    }
    for (const frame of this.deleted) {
      const lost = (shapesByFrame.get(frame)?.length ?? 0) + (tagsByFrame.get(frame)?.length ?? 0);
      if (lost > 0) context.diagnostics.warn('annotation-unmatched', `${lost} annotation(s) on deleted frame ${frame} are not written`, { frame });
    }
    const frameCount = dataset.frames.length;
    for (const [frame, list] of shapesByFrame)
      if (frame >= frameCount) context.diagnostics.warn('annotation-unmatched', `${list.length} shape(s) on frame ${frame}, which the dataset does not have, are not written`, { frame });

    const positionInSubset = new Map<string, number>();
    for (const frame of dataset.frames) {
      if ((frame.index & 255) === 0) {
        throwIfAborted(context);
        context.onProgress?.({ stage: 'writing', done: frame.index, total: frameCount });
      }
      if (this.deleted.has(frame.index)) continue;
      this.writeImage(frame, positionInSubset);
      const shapes = (shapesByFrame.get(frame.index) ?? []).slice().sort((a, b) => a.z_order - b.z_order);
      for (const shape of shapes) this.writeImageShape(shape);
      for (const tag of tagsByFrame.get(frame.index) ?? []) {
        const name = this.labelName(tag.label_id, 'a tag', tag.frame);
        if (name === undefined) continue;
        const attributes: Array<[string, string]> = [['label', name], ['source', tag.source]];
        if (tag.group) attributes.push(['group_id', String(tag.group)]);
        this.xml.open('tag', attributes);
        this.writeAttributes(tag.attributes, tag.frame);
        this.xml.close('tag');
      }
      this.xml.close('image');
      if (this.xml.pending > FLUSH_PARTS) yield this.xml.take();
    }
  }

  private writeImage(frame: Frame, positionInSubset: Map<string, number>): void {
    let id: number;
    const attributes: Array<[string, string]> = [];
    if (this.project) {
      id = positionInSubset.get(frame.subset) ?? 0;
      positionInSubset.set(frame.subset, id + 1);
    } else id = this.absolute(frame.index);
    attributes.push(['id', String(id)], ['name', frame.name]);
    if (this.project) attributes.push(['subset', this.subsetOf(frame.subset)], ['task_id', String(this.subsets.indexOf(frame.subset) + 1)]);
    if (frame.width !== undefined && frame.height !== undefined) attributes.push(['width', String(frame.width)], ['height', String(frame.height)]);
    else this.context.diagnostics.warn('image-size-unknown', `frame '${frame.name}' has no size; <image> is written without width and height`, { frame: frame.index, frameName: frame.name });
    this.xml.open('image', attributes);
  }

  private writeImageShape(shape: FrameShape): void {
    const name = this.labelName(shape.label_id, `a ${shape.type}`, shape.frame);
    if (name === undefined) return;
    this.reportShapeLosses(shape);
    const element = ELEMENT_OF_SHAPE[shape.type];
    let attributes = attribute('label', name) + attribute('source', shape.source);
    if (shape.type !== 'skeleton') attributes += shape.occluded ? ' occluded="1"' : ' occluded="0"';
    else if (shape.occluded) this.context.diagnostics.warn('occluded-dropped', 'CVAT writes no occluded for a skeleton itself (only for its elements)', { frame: shape.frame });
    attributes += geometryFragment(shape.type, shape.points, shape.rotation) + ` z_order="${shape.z_order}"`;
    if (shape.group) attributes += ` group_id="${shape.group}"`;
    this.xml.open(element, attributes);
    if (shape.type === 'skeleton') {
      for (const sub of shape.elements) {
        const subName = this.labelName(sub.label_id, 'a skeleton element', sub.frame);
        if (subName === undefined) continue;
        this.reportShapeLosses(sub);
        if (sub.z_order !== 0)
          this.context.diagnostics.warn('z-order-dropped', `a skeleton element has z_order ${sub.z_order}; CVAT writes none for elements`, { frame: sub.frame });
        let subAttributes =
          attribute('label', subName) +
          attribute('source', sub.source) +
          (sub.outside ? ' outside="1"' : ' outside="0"') +
          (sub.occluded ? ' occluded="1"' : ' occluded="0"') +
          geometryFragment(sub.type, sub.points, sub.rotation);
        if (sub.group) subAttributes += ` group_id="${sub.group}"`;
        this.xml.open(ELEMENT_OF_SHAPE[sub.type], subAttributes);
        this.writeAttributes(sub.attributes, sub.frame);
        this.xml.close(ELEMENT_OF_SHAPE[sub.type]);
      }
    }
    this.writeAttributes(shape.attributes, shape.frame);
    this.xml.close(element);
  }

  // ---- CVAT for video -------------------------------------------------------------------------------------------

  private *writeTracks(): Generator<string> {
    const { dataset, context } = this;
    const endFrame = dataset.frames.length;
    if (dataset.annotations.tags.length > 0)
      context.diagnostics.warn('tag-unsupported', `${dataset.annotations.tags.length} tag(s) not written: "CVAT for video" has no tags`);
    let counter = 0;
    for (const track of dataset.annotations.tracks) {
      throwIfAborted(context);
      this.writeTrack(counter++, track, endFrame);
      if (this.xml.pending > FLUSH_PARTS) yield this.xml.take();
    }
    // CVAT writes plain shapes as tracks: a keyframe, and an outside keyframe one step later unless that hops
    // over the stop frame (`dump_as_cvat_interpolation`).
    const stop = dataset.meta.stopFrame ?? this.absolute(Math.max(endFrame - 1, 0));
    if (dataset.annotations.shapes.length > 0)
      context.diagnostics.warn('shape-converted', `${dataset.annotations.shapes.length} shape(s) written as one-frame tracks ("CVAT for video" has tracks only)`);
    for (const shape of dataset.annotations.shapes) {
      // A mask becomes a one-keyframe track: CVAT cannot interpolate masks, and its importer turns a mask track
      // back into a shape from the first keyframe.
      const closes = shape.type !== 'mask' && this.absolute(shape.frame) + this.step < stop;
      const keyframes = (points: readonly number[], base: Omit<SubShape, 'frame'> | Omit<Shape, 'frame'>, outside: boolean) => [
        { id: null, frame: shape.frame, type: base.type, occluded: base.occluded, outside, z_order: base.z_order, rotation: base.rotation, points: [...points], attributes: base.attributes },
        ...(closes
          ? [{ id: null, frame: shape.frame + 1, type: base.type, occluded: base.occluded, outside: true, z_order: base.z_order, rotation: base.rotation, points: [...points], attributes: base.attributes }]
          : []),
      ];
      const track: Track = {
        id: null,
        label_id: shape.label_id,
        frame: shape.frame,
        group: shape.group,
        source: shape.source,
        attributes: [],
        shapes: keyframes(shape.points, shape, false),
        elements: shape.elements.map((element) => ({
          id: null,
          label_id: element.label_id,
          frame: shape.frame,
          group: element.group,
          source: element.source,
          attributes: [],
          shapes: keyframes(element.points, element, element.outside),
        })),
      };
      this.reportShapeLosses(shape);
      this.writeTrack(counter++, track, Math.max(endFrame, shape.frame + 2));
      if (this.xml.pending > FLUSH_PARTS) yield this.xml.take();
    }
  }

  private interpolate(track: Pick<Track, 'frame' | 'shapes'>, endFrame: number): InterpolatedShape[] {
    // CVAT drops keyframes on deleted frames before interpolating and shapes on deleted frames after.
    const kept = { ...track, shapes: track.shapes.filter((shape) => !this.deleted.has(shape.frame)) };
    if (kept.shapes.length === 0) return [];
    return interpolateTrack(kept, { endFrame, deletedFrames: this.dataset.meta.deletedFrames }).filter((shape) => !this.deleted.has(shape.frame));
  }

  private writeTrack(id: number, track: Track, endFrame: number): void {
    const name = this.labelName(track.label_id, 'a track');
    if (name === undefined) return;
    const lostKeyframes = track.shapes.filter((shape) => shape.frame >= endFrame || this.deleted.has(shape.frame)).length;
    if (lostKeyframes > 0)
      this.context.diagnostics.warn('annotation-unmatched', `${lostKeyframes} keyframe(s) of a track lie on deleted frames or after the last frame; not written`, { objectId: id, objectKind: 'track' });
    const { track: kept, cut } = withoutMaskInterpolation(track);
    if (cut) this.context.diagnostics.warn('track-flattened', 'a mask track: CVAT cannot interpolate masks; only its first mask is written', { objectId: id, objectKind: 'track' });
    track = kept;

    const attributes: Array<[string, string]> = [['id', String(id)], ['label', name], ['source', track.source]];
    if (this.project) {
      const frame = this.dataset.frames[track.frame];
      const subset = frame?.subset ?? '';
      attributes.push(['task_id', String(this.subsets.indexOf(subset) + 1)], ['subset', this.subsetOf(subset)]);
    }
    if (track.group) attributes.push(['group_id', String(track.group)]);
    this.xml.open('track', attributes);

    const elementShapes = new Map<number, Array<{ shape: InterpolatedShape; label: string }>>();
    for (const element of track.elements) {
      const elementName = this.labelName(element.label_id, 'a skeleton element track');
      if (elementName === undefined) continue;
      for (const shape of this.interpolate(element, endFrame)) {
        const list = elementShapes.get(shape.frame);
        if (list) list.push({ shape, label: elementName });
        else elementShapes.set(shape.frame, [{ shape, label: elementName }]);
      }
    }
    for (const shape of this.interpolate(track, endFrame)) {
      if (shape.type === 'skeleton') {
        const elements = elementShapes.get(shape.frame);
        // CVAT writes a skeleton frame only when its elements have shapes there.
        if (!elements || elements.length === 0) {
          if (shape.keyframe)
            this.context.diagnostics.warn('annotation-unmatched', 'a skeleton keyframe on a frame where none of its elements has a shape is not written', { frame: shape.frame, objectId: id, objectKind: 'track' });
          continue;
        }
        if (shape.outside && shape.keyframe)
          this.context.diagnostics.warn('field-dropped', 'an outside skeleton keyframe: CVAT writes no outside for the skeleton itself', { frame: shape.frame, objectId: id, objectKind: 'track' });
        this.xml.open('skeleton', [['frame', String(this.absolute(shape.frame))], ['keyframe', shape.keyframe ? '1' : '0'], ['z_order', String(shape.z_order)]]);
        for (const { shape: elementShape, label } of elements) {
          if (elementShape.keyframe && elementShape.z_order !== 0)
            this.context.diagnostics.warn('z-order-dropped', `a skeleton element keyframe has z_order ${elementShape.z_order}; CVAT writes none for elements`, { frame: elementShape.frame });
          this.xml.open(
            ELEMENT_OF_SHAPE[elementShape.type],
            attribute('label', label) +
              (elementShape.keyframe ? ' keyframe="1"' : ' keyframe="0"') +
              (elementShape.outside ? ' outside="1"' : ' outside="0"') +
              (elementShape.occluded ? ' occluded="1"' : ' occluded="0"') +
              geometryFragment(elementShape.type, elementShape.points, elementShape.rotation),
          );
          this.writeAttributes(elementShape.attributes, elementShape.frame);
          this.xml.close(ELEMENT_OF_SHAPE[elementShape.type]);
        }
        this.writeAttributes([...shape.attributes, ...track.attributes], shape.frame);
        this.xml.close('skeleton');
        continue;
      }
      const element = ELEMENT_OF_SHAPE[shape.type];
      const shapeAttributes =
        ` frame="${this.absolute(shape.frame)}"` +
        (shape.keyframe ? ' keyframe="1"' : ' keyframe="0"') +
        (shape.outside ? ' outside="1"' : ' outside="0"') +
        (shape.occluded ? ' occluded="1"' : ' occluded="0"') +
        geometryFragment(shape.type, shape.points, shape.rotation) +
        ` z_order="${shape.z_order}"`;
      if (shape.keyframe) this.reportShapeLosses(shape);
      this.xml.open(element, shapeAttributes);
      // Immutable (track) attributes are repeated on every shape, after the shape's own.
      this.writeAttributes([...shape.attributes, ...track.attributes], shape.frame);
      this.xml.close(element);
    }
    this.xml.close('track');
  }

  /** Image files to copy with `saveImages`: `images/<name>` (project: `images/<subset>/<name>`). */
  imagePaths(): Array<{ frame: Frame; path: string }> {
    const result: Array<{ frame: Frame; path: string }> = [];
    for (const frame of this.dataset.frames) {
      if (!frame.image || this.deleted.has(frame.index)) continue;
      let name = frame.name;
      if (!/\.[A-Za-z0-9]+$/.test(name.slice(name.lastIndexOf('/') + 1))) {
        const source = frame.image.path;
        const dot = source.lastIndexOf('.');
        name += dot > source.lastIndexOf('/') ? source.slice(dot) : '.PNG';
      }
      result.push({ frame, path: this.project ? `images/${this.subsetOf(frame.subset)}/${name}` : `images/${name}` });
    }
    return result;
  }
}

/** Writes `annotations.xml` (and, with `saveImages`, the images) for one CVAT flavour. */
export async function writeCvat(dataset: Dataset, sink: FileSink, flavour: CvatFlavour, options: CvatWriteOptions, context: FormatContext): Promise<void> {
  const writer = new CvatXmlWriter(dataset, flavour, options, context);
  await sink.writeStream('annotations.xml', (async function* () {
    for (const chunk of writer.document()) if (chunk) yield chunk;
  })());
  if (options.saveImages) {
    for (const { frame, path } of writer.imagePaths()) {
      throwIfAborted(context);
      await sink.write(path, await frame.image!.read());
    }
    const missing = dataset.frames.filter((frame) => !frame.image && !dataset.meta.deletedFrames.includes(frame.index)).length;
    if (missing > 0) context.diagnostics.warn('image-missing', `${missing} frame(s) have no image to save`);
  }
}
