import { describe, expect, it } from 'vitest';
import { ParseError } from './errors.js';
import { parseJson } from './parse-json.js';

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{"a": [1, 2]}', 'x.json')).toEqual({ a: [1, 2] });
  });
  it('names the file, line and column of a syntax error', () => {
    try {
      parseJson('{\n  "a": 1,\n  "b": ]\n}', 'bad.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).where).toMatchObject({ file: 'bad.json', line: 3 });
      expect((error as ParseError).message).toMatch(/^bad\.json:3:\d+: /);
    }
  });
  it('reports a truncated file', () => {
    expect(() => parseJson('{"a": [1, 2', 't.json')).toThrow(/truncated/);
  });
});
