// Reading one `Annotations/<id>.xml`: well-formedness (with the line of the fault), the root, and the schema, every
// problem reported as a ParseError naming the file, the element path and its line.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LineIndex, ParseError, xmlSchemaError } from '@annoconv/core';
import { annotationDocumentSchema, REPEATED_ELEMENTS, type VocAnnotation } from './schema.js';

export interface ParsedVocAnnotation {
  annotation: VocAnnotation;
  /** The 1-based line of each `<object>`, for diagnostics. */
  objectLines: number[];
}

const metadata = XMLParser.getMetaDataSymbol() as unknown as symbol;

function startOf(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  return (node as Record<symbol, { startIndex?: number } | undefined>)[metadata]?.startIndex;
}

/** Parses and validates one VOC annotation document. */
export function parseVocAnnotationXml(text: string, file: string): ParsedVocAnnotation {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ParseError(`malformed XML: ${valid.err.msg}`, { file, line: valid.err.line, column: valid.err.col });
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    // Values are kept as written (Datumaro reads element text unstripped); numbers and flags are trimmed by the schema.
    trimValues: false,
    captureMetaData: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (_name: string, jPath: unknown) => REPEATED_ELEMENTS.has(String(jPath)),
  });
  const raw = parser.parse(text) as Record<string, unknown>;
  const lines = new LineIndex(text);
  const result = annotationDocumentSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw xmlSchemaError(issue.message, issue.path, raw, file, lines, startOf);
  }
  const rawObjects = ((raw.annotation as Record<string, unknown> | undefined)?.object as unknown[] | undefined) ?? [];
  const objectLines = rawObjects.map((object) => {
    const offset = startOf(object);
    return offset === undefined ? 0 : lines.lineAt(offset);
  });
  return { annotation: result.data.annotation, objectLines };
}
