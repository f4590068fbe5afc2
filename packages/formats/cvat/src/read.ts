// Reads CVAT 1.1 XML (both "for images" and "for video") into a Dataset, as CVAT's importer does
// (`load_anno`, FORMATS.md sheet B §1.8): `<image>` shapes and tags per frame, `<track>` keyframes only,
// mask tracks turned into one shape, labels from the meta. Every doubtful thing is a diagnostic; malformed
// input is a ParseError naming the file, the element and its line.
import { DatasetBuilder, ParseError, SOURCE_TYPES, throwIfAborted } from '@annoconv/core';
import type {
  AttributeVal,
  Dataset,
  FileTree,
  FormatContext,
  Label,
  ReadOptions,
  Shape,
  ShapeType,
  SubShape,
  SubTrack,
  Sublabel,
  Track,
  TrackedShape,
} from '@annoconv/core';
import { streamTopLevelElements, type XmlElement } from './xml-element.js';
import { readMeta, type MetaInfo } from './read-meta.js';
import { booleanAttribute, optionalInteger, optionalNumber, readGeometry } from './read-geometry.js';
import { ELEMENT_OF_SHAPE, SHAPE_OF_ELEMENT } from './schema.js';
import { attachImages } from './match-frames.js';
import { NameMatcher } from './name-matcher.js';

/** A frame of an existing task, for importing annotations into it. */
export interface TaskFrame {
  name: string;
  width?: number;
  height?: number;
  subset?: string;
}

export interface CvatReadOptions extends ReadOptions {
  /** Give every imported object `source="file"`, as CVAT's server does, instead of keeping the file's source. */
  sourceFile?: boolean;
  /**
   * Import into an existing task: its frames in task order. Each `<image>` is matched to one of them as CVAT
   * does (name, name without extension, path suffix, `frame_` number, then `id`); unmatched images are reported
   * and their annotations dropped. Track frames map through the file's start frame and step.
   */
  taskFrames?: readonly TaskFrame[];
}

/** The XML files of a tree CVAT's importer reads: every `*.xml`, `annotations.xml` first, then by path. */
export function annotationFiles(tree: FileTree): string[] {
  const files = tree
    .entries()
    .map((entry) => entry.path)
    .filter((path) => path.toLowerCase().endsWith('.xml'));
  const rank = (path: string): number => (path === 'annotations.xml' || path.endsWith('/annotations.xml') ? 0 : 1);
  return files.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

const DEFAULT_SUBSET = 'default';

/** Bytes read between two 'parsing annotations' progress reports. */
const PROGRESS_STEP = 1 << 22;

function subsetName(subset: string | undefined): string {
  return subset === undefined || subset === DEFAULT_SUBSET ? '' : subset;
}

function fileStem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.xml$/i, '');
}

function videoFrameName(absolute: number): string {
  return `frame_${String(absolute).padStart(6, '0')}`;
}

class CvatXmlReader {
  readonly builder = new DatasetBuilder();
  /** The first file's meta: the dataset's task. */
  private meta: MetaInfo | undefined;
  /** The meta of the file being read: its frames (start, step, size, subset) are its own. */
  private fileMeta: MetaInfo | undefined;
  /** Frames made before the current file, so a video file builds its frames even after another file's. */
  private framesBeforeFile = 0;
  /** The current video file's meta gives no frame count: its frames are made as its tracks name them. */
  private framesOnDemand = false;
  private labelsDeclared = false;
  /** Absolute frame number (per subset) → frame index, filled by `<image id>` or by the video frame list. */
  private readonly frameByAbsolute = new Map<string, number>();
  private videoFramesBuilt = false;
  private file = '';
  private fileSubset = '';
  private readonly shapes: Shape[] = [];
  private readonly tags: Dataset['annotations']['tags'] = [];
  private readonly tracks: Track[] = [];
  /** With `taskFrames`: matches `<image>` names to the task's frames (built once the meta is known). */
  private taskMatcher: NameMatcher | undefined;
  private idGapReported = false;

  constructor(
    private readonly options: CvatReadOptions,
    private readonly context: FormatContext,
  ) {
    for (const frame of options.taskFrames ?? [])
      this.builder.frame(frame.name, {
        subset: frame.subset ?? '',
        ...(frame.width !== undefined ? { width: frame.width } : {}),
        ...(frame.height !== undefined ? { height: frame.height } : {}),
      });
  }

