// Reads a JSON object file (COCO, Datumaro) as its top-level sections without holding the whole text or the whole
// parsed tree: a byte scanner finds the top-level keys and cuts top-level arrays into batches of whole elements, and
// only each batch goes through the native JSON.parse. Small files take the plain JSON.parse path.
import { ParseError } from '@annoconv/core';

export interface SectionHandler {
  /** A batch of consecutive elements of the top-level array `key`; `firstIndex` is the index of `elements[0]`. */
  elements(key: string, elements: unknown[], firstIndex: number): void;
  /** A top-level value that is not an array (`info`, or a section of the wrong type). */
  value(key: string, value: unknown): void;
}

export interface SectionOptions {
  /**
   * What the JSON paths of errors start with: `'$'` names an element `$.items[3]`; without it, `items[3]` (COCO's
   * style). The whole object is `'$'` either way.
   */
  root?: string;
}

/** Files of at least this many bytes are worth streaming rather than parsing whole (COCO's and Datumaro's default). */
export const DEFAULT_JSON_STREAM_THRESHOLD = 16 * 1024 * 1024;

const decoder = new TextDecoder('utf-8');
/** Upper bound of the text handed to one JSON.parse call. */
const BATCH_BYTES = 1 << 20;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const NEWLINE = 0x0a;

const KIND_QUOTE = 1;
const KIND_OPEN = 2;
const KIND_CLOSE = 3;
const KIND_COMMA = 4;
const KIND_NEWLINE = 5;
/** What each byte means to the array scanner; 0 = nothing. */
const BYTE_KIND = new Uint8Array(256);
BYTE_KIND[QUOTE] = KIND_QUOTE;
BYTE_KIND[OPEN_OBJECT] = KIND_OPEN;
BYTE_KIND[OPEN_ARRAY] = KIND_OPEN;
BYTE_KIND[CLOSE_OBJECT] = KIND_CLOSE;
BYTE_KIND[CLOSE_ARRAY] = KIND_CLOSE;
BYTE_KIND[COMMA] = KIND_COMMA;
BYTE_KIND[NEWLINE] = KIND_NEWLINE;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Parses text as a whole and hands its top-level sections to the handler (the path for small files). */
export function parseSections(text: string, file: string, handler: SectionHandler): void {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw new ParseError(`invalid JSON: ${(error as Error).message}`, { file, ...lineOf(text, error) }, { cause: error });
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) throw new ParseError('expected a JSON object at the top level', { file, jsonPath: '$' });
  for (const [key, value] of Object.entries(root)) {
    if (Array.isArray(value)) handler.elements(key, value, 0);
    else handler.value(key, value);
  }
}

function lineOf(text: string, error: unknown): { line?: number } {
  const match = /position (\d+)/.exec((error as Error).message);
  if (!match) return {};
  const position = Number(match[1]);
  let line = 1;
  for (let index = 0; index < position && index < text.length; index++) if (text.charCodeAt(index) === NEWLINE) line++;
  return { line };
}

/** A file's bytes without a leading UTF-8 byte order mark (parseSections' TextDecoder-decoded text has none either). */
async function* withoutBom(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  // The mark's three bytes may come in more than one chunk.
  let head = new Uint8Array(0);
  let checked = false;
  for await (const chunk of chunks) {
    if (checked) {
      yield chunk;
      continue;
    }
    const joined = new Uint8Array(head.length + chunk.length);
    joined.set(head);
    joined.set(chunk, head.length);
    head = joined;
    if (head.length < 3) continue;
    checked = true;
    yield head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
  }
  if (!checked && head.length > 0) yield head;
}

type Phase = 'start' | 'key' | 'colon' | 'value' | 'scalar' | 'array' | 'after' | 'end';

/**
 * Streams a JSON object from byte chunks and hands each top-level section to the handler: arrays in batches of
 * whole elements, other values whole. Throws ParseError naming the file, line and JSON path on bad or truncated
 * input.
 */
