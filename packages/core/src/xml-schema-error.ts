// The ParseError of a schema issue in a parsed XML tree: the issue's element path, and the line of the deepest
// element on that path whose position the parser kept (formats that parse XML into plain objects share it).
import { ParseError } from './errors.js';
import { elementPath, type LineIndex } from './text-positions.js';

export function xmlSchemaError(
  message: string,
  path: ReadonlyArray<PropertyKey>,
  tree: unknown,
  file: string,
  lines: LineIndex,
  offsetOf: (node: unknown) => number | undefined,
): ParseError {
  let node = tree;
  let offset: number | undefined;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) break;
    node = (node as Record<PropertyKey, unknown>)[key];
    offset = offsetOf(node) ?? offset;
  }
  const element = elementPath(path);
  return new ParseError(`${element ? `<${element}> ` : ''}${message}`, { file, ...(element ? { element } : {}), ...(offset !== undefined ? { line: lines.lineAt(offset) } : {}) });
}