  /** The task frames' matcher and absolute numbers, made on first use (after `<meta>` gave start and step). */
  private matcher(): NameMatcher | undefined {
    if (!this.options.taskFrames) return undefined;
    if (!this.taskMatcher) {
      const frames = this.builder.dataset.frames;
      const numbers = frames.map((frame) => this.startFrame + frame.index * this.frameStep);
      frames.forEach((frame, index) => this.frameByAbsolute.set(this.absoluteKey(frame.subset, numbers[index]!), frame.index));
      this.taskMatcher = new NameMatcher(
        frames.map((frame) => frame.name),
        numbers,
      );
      this.videoFramesBuilt = true;
    }
    return this.taskMatcher;
  }

  /** Reads one annotations file from its byte chunks; `size` (bytes, when known) is the progress total. */
  async readFile(path: string, chunks: AsyncIterable<Uint8Array>, size: number | undefined): Promise<void> {
    this.file = path;
    // Datumaro's CVAT exporter writes one `<subset>.xml` per subset and its reader takes the subset from the name.
    this.fileSubset = path === 'annotations.xml' || path.endsWith('/annotations.xml') ? '' : subsetName(fileStem(path));
    this.fileMeta = undefined;
    this.videoFramesBuilt = false;
    this.framesOnDemand = false;
    this.framesBeforeFile = this.builder.dataset.frames.length;
    let count = 0;
    let nextProgress = PROGRESS_STEP;
    await streamTopLevelElements(
      chunks,
      path,
      'annotations',
      (element) => {
        if ((++count & 1023) === 0) throwIfAborted(this.context);
        this.readTopLevel(element);
      },
      (bytes) => {
        throwIfAborted(this.context);
        if (bytes < nextProgress && bytes !== size) return;
        nextProgress = bytes + PROGRESS_STEP;
        this.context.onProgress?.({ stage: 'parsing annotations', done: bytes, ...(size !== undefined ? { total: size } : {}) });
      },
    );
    // A "for video" file without tracks still describes its task's frames.
    const kind = this.currentMeta?.kind;
    if (this.builder.dataset.frames.length === this.framesBeforeFile && (kind === 'task' || kind === 'job')) this.buildVideoFrames();
  }

  private get currentMeta(): MetaInfo | undefined {
    return this.fileMeta ?? this.meta;
  }

  private where(element: XmlElement, extra: Record<string, unknown> = {}) {
    return { file: this.file, line: element.line, element: element.path, ...extra };
  }

  private readTopLevel(element: XmlElement): void {
    switch (element.name) {
      case 'version':
        if (element.text.trim() !== '1.1')
          this.context.diagnostics.warn('invalid-value', `CVAT XML version '${element.text.trim()}', expected 1.1`, this.where(element));
        return;
      case 'meta':
        this.readMetaElement(element);
        return;
      case 'image':
        this.readImage(element);
        return;
      case 'track':
        this.readTrack(element);
        return;
      default:
        this.context.diagnostics.warn('field-ignored', `<${element.name}> is not part of CVAT 1.1 XML; ignored`, this.where(element));
    }
  }

  private readMetaElement(element: XmlElement): void {
    const meta = readMeta(element, this.file);
    this.fileMeta = meta;
    if (!this.meta) {
      this.meta = meta;
      this.builder.setMeta(meta.task);
    }
    const topLevel = meta.labels.filter((label) => label.parent === undefined || label.parent === '');
    const children = meta.labels.filter((label) => label.parent !== undefined && label.parent !== '');
    for (const label of topLevel) {
      this.builder.label(label.name, {
        ...(label.color ? { color: label.color } : {}),
        // Older CVAT docs call the rectangle type `bbox`.
        ...(label.type ? { type: label.type === 'bbox' ? 'rectangle' : label.type } : {}),
        attributes: label.attributes,
        ...(label.svg !== undefined ? { svg: label.svg } : {}),
      });
      this.labelsDeclared = true;
    }
    for (const label of children) {
      const parent = this.builder.findLabel(label.parent!);
      if (!parent) throw new ParseError(`label '${label.name}' names an unknown parent '${label.parent}'`, this.where(element));
      this.builder.sublabel(parent, label.name, {
        ...(label.color ? { color: label.color } : {}),
        ...(label.type ? { type: label.type === 'bbox' ? 'rectangle' : label.type } : {}),
        attributes: label.attributes,
      });
    }
    if (meta.kind === 'project')
      this.context.diagnostics.info('field-ignored', 'project export: task ids, names and timestamps are not kept; subsets are', this.where(element));
  }

