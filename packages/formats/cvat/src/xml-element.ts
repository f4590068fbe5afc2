// Small element trees built from the tokenizer's events, one top-level child of the root at a time: a CVAT file
// is a flat list of `<image>` / `<track>` elements, so holding one of them at a time keeps memory flat.
import { ParseError } from '@annoconv/core';
import { tokenizeXml } from './xml-tokenizer.js';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
  /** Element path for messages, e.g. `annotations/image[3]/box[1]` (1-based positions among same-named siblings). */
  path: string;
}

/**
 * Parses a document whose root must be `rootName` and hands each complete child of the root to `onChild`,
 * in document order. Returns the root's attributes.
 */
export function readTopLevelElements(
  source: string,
  file: string,
  rootName: string,
  onChild: (element: XmlElement) => void,
  onProgress?: (offset: number) => void,
): void {
  const stack: XmlElement[] = [];
  // Per open element, how many children of each name it has had so far (for the 1-based positions in paths).
  const counts: Array<Map<string, number>> = [];
  tokenizeXml(
    source,
    file,
    {
      open(name, attributes, line) {
        if (stack.length === 0) {
          if (name !== rootName) throw new ParseError(`the root element is <${name}>, expected <${rootName}>`, { file, line, element: name });
          stack.push({ name, attributes, children: [], text: '', line, path: name });
          counts.push(new Map());
          return;
        }
        const parent = stack[stack.length - 1]!;
        const siblings = counts[counts.length - 1]!;
        const count = (siblings.get(name) ?? 0) + 1;
        siblings.set(name, count);
        const path = `${parent.path}/${name}[${count}]`;
        const element: XmlElement = { name, attributes, children: [], text: '', line, path };
        if (stack.length > 1) parent.children.push(element);
        stack.push(element);
        counts.push(new Map());
      },
      close() {
        const element = stack.pop()!;
        counts.pop();
        if (stack.length === 1) onChild(element);
      },
      text(text) {
        if (stack.length > 1) stack[stack.length - 1]!.text += text;
      },
    },
    onProgress,
  );
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
