// A small SAX-style XML tokenizer: start tags with attributes, end tags and text, each with its line. It never
// expands entities beyond the five predefined ones and numeric references, and refuses DTDs (`<!DOCTYPE`,
// `<!ENTITY`) outright, so entity-expansion attacks cannot happen. It takes the document in pieces of any size
// (tag stack, line and root kept between them), hands out only complete tokens, and walks each piece with
// indexOf, keeping no tree.
import { ParseError } from '@annoconv/core';

export interface TextReader {
  read(start: number, end: number): string;
}

export interface XmlHandler {
  open(name: string, attributes: Record<string, string>, line: number, selfClosing: boolean): void;
  close(name: string): void;
  /**
   * Text between tags at [start, end); `text.read(start, end)` slices and decodes it, so handlers that ignore the
   * whitespace between elements allocate nothing.
   */
  text(text: TextReader, start: number, end: number): void;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces XML character references; anything else (a named entity a DTD would define) is an error. */
export function decodeEntities(value: string, file: string, line: number): string {
  if (value.indexOf('&') < 0) return value;
  return value.replace(/&([^;&\s]{0,32});/g, (match, name: string, offset: number) => {
    const known = PREDEFINED[name];
    if (known !== undefined) return known;
    if (name.startsWith('#x') || name.startsWith('#X')) {
      const code = Number.parseInt(name.slice(2), 16);
      if (Number.isFinite(code) && code <= 0x10ffff) return String.fromCodePoint(code);
    } else if (name.startsWith('#')) {
      const code = Number.parseInt(name.slice(1), 10);
      if (Number.isFinite(code) && code <= 0x10ffff) return String.fromCodePoint(code);
    }
    let entityLine = line;
    for (let index = value.indexOf('\n'); index >= 0 && index < offset; index = value.indexOf('\n', index + 1)) entityLine++;
    throw new ParseError(`unknown entity '${match}' (entities are not expanded)`, { file, line: entityLine });
  });
}

function isNameChar(code: number): boolean {
  // Letters, digits, '_', '-', '.', ':' and every non-ASCII character.
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45 || code === 46 || code === 58 || code > 127
  );
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}

/** Thrown inside `write` when the token at hand may continue past the end of the piece. */
const NEED_MORE: unique symbol = Symbol('need more text');

/** Strings this long are kept by V8 as views into the string they were sliced from. */
const SLICE_VIEW_LENGTH = 13;

/**
 * A copy of `value` that does not keep the piece it was sliced from alive: V8 makes a slice of 13 characters
 * or more a view of its parent, so a frame name kept in the dataset would otherwise pin a whole piece of the
 * document (and so, one name per piece, the whole file).
 */
export function detach(value: string): string {
  return value.length < SLICE_VIEW_LENGTH ? value : (' ' + value).slice(1);
}

export interface XmlTokenizer {
  /**
   * Tokenizes `source`, the text that follows what earlier calls consumed, and returns how many of its
   * characters were consumed: every complete token. A token that may run past the end of `source` (a tag, a
   * comment, or text not yet followed by '<') is left for the next call, which gets it again in front of the
   * following text, so handlers see each token whole and errors come out as for the whole document. With
   * `final`, `source` is the rest of the document: everything is consumed and the end is checked.
   */
  write(source: string, final: boolean): number;
}