  private get startFrame(): number {
    return this.currentMeta?.task.startFrame ?? 0;
  }

  private get frameStep(): number {
    return this.currentMeta?.task.frameStep ?? 1;
  }

  private absoluteKey(subset: string, absolute: number): string {
    // A task being imported into has one frame per absolute number, whatever subset the file names.
    if (this.options.taskFrames) return String(absolute);
    return `${subset}\u0000${absolute}`;
  }

  private source(element: XmlElement): string {
    if (this.options.sourceFile) return 'file';
    const source = element.attributes.source;
    if (source === undefined || source === '') return 'manual';
    if (!(SOURCE_TYPES as readonly string[]).includes(source)) {
      this.context.diagnostics.warn('value-coerced', `unknown source '${source}' read as 'manual'`, this.where(element));
      return 'manual';
    }
    return source;
  }

  private findLabel(element: XmlElement, name: string | undefined): Label | undefined {
    if (name === undefined) throw new ParseError(`<${element.name}> has no 'label' attribute`, this.where(element));
    const label = this.builder.findLabel(name);
    if (label) return label;
    if (name === '') {
      // Datumaro writes unlabeled annotations with label=""; the model cannot hold an object without a label.
      this.context.diagnostics.warn('label-unknown', `<${element.name}> has an empty label; dropped`, this.where(element));
      return undefined;
    }
    if (this.labelsDeclared) throw new ParseError(`unknown label '${name}' (not declared in <meta>)`, this.where(element));
    this.context.diagnostics.warn('label-created', `label '${name}' is not declared in <meta>; created`, this.where(element));
    return this.builder.label(name);
  }

  private findSublabel(element: XmlElement, parent: Label): Sublabel {
    const name = element.attributes.label;
    if (name === undefined) throw new ParseError(`<${element.name}> has no 'label' attribute`, this.where(element));
    const sublabel = parent.sublabels.find((candidate) => candidate.name === name);
    if (sublabel) return sublabel;
    if (this.labelsDeclared && parent.sublabels.length > 0)
      throw new ParseError(`unknown label '${name}' in skeleton '${parent.name}'`, this.where(element));
    this.context.diagnostics.warn('label-created', `skeleton element label '${name}' is not declared in <meta>; created`, this.where(element));
    return this.builder.sublabel(parent, name);
  }

  /** The `<attribute name>` children, matched against the label's specs; undeclared names are reported. */
  private readAttributes(element: XmlElement, label: Label | Sublabel): AttributeVal[] {
    const values: AttributeVal[] = [];
    for (const attribute of element.children) {
      if (attribute.name !== 'attribute') continue;
      const name = attribute.attributes.name;
      if (name === undefined) throw new ParseError(`<attribute> has no 'name' attribute`, this.where(attribute));
      let spec: (typeof label.attributes)[number] | undefined;
      for (const candidate of label.attributes)
        if (candidate.name === name) {
          spec = candidate;
          break;
        }
      if (!spec) {
        if (!this.labelsDeclared) {
          const created = this.builder.attribute(label, name, { mutable: this.currentMeta?.task.mode === 'interpolation' });
          values.push({ spec_id: created.id, value: attribute.text });
          continue;
        }
        this.context.diagnostics.warn('attribute-dropped', `attribute '${name}' is not declared for label '${label.name}'; dropped`, this.where(attribute));
        continue;
      }
      // A repeated attribute: the last value wins.
      for (let index = 0; index < values.length; index++)
        if (values[index]!.spec_id === spec.id) {
          values.splice(index, 1);
          break;
        }
      values.push({ spec_id: spec.id, value: attribute.text });
    }
    return values;
  }