export async function streamSections(source: AsyncIterable<Uint8Array>, file: string, handler: SectionHandler, options: SectionOptions = {}): Promise<void> {
  const chunks = withoutBom(source);
  const root = options.root;
  /** The JSON path of a place inside the top-level value `key` (`path` starts with the key). */
  const at = (path: string): string => (root ? `${root}.${path}` : path);
  let buffer: Uint8Array = new Uint8Array(0);
  /** Offset in `buffer` where the not yet handed-out text starts. */
  let start = 0;
  let phase = 'start' as Phase;
  let key = '';
  let depth = 0; // nesting inside the current top-level value
  let inString = false;
  let line = 1;
  let startLine = 1;
  let elementIndex = 0; // index of the first element of the pending batch
  let batchElements = 0; // elements completed since `start` (separators seen at depth 1)
  let lastSeparator = -1; // offset of the last depth-1 comma in the pending batch
  let separatorLine = 1;
  let expectKey = true;
  let escaped = false;

  // The elements from..to parsed as one array. The bytes around them are separators ('[' or ',' before, ',' or ']'
  // after), lent as the array's brackets for the decode and put back: JSON.parse of `[${text}]` would first copy the
  // concatenation, which made decoding and parsing 15 % slower.
  const parse = (from: number, to: number, atIndex: number): unknown[] => {
    let text: string;
    if (from > 0) {
      const before = buffer[from - 1]!;
      const after = buffer[to]!;
      buffer[from - 1] = OPEN_ARRAY;
      buffer[to] = CLOSE_ARRAY;
      text = decoder.decode(buffer.subarray(from - 1, to + 1));
      buffer[from - 1] = before;
      buffer[to] = after;
    } else text = `[${decoder.decode(buffer.subarray(from, to))}]`;
    try {
      return JSON.parse(text) as unknown[];
    } catch (error) {
      throw locateBadElement(text.slice(1, -1), file, at(key), atIndex, startLine, error);
    }
  };

  const flush = (to: number, nextStart: number, nextLine: number, last = false): void => {
    const elements = parse(start, to, elementIndex);
    // An empty array is still announced once, so handlers know the section exists.
    if (elements.length > 0 || (last && elementIndex === 0)) handler.elements(key, elements, elementIndex);
    elementIndex += elements.length;
    start = nextStart;
    startLine = nextLine;
    batchElements = 0;
    lastSeparator = -1;
  };

  for await (const chunk of chunks) {
    if (start < buffer.length) {
      // The byte before the pending text comes along: it is the separator parse() lends as '['.
      const keep = start > 0 ? 1 : 0;
      const joined = new Uint8Array(buffer.length - start + keep + chunk.length);
      joined.set(buffer.subarray(start - keep), 0);
      joined.set(chunk, buffer.length - start + keep);
      if (lastSeparator >= 0) lastSeparator -= start - keep;
      const scanFrom = buffer.length - start + keep;
      buffer = joined;
      start = keep;
      scan(scanFrom);
    } else {
      buffer = chunk;
      start = 0;
      lastSeparator = -1;
      scan(0);
    }
    // Hand out the whole elements collected so far, so the leftover carried into the next chunk stays small.
    if (phase === 'array' && lastSeparator >= 0) flush(lastSeparator, lastSeparator + 1, separatorLine);
    else if (phase === 'after' || phase === 'colon' || phase === 'start' || phase === 'end') start = buffer.length;
  }
  if (phase !== 'end') {
    const where = phase === 'array' ? at(`${key}[${elementIndex + batchElements}]`) : key ? at(key) : '$';
    throw new ParseError('unexpected end of JSON (the file is truncated)', { file, line, jsonPath: where });
  }

  function scan(from: number): void {
    const bytes = buffer;
    const length = bytes.length;
    let index = from;
    while (index < length) {
      if (inString) {
        // Finish the string; an escape may straddle two chunks, hence the `escaped` state.
        for (; index < length; index++) {
          const byte = bytes[index]!;
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) break;
          else if (byte === NEWLINE) line++;
        }
        if (index >= length) return;
        inString = false;
        index++;
        if (phase === 'key') {
          key = JSON.parse(decoder.decode(bytes.subarray(start, index))) as string;
          phase = 'colon';
        } else if (phase === 'scalar' && depth === 0) emitValue(index);
        continue;
      }
      if (phase === 'array') {
        // The hot loop: most bytes are digits, letters and punctuation that change nothing.
        let level = depth;
        for (; index < length; index++) {
          const kind = BYTE_KIND[bytes[index]!]!;
          if (kind === 0) continue;
          if (kind === KIND_QUOTE) break;
          if (kind === KIND_OPEN) level++;
          else if (kind === KIND_CLOSE) {
            level--;
            if (level === 0) break;
          } else if (kind === KIND_COMMA) {
            if (level === 1) {
              batchElements++;
              lastSeparator = index;
              separatorLine = line;
              if (index - start > BATCH_BYTES) flush(index, index + 1, line);
            }
          } else line++;
        }
        depth = level;
        if (index >= length) return;
        if (bytes[index] === QUOTE) {
          inString = true;
          index++;
          continue;
        }
        if (bytes[index] !== CLOSE_ARRAY) throw new ParseError(`mismatched '}' in '${key}'`, { file, line, jsonPath: at(`${key}[${elementIndex + batchElements}]`) });
        flush(index, index + 1, line, true);
        phase = 'after';
        start = index + 1;
        index++;
        continue;
      }
      const byte = bytes[index]!;
      if (byte === NEWLINE) {
        line++;
        index++;
        continue;
      }
      if (isSpace(byte)) {
        index++;
        continue;
      }
      switch (phase) {
        case 'start':
          if (byte !== OPEN_OBJECT) throw new ParseError('expected a JSON object at the top level', { file, line, jsonPath: '$' });
          phase = 'after';
          expectKey = true;
          break;
        case 'after':
          if (byte === CLOSE_OBJECT) phase = 'end';
          else if (byte === COMMA && !expectKey) expectKey = true;
          else if (byte === QUOTE && expectKey) {
            phase = 'key';
            start = index;
            inString = true;
            expectKey = false;
          } else throw new ParseError(`unexpected '${String.fromCharCode(byte)}' between top-level keys`, { file, line, jsonPath: key ? at(key) : '$' });
          break;
        case 'colon':
          if (byte !== COLON) throw new ParseError(`expected ':' after key '${key}'`, { file, line, jsonPath: at(key) });
          phase = 'value';
          break;
        case 'value':
          if (byte === OPEN_ARRAY) {
            phase = 'array';
            depth = 1;
            start = index + 1;
            startLine = line;
            elementIndex = 0;
            batchElements = 0;
            lastSeparator = -1;
          } else {
            phase = 'scalar';
            depth = 0;
            start = index;
            startLine = line;
            if (byte === OPEN_OBJECT) depth = 1;
            else if (byte === QUOTE) inString = true;
          }
          break;
        case 'scalar':
          if (depth > 0) {
            if (byte === QUOTE) inString = true;
            else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
            else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
              depth--;
              if (depth === 0) emitValue(index + 1);
            }
          } else if (byte === COMMA || byte === CLOSE_OBJECT) {
            emitValue(index);
            continue; // the separator is handled in the 'after' phase
          }
          break;
        default:
          throw new ParseError('unexpected data after the top-level object', { file, line, jsonPath: '$' });
      }
      index++;
    }
  }

  function emitValue(end: number): void {
    const text = decoder.decode(buffer.subarray(start, end));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ParseError(`invalid JSON value: ${(error as Error).message}`, { file, line: startLine, jsonPath: at(key) }, { cause: error });
    }
    handler.value(key, value);
    phase = 'after';
    start = end;
  }
}

