import { describe, expect, it } from 'vitest';
import {
  AbortedError, AnnoconvError, FormatNotDetectedError, IoError, LimitExceededError, ParseError, SchemaError, StrictModeError, UnknownFormatError, UnsafePathError,
} from '@annoconv/core';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { describeError } from './report-error.js';

describe('exit codes', () => {
  it('map each error kind to its documented code', () => {
    expect(exitCodeFor(new AnnoconvError('invalid-request', 'x'))).toBe(2);
    expect(exitCodeFor(new UnknownFormatError('x', []))).toBe(3);
    expect(exitCodeFor(new FormatNotDetectedError('x', []))).toBe(3);
    expect(exitCodeFor(new AnnoconvError('unsupported', 'x'))).toBe(3);
    expect(exitCodeFor(new ParseError('x', { file: 'a.json', line: 3 }))).toBe(4);
    expect(exitCodeFor(new SchemaError([{ path: 'a', message: 'b' }]))).toBe(4);
    expect(exitCodeFor(new StrictModeError([]))).toBe(5);
    expect(exitCodeFor(new IoError('x'))).toBe(6);
    expect(exitCodeFor(new LimitExceededError('x'))).toBe(6);
    expect(exitCodeFor(new UnsafePathError('../x'))).toBe(6);
    expect(exitCodeFor(new AbortedError())).toBe(130);
    expect(exitCodeFor(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', syscall: 'open' }))).toBe(6);
    expect(exitCodeFor(new TypeError('bug'))).toBe(EXIT.internal);
  });

  it('messages name the input when the error does not name a file, but not for argument errors', () => {
    expect(describeError(new LimitExceededError('too big'), 'in.zip').message).toBe('in.zip: too big');
    expect(describeError(new ParseError('bad', { file: 'a.xml', line: 4 }), 'in.zip').message).toBe('a.xml:4: bad');
    expect(describeError(new UnknownFormatError('nope', ['coco']), 'in.zip').message).toBe("unknown format 'nope'; known formats: coco");
    expect(describeError(new TypeError('bug'), 'in.zip')).toEqual({ exitCode: 70, code: 'internal', message: 'in.zip: bug' });
  });
});
