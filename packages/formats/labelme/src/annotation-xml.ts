// Reading one LabelMe annotation XML: well-formedness (with the line of the fault), the `<annotation>` root and
// the schema, every problem a ParseError naming the file, the element path and its line.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ParseError } from '@annoconv/core';
import { documentSchema, REPEATED_ELEMENTS, type LabelMeAnnotation } from './schema.js';

export interface ParsedAnnotation {
  annotation: LabelMeAnnotation;
  /** The 1-based line of each `<object>`. */
  objectLines: number[];
}

const metadata = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** Offsets where each line starts, for turning offsets into 1-based lines by binary search. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

function startOf(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  return (node as Record<symbol, { startIndex?: number } | undefined>)[metadata]?.startIndex;
}

function elementPath(path: ReadonlyArray<PropertyKey>): string {
  let element = '';
  for (const key of path) {
    if (typeof key === 'number') element += `[${key + 1}]`;
    else element += (element ? '/' : '') + String(key);
  }
  return element;
}

export function parseAnnotationXml(text: string, file: string): ParsedAnnotation {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ParseError(`malformed XML: ${valid.err.msg}`, { file, line: valid.err.line, column: valid.err.col });
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: false,
    captureMetaData: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // The element path is built only for the two repeated names (building it for every tag is costly).
    isArray: (name: string, jPath: unknown) => (name === 'object' || name === 'pt') && REPEATED_ELEMENTS.has(String(jPath)),
  });
  const raw = parser.parse(text) as Record<string, unknown>;
  const starts = lineStarts(text);
  if (!('annotation' in raw)) throw new ParseError(`root element is <${Object.keys(raw)[0] ?? 'none'}>, not <annotation>`, { file });
  const result = documentSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    let node: unknown = raw;
    let offset: number | undefined;
    for (const key of issue.path) {
      if (typeof node !== 'object' || node === null) break;
      node = (node as Record<PropertyKey, unknown>)[key as PropertyKey];
      offset = startOf(node) ?? offset;
    }
    const element = elementPath(issue.path);
    throw new ParseError(`${element ? `<${element}> ` : ''}${issue.message}`, { file, ...(element ? { element } : {}), ...(offset !== undefined ? { line: lineAt(starts, offset) } : {}) });
  }
  const rawObjects = ((raw.annotation as Record<string, unknown>).object as unknown[] | undefined) ?? [];
  return { annotation: result.data.annotation, objectLines: rawObjects.map((object) => lineAt(starts, startOf(object) ?? 0)) };
}
