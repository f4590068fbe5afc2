// Reading one LabelMe annotation XML: well-formedness (with the line of the fault), the `<annotation>` root and
// the schema, every problem a ParseError naming the file, the element path and its line.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LineIndex, ParseError, xmlSchemaError } from '@annoconv/core';
import { documentSchema, REPEATED_ELEMENTS, type LabelMeAnnotation } from './schema.js';

export interface ParsedAnnotation {
  annotation: LabelMeAnnotation;
  /** The 1-based line of each `<object>`. */
  objectLines: number[];
}

const metadata = XMLParser.getMetaDataSymbol() as unknown as symbol;

function startOf(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  return (node as Record<symbol, { startIndex?: number } | undefined>)[metadata]?.startIndex;
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
  const lines = new LineIndex(text);
  if (!('annotation' in raw)) throw new ParseError(`root element is <${Object.keys(raw)[0] ?? 'none'}>, not <annotation>`, { file });
  const result = documentSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw xmlSchemaError(issue.message, issue.path, raw, file, lines, startOf);
  }
  const rawObjects = ((raw.annotation as Record<string, unknown>).object as unknown[] | undefined) ?? [];
  return { annotation: result.data.annotation, objectLines: rawObjects.map((object) => lines.lineAt(startOf(object) ?? 0)) };
}
