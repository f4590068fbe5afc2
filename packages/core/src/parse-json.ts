// JSON.parse with a ParseError that names the file, line and column instead of a bare SyntaxError. Node's own
// messages do not always give a position, so on failure a small scanner finds where the text stops being JSON.
import { ParseError } from './errors.js';

/** Line and column (both 1-based) of a character offset in a text. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first character that makes `text` invalid JSON, and what was expected there. */
export function findJsonError(text: string): { offset: number; expected: string } | undefined {
  let position = 0;
  const fail = (expected: string): never => {
    throw { offset: position, expected };
  };
  const skipSpace = (): void => {
    while (position < text.length && ' \t\n\r'.includes(text[position]!)) position++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, position)) position += word.length;
    else fail(`'${word}'`);
  };
  const string = (): void => {
    position++;
    while (position < text.length) {
      const char = text[position]!;
      if (char === '"') {
        position++;
        return;
      }
      if (char === '\\') position += text[position + 1] === 'u' ? 6 : 2;
      else if (char < ' ') fail('a closing quote');
      else position++;
    }
    fail('a closing quote');
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(position, position + 400));
    if (!match || match[0] === '' || match[0] === '-') fail('a value');
    position += match![0].length;
  };
  const value = (depth: number): void => {
    if (depth > 10_000) fail('less nesting');
    skipSpace();
    const char = text[position];
    if (char === '{') {
      position++;
      skipSpace();
      if (text[position] === '}') {
        position++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[position] !== '"') fail('a property name in double quotes');
        string();
        skipSpace();
        if (text[position] !== ':') fail("':'");
        position++;
        value(depth + 1);
        skipSpace();
        if (text[position] === ',') position++;
        else if (text[position] === '}') {
          position++;
          return;
        } else fail("',' or '}'");
      }
    } else if (char === '[') {
      position++;
      skipSpace();
      if (text[position] === ']') {
        position++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skipSpace();
        if (text[position] === ',') position++;
        else if (text[position] === ']') {
          position++;
          return;
        } else fail("',' or ']'");
      }
    } else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else if (char !== undefined && /[-\d]/.test(char)) number();
    else fail('a value');
  };
  try {
    value(0);
    skipSpace();
    if (position < text.length) fail('the end of the text');
    return undefined;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error) return error as { offset: number; expected: string };
    throw error;
  }
}

export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const found = findJsonError(text) ?? { offset: text.length, expected: 'valid JSON' };
    const { line, column } = lineAndColumn(text, found.offset);
    const reason = found.offset >= text.length ? `unexpected end of JSON, expected ${found.expected} (truncated file?)` : `invalid JSON: expected ${found.expected}`;
    throw new ParseError(reason, { file, line, column }, { cause: error });
  }
}