  private readImage(element: XmlElement): void {
    const name = element.attributes.name;
    if (name === undefined || name === '') throw new ParseError(`<image> has no 'name' attribute`, this.where(element));
    const idText = element.attributes.id;
    if (idText === undefined) throw new ParseError(`<image> has no 'id' attribute`, this.where(element));
    const id = Number(idText);
    if (!Number.isInteger(id) || id < 0) throw new ParseError(`<image> id '${idText}' is not a frame number`, this.where(element));
    const subset = subsetName(element.attributes.subset ?? this.currentMeta?.subset) || this.fileSubset;
    const width = optionalInteger(element, 'width', this.file, 0);
    const height = optionalInteger(element, 'height', this.file, 0);
    const matcher = this.matcher();
    if (matcher) {
      // Importing into a task: CVAT matches by name first, then by the image id as an absolute frame number.
      let index = matcher.find(name);
      if (index === undefined) {
        const relative = (id - this.startFrame) / this.frameStep;
        if (Number.isInteger(relative) && relative >= 0 && relative < this.builder.dataset.frames.length) index = relative;
      }
      if (index === undefined) {
        this.context.diagnostics.warn(
          'annotation-unmatched',
          `<image name="${name}"> matches no frame of the task; its ${element.children.length} annotation(s) are dropped`,
          this.where(element, { frameName: name }),
        );
        return;
      }
      this.readImageContent(element, this.builder.dataset.frames[index]!.index);
      return;
    }
    const before = this.builder.dataset.frames.length;
    const frame = this.builder.frame(name, { subset, ...(width > 0 ? { width } : {}), ...(height > 0 ? { height } : {}) });
    if (this.builder.dataset.frames.length === before)
      this.context.diagnostics.warn('duplicate', `a second <image> named '${name}'; its annotations join the first`, this.where(element, { frameName: name }));
    this.frameByAbsolute.set(this.absoluteKey(subset, id), frame.index);
    // Task exports number images start + k·step; a gap means frames the file leaves out (deleted frames), which
    // the model cannot place, so frames are numbered by position. Project exports restart per subset.
    if (!this.idGapReported && this.currentMeta?.kind !== 'project' && !element.attributes.subset && id !== this.startFrame + frame.index * this.frameStep) {
      this.idGapReported = true;
      this.context.diagnostics.warn(
        'value-coerced',
        `<image id="${id}"> is not start_frame + ${frame.index}·step: frames missing from the file (deleted frames?) are not kept, later frames move up`,
        this.where(element, { frameName: name }),
      );
    }
    this.readImageContent(element, frame.index);
  }

  private readImageContent(element: XmlElement, frameIndex: number): void {
    for (const item of element.children) {
      if (item.name === 'tag') {
        const label = this.findLabel(item, item.attributes.label);
        if (!label) continue;
        this.tags.push({
          id: null,
          label_id: label.id,
          frame: frameIndex,
          group: optionalInteger(item, 'group_id', this.file, 0),
          source: this.source(item),
          attributes: this.readAttributes(item, label),
        });
        continue;
      }
      const type = SHAPE_OF_ELEMENT[item.name];
      if (!type) {
        this.context.diagnostics.warn('field-ignored', `<${item.name}> inside <image> is not a CVAT shape; ignored`, this.where(item));
        continue;
      }
      const label = this.findLabel(item, item.attributes.label);
      if (!label) continue;
      this.shapes.push(this.readShape(item, type, label, frameIndex));
    }
  }

