// A strict JSON reader for `dataset_meta.json` that keeps the order of object keys as written. JavaScript objects
// list integer-like keys ("0", "10", "2") in numeric order, but Datumaro walks `label_map` in file order, and the
// VOC reader pairs its values with `segmentation_colors` by position, so the order must survive parsing.
import { ParseError } from '@annoconv/core';

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export type OrderedJson = null | boolean | number | string | OrderedJson[] | OrderedJsonObject;

/** A JSON object as written: its members in file order (a repeated key keeps its first place and its last value). */
export class OrderedJsonObject {
  readonly members: Array<[string, OrderedJson]> = [];
  get(key: string): OrderedJson | undefined {
    return this.members.find(([name]) => name === key)?.[1];
  }
  has(key: string): boolean {
    return this.members.some(([name]) => name === key);
  }
  set(key: string, value: OrderedJson): void {
    const existing = this.members.find(([name]) => name === key);
    if (existing) existing[1] = value;
    else this.members.push([key, value]);
  }
}

/**
 * Parses JSON text (RFC 8259, as orjson, Datumaro's parser, accepts it: no NaN, no comments, no trailing commas).
 * A syntax error is a ParseError naming the file, line and column.
 */
export function parseOrderedJson(text: string, file: string): OrderedJson {
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (message: string): never => {
    let line = 1;
    let lineStart = 0;
    for (let index = 0; index < position && index < text.length; index++) {
      if (text.charCodeAt(index) === 10) {
        line++;
        lineStart = index + 1;
      }
    }
    throw new ParseError(`not valid JSON: ${message}`, { file, line, column: position - lineStart + 1 });
  };
  const skipSpace = (): void => {
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) break;
      position++;
    }
  };
  const describe = (): string => (position >= text.length ? 'end of file' : `'${text[position]}'`);

  const parseString = (): string => {
    // From the opening quote; JSON.parse decodes the escapes of the exact slice once its end is found.
    const start = position++;
    while (position < text.length) {
      const code = text.charCodeAt(position);
      if (code === 0x22) {
        position++;
        try {
          return JSON.parse(text.slice(start, position)) as string;
        } catch {
          position = start;
          return fail('bad escape or control character in string');
        }
      }
      if (code === 0x5c) position += 2;
      else if (code < 0x20) return fail('control character in string');
      else position++;
    }
    return fail('unterminated string');
  };

  const parseValue = (depth: number): OrderedJson => {
    if (depth > 512) return fail('nesting too deep');
    skipSpace();
    const char = text[position];
    if (char === '{') {
      position++;
      const object = new OrderedJsonObject();
      skipSpace();
      if (text[position] === '}') {
        position++;
        return object;
      }
      for (;;) {
        skipSpace();
        if (text[position] !== '"') return fail(`expected a quoted key, found ${describe()}`);
        const key = parseString();
        skipSpace();
        if (text[position] !== ':') return fail(`expected ':', found ${describe()}`);
        position++;
        object.set(key, parseValue(depth + 1));
        skipSpace();
        if (text[position] === ',') {
          position++;
          continue;
        }
        if (text[position] === '}') {
          position++;
          return object;
        }
        return fail(`expected ',' or '}', found ${describe()}`);
      }
    }
    if (char === '[') {
      position++;
      const array: OrderedJson[] = [];
      skipSpace();
      if (text[position] === ']') {
        position++;
        return array;
      }
      for (;;) {
        array.push(parseValue(depth + 1));
        skipSpace();
        if (text[position] === ',') {
          position++;
          continue;
        }
        if (text[position] === ']') {
          position++;
          return array;
        }
        return fail(`expected ',' or ']', found ${describe()}`);
      }
    }
    if (char === '"') return parseString();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, position)) {
        position += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = position;
    const number = NUMBER.exec(text);
    if (number) {
      position += number[0].length;
      return Number(number[0]);
    }
    return fail(`unexpected ${describe()}`);
  };

  const value = parseValue(0);
  skipSpace();
  if (position < text.length) fail(`unexpected ${describe()} after the end of the document`);
  return value;
}