/** A tokenizer for one document; it checks that tags nest and that there is exactly one root. */
export function createXmlTokenizer(file: string, handler: XmlHandler): XmlTokenizer {
  // State kept between pieces.
  let line = 1;
  let consumedBefore = 0;
  const stack: string[] = [];
  let sawRoot = false;
  let ended = false;
  // Element and attribute names repeat endlessly (`box`, `xtl`, …): reuse one string per name instead of slicing
  // a new one each time, which is most of the tokenizer's garbage.
  const names: string[][] = [];

  // The piece being read. The helpers below are made once, not per piece, so the optimizing compiler sees the
  // same call targets from piece to piece.
  let source = '';
  let final = false;
  /** How far lines are counted in `source`. */
  let lineScan = 0;

  // Lines are counted lazily up to the current position; positions only move forward, so this stays O(n).
  const lineAt = (offset: number): number => {
    if (offset <= lineScan) return line;
    let index = source.indexOf('\n', lineScan);
    while (index >= 0 && index < offset) {
      line++;
      index = source.indexOf('\n', index + 1);
    }
    lineScan = offset;
    return line;
  };
  const fail = (message: string, offset: number, element?: string): never => {
    throw new ParseError(message, { file, line: lineAt(offset), ...(element ? { element } : {}) });
  };
  /** A failure inside a tag decided by the characters up to `reached` (and the next): in a piece that ends
   * there, more text may make the tag well-formed, so the tag waits for it. */
  const failInTag = (message: string, offset: number, element: string, reached: number): never => {
    if (!final && reached + 1 >= source.length) throw NEED_MORE;
    return fail(message, offset, element);
  };

  const nameAt = (start: number, end: number): string => {
    const length = end - start;
    let bucket = names[length];
    if (bucket === undefined) {
      bucket = [];
      names[length] = bucket;
    }
    for (let index = 0; index < bucket.length; index++) if (source.startsWith(bucket[index]!, start)) return bucket[index]!;
    const name = detach(source.slice(start, end));
    if (bucket.length < 32) bucket.push(name);
    return name;
  };

  const textReader: TextReader = {
    read: (start, end) => detach(decodeEntities(source.slice(start, end), file, lineAt(start))),
  };
  const cdataReader: TextReader = { read: (start, end) => detach(source.slice(start, end)) };

  const write = (piece: string, isFinal: boolean): number => {
    if (ended) throw new Error('the XML tokenizer was already given the end of the document');
    // The loops read `piece`, a register; the helpers read `source`.
    source = piece;
    final = isFinal;
    lineScan = 0;
    let position = 0;
    const length = piece.length;
    /** Where the token being read starts: what is consumed if it turns out to continue past the piece. */
    let tokenStart = 0;

    if (consumedBefore === 0 && piece.charCodeAt(0) === 0xfeff) position = 1;
    try {
      while (position < length) {
        tokenStart = position;
        const lt = piece.indexOf('<', position);
        // Text must reach the handler whole (entities and all), so it waits for the '<' that ends it.
        if (lt < 0 && !final) throw NEED_MORE;
        const textEnd = lt < 0 ? length : lt;
        if (textEnd > position) {
          const start = position;
          if (stack.length > 0) handler.text(textReader, start, textEnd);
          else if (piece.slice(start, textEnd).trim() !== '') fail('text outside the root element', start);
        }
        if (lt < 0) break;
        tokenStart = lt;
        // `<![CDATA[` is the longest opening that decides a token's kind.
        if (!final && lt + 9 > length) throw NEED_MORE;
        const next = piece.charCodeAt(lt + 1);
        if (next === 63 /* ? */) {
          const end = piece.indexOf('?>', lt + 2);
          if (end < 0) {
            if (!final) throw NEED_MORE;
            fail('unterminated processing instruction', lt);
          }
          position = end + 2;
          continue;
        }
        if (next === 33 /* ! */) {
          if (piece.startsWith('<!--', lt)) {
            const end = piece.indexOf('-->', lt + 4);
            if (end < 0) {
              if (!final) throw NEED_MORE;
              fail('unterminated comment', lt);
            }
            position = end + 3;
            continue;
          }
          if (piece.startsWith('<![CDATA[', lt)) {
            const end = piece.indexOf(']]>', lt + 9);
            if (end < 0) {
              if (!final) throw NEED_MORE;
              fail('unterminated CDATA section', lt);
            }
            if (stack.length === 0) fail('CDATA outside the root element', lt);
            handler.text(cdataReader, lt + 9, end);
            position = end + 3;
            continue;
          }
          fail('document type declarations and entity definitions are not allowed', lt);
        }
        if (next === 47 /* / */) {
          let cursor = lt + 2;
          while (cursor < length && isNameChar(piece.charCodeAt(cursor))) cursor++;
          const name = nameAt(lt + 2, cursor);
          while (cursor < length && isSpace(piece.charCodeAt(cursor))) cursor++;
          if (piece.charCodeAt(cursor) !== 62) failInTag(`malformed end tag </${name}>`, lt, name, cursor);
          const open = stack.pop();
          if (open !== name) fail(open === undefined ? `unexpected end tag </${name}>` : `end tag </${name}> does not match <${open}>`, lt, name);
          handler.close(name);
          position = cursor + 1;
          continue;
        }
        // Start tag.
        let cursor = lt + 1;
        while (cursor < length && isNameChar(piece.charCodeAt(cursor))) cursor++;
        const name = nameAt(lt + 1, cursor);
        if (name === '') fail("'<' not followed by a tag name", lt);
        const tagLine = lineAt(lt);
        // A plain object keeps V8's fast properties (attribute order repeats, so hidden classes are shared);
        // `__proto__` is defined as an own property so it stays just a name.
        const attributes: Record<string, string> = {};
        let selfClosing = false;
        for (;;) {
          const spaceStart = cursor;
          while (cursor < length && isSpace(piece.charCodeAt(cursor))) cursor++;
          const code = piece.charCodeAt(cursor);
          if (code === 62 /* > */) {
            cursor++;
            break;
          }
          if (code === 47 /* / */ && piece.charCodeAt(cursor + 1) === 62) {
            selfClosing = true;
            cursor += 2;
            break;
          }
          if (cursor >= length) failInTag(`unterminated start tag <${name}>`, lt, name, cursor);
          if (cursor === spaceStart) failInTag(`malformed start tag <${name}>`, cursor, name, cursor);
          const nameStart = cursor;
          while (cursor < length && isNameChar(piece.charCodeAt(cursor))) cursor++;
          const attributeName = nameAt(nameStart, cursor);
          if (attributeName === '') failInTag(`malformed attribute in <${name}>`, cursor, name, cursor);
          while (cursor < length && isSpace(piece.charCodeAt(cursor))) cursor++;
          if (piece.charCodeAt(cursor) !== 61 /* = */) failInTag(`attribute '${attributeName}' of <${name}> has no value`, cursor, name, cursor);
          cursor++;
          while (cursor < length && isSpace(piece.charCodeAt(cursor))) cursor++;
          const quote = piece.charCodeAt(cursor);
          if (quote !== 34 && quote !== 39) failInTag(`attribute '${attributeName}' of <${name}> is not quoted`, cursor, name, cursor);
          const valueEnd = piece.indexOf(quote === 34 ? '"' : "'", cursor + 1);
          if (valueEnd < 0) failInTag(`unterminated attribute '${attributeName}' of <${name}>`, cursor, name, length);
          const raw = piece.slice(cursor + 1, valueEnd);
          if (raw.indexOf('<') >= 0) fail(`'<' inside attribute '${attributeName}' of <${name}>`, cursor, name);
          if (Object.prototype.hasOwnProperty.call(attributes, attributeName)) fail(`duplicate attribute '${attributeName}' in <${name}>`, cursor, name);
          const value = detach(decodeEntities(raw, file, tagLine));
          if (attributeName === '__proto__') Object.defineProperty(attributes, attributeName, { value, enumerable: true, writable: true, configurable: true });
          else attributes[attributeName] = value;
          cursor = valueEnd + 1;
        }
        if (stack.length === 0) {
          if (sawRoot) fail(`a second root element <${name}>`, lt, name);
          sawRoot = true;
        }
        handler.open(name, attributes, tagLine, selfClosing);
        if (selfClosing) handler.close(name);
        else stack.push(name);
        position = cursor;
      }
    } catch (error) {
      if (error !== NEED_MORE) throw error;
      position = tokenStart;
    }
    if (final) {
      ended = true;
      if (stack.length > 0) fail(`element <${stack[stack.length - 1]}> is not closed at the end of the file`, length, stack[stack.length - 1]);
      if (!sawRoot) fail('no root element', length);
      return length;
    }
    // The next piece starts at `position`: count the lines up to it.
    lineAt(position);
    consumedBefore += position;
    return position;
  };
  return { write };
}

/** Tokenizes a whole document held in one string and calls the handler. */
export function tokenizeXml(source: string, file: string, handler: XmlHandler): void {
  createXmlTokenizer(file, handler).write(source, true);
}