/** Finds which element of a batch is malformed, for an error that names it (`path` is the array's JSON path). */
function locateBadElement(text: string, file: string, path: string, firstIndex: number, firstLine: number, cause: unknown): ParseError {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let elementStart = 0;
  let elementLine = firstLine;
  let line = firstLine;
  let index = firstIndex;
  for (let at = 0; at <= text.length; at++) {
    const code = at < text.length ? text.charCodeAt(at) : COMMA;
    if (inString) {
      if (escaped) escaped = false;
      else if (code === BACKSLASH) escaped = true;
      else if (code === QUOTE) inString = false;
      if (code === NEWLINE) line++;
      continue;
    }
    if (code === NEWLINE) line++;
    else if (code === QUOTE) inString = true;
    else if (code === OPEN_OBJECT || code === OPEN_ARRAY) depth++;
    else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) depth--;
    else if (code === COMMA && depth === 0) {
      const piece = text.slice(elementStart, at);
      try {
        JSON.parse(piece);
      } catch (error) {
        const leading = /^\s*/.exec(piece)![0];
        const lineOfElement = elementLine + leading.split('\n').length - 1;
        return new ParseError(`invalid JSON: ${(error as Error).message}`, { file, line: lineOfElement, jsonPath: `${path}[${index}]` }, { cause: error });
      }
      index++;
      elementStart = at + 1;
      elementLine = line;
    }
  }
  return new ParseError(`invalid JSON: ${(cause as Error).message}`, { file, line: firstLine, jsonPath: `${path}[${firstIndex}]` }, { cause });
}