  private readShape(element: XmlElement, type: ShapeType, label: Label, frame: number): Shape {
    const shape: Shape = {
      id: null,
      label_id: label.id,
      frame,
      group: optionalInteger(element, 'group_id', this.file, 0),
      source: this.source(element),
      attributes: this.readAttributes(element, label),
      type,
      occluded: type === 'skeleton' ? false : booleanAttribute(element, 'occluded'),
      outside: false,
      z_order: optionalInteger(element, 'z_order', this.file, 0),
      rotation: this.rotation(element, type),
      points: readGeometry(element, type, this.file),
      score: 1,
      elements: [],
    };
    if (type === 'skeleton') {
      for (const item of element.children) {
        if (item.name === 'attribute') continue;
        const elementType = SHAPE_OF_ELEMENT[item.name];
        if (!elementType || elementType === 'skeleton') {
          this.context.diagnostics.warn('field-ignored', `<${item.name}> inside <skeleton> is not a skeleton element; ignored`, this.where(item));
          continue;
        }
        const sublabel = this.findSublabel(item, label);
        const sub: SubShape = {
          id: null,
          label_id: sublabel.id,
          frame,
          group: optionalInteger(item, 'group_id', this.file, 0),
          source: this.source(item),
          attributes: this.readAttributes(item, sublabel),
          type: elementType,
          occluded: booleanAttribute(item, 'occluded'),
          outside: booleanAttribute(item, 'outside'),
          z_order: optionalInteger(item, 'z_order', this.file, 0),
          rotation: this.rotation(item, elementType),
          points: readGeometry(item, elementType, this.file),
          score: 1,
        };
        shape.elements.push(sub);
      }
      if (shape.elements.length === 0) throw new ParseError(`<skeleton> has no elements`, this.where(element));
    }
    return shape;
  }

  private rotation(element: XmlElement, type: ShapeType): number {
    const rotation = optionalNumber(element, 'rotation', this.file, 0);
    if (rotation < 0 || rotation > 360) throw new ParseError(`<${element.name}> rotation ${rotation} is outside 0…360`, this.where(element));
    if (rotation !== 0 && type !== 'rectangle' && type !== 'ellipse') {
      this.context.diagnostics.warn('rotation-dropped', `<${element.name}> has a rotation, which CVAT keeps for boxes and ellipses only`, this.where(element));
      return 0;
    }
    return rotation;
  }

  /** Video tasks write no `<image>`: the frames are `frame_%06d` of the absolute numbers start + k·step. */
  private buildVideoFrames(element?: XmlElement): void {
    if (this.videoFramesBuilt) return;
    this.videoFramesBuilt = true;
    if (this.options.taskFrames || this.builder.dataset.frames.length > this.framesBeforeFile) return;
    const meta = this.currentMeta;
    let size = meta?.size;
    if (size === undefined && meta?.task.stopFrame !== undefined) size = Math.floor((meta.task.stopFrame - this.startFrame) / this.frameStep) + 1;
    if (size === undefined) {
      if (element) this.context.diagnostics.warn('invalid-value', 'the meta gives neither size nor stop_frame; frames are made up to the last track frame', this.where(element));
      this.framesOnDemand = true;
      return;
    }
    const subset = subsetName(meta?.subset) || this.fileSubset;
    for (let index = 0; index < size; index++) {
      const absolute = this.startFrame + index * this.frameStep;
      const frame = this.builder.frame(videoFrameName(absolute), {
        subset,
        ...(meta?.originalSize ? { width: meta.originalSize.width, height: meta.originalSize.height } : {}),
      });
      this.frameByAbsolute.set(this.absoluteKey(subset, absolute), frame.index);
    }
  }

  /** The frame index of an absolute frame number, or undefined (reported) when it is not a frame of the task. */
  private frameOf(element: XmlElement, subset: string): number | undefined {
    const text = element.attributes.frame;
    if (text === undefined) throw new ParseError(`<${element.name}> has no 'frame' attribute`, this.where(element));
    const absolute = Number(text);
    if (!Number.isInteger(absolute) || absolute < 0) throw new ParseError(`<${element.name}> frame '${text}' is not a frame number`, this.where(element));
    const known = this.frameByAbsolute.get(this.absoluteKey(subset, absolute));
    if (known !== undefined) return known;
    const relative = (absolute - this.startFrame) / this.frameStep;
    if (this.framesOnDemand && Number.isInteger(relative) && relative >= 0) {
      // No frame list at all (no size in the meta): frames are made as the tracks need them.
      // The task's one <original_size> is every frame's size.
      const size = this.currentMeta?.originalSize;
      const frame = this.builder.frame(videoFrameName(absolute), { subset, ...(size ? { width: size.width, height: size.height } : {}) });
      this.frameByAbsolute.set(this.absoluteKey(subset, absolute), frame.index);
      return frame.index;
    }
    this.context.diagnostics.warn(
      'annotation-unmatched',
      `frame ${absolute} is not a frame of the task (start ${this.startFrame}, step ${this.frameStep}); the shape is dropped`,
      this.where(element),
    );
    return undefined;
  }

