// Text-level helpers for YOLO label files: splitting lines into fields, parsing numbers strictly (a typed error
// naming file and line, never NaN) and printing normalized coordinates as `%.6f`, as Datumaro writes them.
import { ParseError } from '@annoconv/core';

export interface TextLine {
  /** 1-based line number in its file. */
  line: number;
  fields: string[];
}

/** Non-blank lines of a text file split on whitespace; CRLF and trailing spaces are tolerated. */
export function splitLines(text: string): TextLine[] {
  const result: TextLine[] = [];
  const rows = text.split('\n');
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!.trim();
    if (row === '') continue;
    result.push({ line: index + 1, fields: row.split(/\s+/) });
  }
  return result;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite float, or a ParseError naming the place (Datumaro fails the import on any unparsable field). */
export function parseFloatField(token: string, file: string, line: number, what: string): number {
  // Decimal notation only: Number() would also take '0x10', '' or 'Infinity', Python's float() 'nan'.
  const value = DECIMAL.test(token) ? Number(token) : Number.NaN;
  if (!Number.isFinite(value)) throw new ParseError(`${what} '${token}' is not a finite number`, { file, line });
  return value;
}

/** A non-negative integer (class id, track id, visibility), or a ParseError. */
export function parseIntegerField(token: string, file: string, line: number, what: string): number {
  if (!/^[+]?\d+$/.test(token)) throw new ParseError(`${what} '${token}' is not a non-negative integer`, { file, line });
  return Number(token);
}

/** `%.6f` of a normalized coordinate. toFixed rounds the exact binary value like C's printf. */
export function formatCoordinate(value: number): string {
  // Python's '%.6f' prints tiny negatives as '-0.000000' and so does toFixed; kept identical to CVAT's files.
  return value.toFixed(6);
}
