// Small element trees built from the tokenizer's events, one top-level child of the root at a time: a CVAT file
// is a flat list of `<image>` / `<track>` elements, so holding one of them at a time keeps memory flat.
import { ParseError } from '@annoconv/core';
import { tokenizeXml, type XmlHandler } from './xml-tokenizer.js';
import { tokenizeXmlStream } from './xml-stream.js';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text content; whitespace between child elements is not kept (CVAT XML has no mixed content). */
  text: string;
  line: number;
  /** The parent element (the root for top-level elements). */
  parent: XmlElement | undefined;
  /** 1-based position among same-named siblings for top-level elements; computed on demand for the others. */
  position: number;
  /** Element path for messages, e.g. `annotations/image[3]/box[1]`; built on demand, since only messages need it. */
  readonly path: string;
}

/** The element path of an element: names with 1-based positions among same-named siblings. */
function pathOf(element: XmlElement): string {
  if (!element.parent) return element.name;
  let position = element.position;
  if (position === 0) {
    position = 1;
    for (const sibling of element.parent.children) {
      if (sibling === element) break;
      if (sibling.name === element.name) position++;
    }
  }
  return `${pathOf(element.parent)}/${element.name}[${position}]`;
}

/** Shared by every element without children (most of them), replaced by a real array on the first child. */
const NO_CHILDREN: XmlElement[] = Object.freeze([]) as unknown as XmlElement[];

class Element implements XmlElement {
  children: XmlElement[] = NO_CHILDREN;
  text = '';
  constructor(
    readonly name: string,
    readonly attributes: Record<string, string>,
    readonly line: number,
    readonly parent: XmlElement | undefined,
    readonly position: number,
  ) {}
  get path(): string {
    return pathOf(this);
  }
}

function makeElement(name: string, attributes: Record<string, string>, line: number, parent: XmlElement | undefined, position: number): XmlElement {
  return new Element(name, attributes, line, parent, position);
}

/** The tokenizer handler that builds the element trees and hands each complete child of the root to `onChild`. */
function topLevelHandler(file: string, rootName: string, onChild: (element: XmlElement) => void): XmlHandler {
  const stack: XmlElement[] = [];
  // How many top-level elements of each name came so far (for the positions in paths).
  const topLevelCounts = new Map<string, number>();
  return {
    open(name, attributes, line) {
      if (stack.length === 0) {
        if (name !== rootName) throw new ParseError(`the root element is <${name}>, expected <${rootName}>`, { file, line, element: name });
        stack.push(makeElement(name, attributes, line, undefined, 0));
        return;
      }
      const parent = stack[stack.length - 1]!;
      let position = 0;
      if (stack.length === 1) {
        position = (topLevelCounts.get(name) ?? 0) + 1;
        topLevelCounts.set(name, position);
      }
      const element = makeElement(name, attributes, line, parent, position);
      if (stack.length > 1) {
        if (parent.children === NO_CHILDREN) {
          parent.text = '';
          parent.children = [];
        }
        parent.children.push(element);
      }
      stack.push(element);
    },
    close() {
      const element = stack.pop()!;
      if (stack.length === 1) onChild(element);
    },
    text(reader, start, end) {
      if (stack.length < 2) return;
      const element = stack[stack.length - 1]!;
      if (element.children.length === 0) element.text += reader.read(start, end);
    },
  };
}

/**
 * Parses a document held in one string whose root must be `rootName` and hands each complete child of the root
 * to `onChild`, in document order.
 */
export function readTopLevelElements(source: string, file: string, rootName: string, onChild: (element: XmlElement) => void): void {
  tokenizeXml(source, file, topLevelHandler(file, rootName, onChild));
}

/**
 * The same over a document read as byte chunks (`FileTree.stream`), for files of any size; `onBytes` gets the
 * bytes read so far.
 */
export async function streamTopLevelElements(
  chunks: AsyncIterable<Uint8Array>,
  file: string,
  rootName: string,
  onChild: (element: XmlElement) => void,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  await tokenizeXmlStream(chunks, file, topLevelHandler(file, rootName, onChild), onBytes);
}

/** The first child with this name. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  for (const candidate of element.children) if (candidate.name === name) return candidate;
  return undefined;
}

/** The text of the first child with this name, or undefined. */
export function childText(element: XmlElement, name: string): string | undefined {
  const found = child(element, name);
  return found ? found.text : undefined;
}