  private readTrack(element: XmlElement): void {
    this.matcher();
    this.buildVideoFrames(element);
    const label = this.findLabel(element, element.attributes.label);
    if (!label) return;
    const subset = subsetName(element.attributes.subset ?? this.currentMeta?.subset) || this.fileSubset;
    const track: Track = {
      id: null,
      label_id: label.id,
      frame: 0,
      group: optionalInteger(element, 'group_id', this.file, 0),
      source: this.source(element),
      attributes: [],
      shapes: [],
      elements: [],
    };
    const elementTracks = new Map<number, SubTrack>();
    const elementTrack = (sublabel: Sublabel, source: string): SubTrack => {
      let sub = elementTracks.get(sublabel.id);
      if (!sub) {
        sub = { id: null, label_id: sublabel.id, frame: 0, group: 0, source, attributes: [], shapes: [] };
        elementTracks.set(sublabel.id, sub);
      }
      return sub;
    };
    let shapeType: ShapeType | undefined;
    let sawShape = false;
    let firstMask: { shape: TrackedShape; element: XmlElement } | undefined;
    let maskKeyframes = 0;

    for (const item of element.children) {
      if (item.name === 'track') {
        // Older CVAT (and Datumaro's test asset) nest skeleton element tracks as <track> inside the skeleton track.
        const sublabel = this.findSublabel(item, label);
        const sub = elementTrack(sublabel, this.source(item));
        for (const shapeElement of item.children) {
          const type = SHAPE_OF_ELEMENT[shapeElement.name];
          if (!type || type === 'skeleton') continue;
          const shape = this.readTrackedShape(shapeElement, type, sublabel, subset);
          if (shape) sub.shapes.push(shape.shape);
        }
        continue;
      }
      if (item.name === 'attribute') continue;
      const type = SHAPE_OF_ELEMENT[item.name];
      if (!type) {
        this.context.diagnostics.warn('field-ignored', `<${item.name}> inside <track> is not a CVAT shape; ignored`, this.where(item));
        continue;
      }
      if (shapeType && type !== shapeType) throw new ParseError(`<track> mixes <${ELEMENT_OF_SHAPE[shapeType]}> and <${item.name}>`, this.where(item));
      shapeType = type;
      sawShape = true;
      const read = this.readTrackedShape(item, type, label, subset, true);
      if (type === 'mask') {
        // CVAT cannot hold mask tracks: its importer keeps the first shape as a plain shape (`load_anno`).
        if (read) maskKeyframes++;
        if (!firstMask && read) firstMask = { shape: { ...read.shape, attributes: [...read.shape.attributes, ...read.trackAttributes] }, element: item };
        continue;
      }
      if (read) {
        for (const attribute of read.trackAttributes) {
          const at = track.attributes.findIndex((existing) => existing.spec_id === attribute.spec_id);
          if (at >= 0) track.attributes.splice(at, 1);
          track.attributes.push(attribute);
        }
        track.shapes.push(read.shape);
      }
      if (type === 'skeleton') {
        // Element keyframes may sit on frames where the skeleton itself is not a keyframe.
        const frame = read?.shape.frame ?? this.frameByAbsolute.get(this.absoluteKey(subset, Number(item.attributes.frame)));
        for (const elementItem of item.children) {
          const elementType = SHAPE_OF_ELEMENT[elementItem.name];
          if (!elementType || elementType === 'skeleton') continue;
          const sublabel = this.findSublabel(elementItem, label);
          const sub = elementTrack(sublabel, track.source);
          if (frame === undefined) continue;
          const shape = this.readTrackedShape(elementItem, elementType, sublabel, subset, false, frame);
          if (shape) sub.shapes.push(shape.shape);
        }
      }
    }

    if (firstMask) {
      if (maskKeyframes > 1)
        this.context.diagnostics.warn('track-flattened', `CVAT keeps no mask tracks: the first of ${maskKeyframes} mask keyframes is kept as a shape, the rest dropped`, this.where(element));
      else this.context.diagnostics.info('shape-converted', 'a mask track of one keyframe is read as a mask shape, as CVAT does', this.where(element));
      const first = firstMask.shape;
      this.shapes.push({
        id: null,
        label_id: label.id,
        frame: first.frame,
        group: track.group,
        source: track.source,
        attributes: first.attributes,
        type: 'mask',
        occluded: first.occluded,
        outside: false,
        z_order: first.z_order,
        rotation: first.rotation,
        points: first.points,
        score: 1,
        elements: [],
      });
      return;
    }
    track.shapes = sortKeyframes(track.shapes);
    for (const sub of elementTracks.values()) {
      sub.shapes = sortKeyframes(sub.shapes);
      if (sub.shapes.length === 0) continue;
      sub.frame = sub.shapes[0]!.frame;
      track.elements.push(sub);
    }
    if (track.shapes.length === 0 && track.elements.length === 0) {
      throw new ParseError(`<track> has no keyframes (no ${sawShape ? 'shape with keyframe="1" on a task frame' : 'shape at all'})`, this.where(element));
    }
    const frames = [...track.shapes.map((shape) => shape.frame), ...track.elements.map((sub) => sub.frame)];
    track.frame = Math.min(...frames);
    this.tracks.push(track);
  }

  /**
   * One shape of a track; undefined when it is not a keyframe (CVAT re-interpolates those) or its frame is unknown.
   * Attributes are split as CVAT stores them: mutable ones on the keyframe, immutable ones on the track.
   */
  private readTrackedShape(
    element: XmlElement,
    type: ShapeType,
    label: Label | Sublabel,
    subset: string,
    splitAttributes = false,
    parentFrame?: number,
  ): { shape: TrackedShape; trackAttributes: AttributeVal[] } | undefined {
    if (element.attributes.keyframe === undefined) throw new ParseError(`<${element.name}> in a track has no 'keyframe' attribute`, this.where(element));
    const frame = parentFrame ?? this.frameOf(element, subset);
    if (!booleanAttribute(element, 'keyframe')) return undefined;
    if (frame === undefined) return undefined;
    const values = this.readAttributes(element, label);
    const shape: TrackedShape = {
      id: null,
      frame,
      type,
      occluded: type === 'skeleton' ? false : booleanAttribute(element, 'occluded'),
      outside: booleanAttribute(element, 'outside'),
      z_order: optionalInteger(element, 'z_order', this.file, 0),
      rotation: this.rotation(element, type),
      points: readGeometry(element, type, this.file),
      attributes: values,
    };
    if (!splitAttributes) return { shape, trackAttributes: [] };
    const mutable = new Set(label.attributes.filter((spec) => spec.mutable).map((spec) => spec.id));
    shape.attributes = values.filter((value) => mutable.has(value.spec_id));
    return { shape, trackAttributes: values.filter((value) => !mutable.has(value.spec_id)) };
  }

  finish(tree: FileTree, xmlPath: string | undefined): Dataset {
    const dataset = this.builder.build();
    dataset.annotations = { version: 0, tags: this.tags, shapes: this.shapes, tracks: this.tracks };
    if (xmlPath !== undefined) attachImages(tree, xmlPath, dataset, this.context);
    return dataset;
  }
}

/** Keyframes by frame; a second keyframe on the same frame replaces the first, as CVAT's storage would. */
function sortKeyframes(shapes: TrackedShape[]): TrackedShape[] {
  const byFrame = new Map<number, TrackedShape>();
  for (const shape of shapes) byFrame.set(shape.frame, shape);
  return [...byFrame.values()].sort((a, b) => a.frame - b.frame);
}

/** Reads every CVAT XML file of the tree into one Dataset. */
export async function readCvat(tree: FileTree, options: CvatReadOptions, context: FormatContext): Promise<Dataset> {
  const files = annotationFiles(tree);
  if (files.length === 0) throw new ParseError('no CVAT annotations XML file found', { file: tree.name });
  const reader = new CvatXmlReader(options, context);
  const sizes = new Map(tree.entries().map((entry) => [entry.path, entry.size]));
  for (const file of files) {
    throwIfAborted(context);
    // Streamed: the document never has to fit one JavaScript string.
    await reader.readFile(file, tree.stream(file), sizes.get(file));
  }
  return reader.finish(tree, files[0]);
}
