// Streams a multipart/form-data request to disk: file parts go to files in an upload folder the server chose
// (the client's file name only lends its sanitised base name, so a request path never reaches the file system),
// small fields are kept in memory, and the whole body is bounded.
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { AnnoconvError, LimitExceededError } from '@annoconv/core';

export interface UploadedFile {
  field: string;
  /** The sanitised base name of the client's file name (keeps the extension detection needs). */
  filename: string;
  path: string;
  size: number;
}

export interface MultipartResult {
  fields: Record<string, string>;
  files: UploadedFile[];
}

export interface MultipartOptions {
  /** Folder the files are written to; must exist and belong to this request alone. */
  dir: string;
  maxBytes: number;
  /** Fields that may carry a file; any other file part is refused. */
  fileFields: readonly string[];
  maxFieldBytes?: number;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** A client's file name reduced to a safe base name: no folders, no dots first, plain characters. */
export function sanitizeFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '').slice(-120);
  return clean.length > 0 ? clean : 'upload';
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /^multipart\/form-data\b.*?;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]) : undefined;
}

function parseDisposition(headers: string): { name?: string; filename?: string } {
  const line = headers.split('\r\n').find((candidate) => /^content-disposition:/i.test(candidate)) ?? '';
  const name = /\bname="([^"]*)"/i.exec(line)?.[1];
  const filename = /\bfilename="([^"]*)"/i.exec(line)?.[1];
  return { ...(name !== undefined ? { name } : {}), ...(filename !== undefined ? { filename } : {}) };
}

function writeChunk(stream: WriteStream, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });
}

/** Reads the body; throws LimitExceededError past `maxBytes` and an invalid-request error on malformed input. */
export async function receiveMultipart(body: ReadableStream<Uint8Array> | null, contentType: string | undefined, options: MultipartOptions): Promise<MultipartResult> {
  const boundary = boundaryOf(contentType);
  if (!boundary || !body) throw new AnnoconvError('invalid-request', 'expected a multipart/form-data body');
  const opening = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const maxFieldBytes = options.maxFieldBytes ?? 64 * 1024;
  const result: MultipartResult = { fields: {}, files: [] };
  let buffer = Buffer.alloc(0);
  let total = 0;
  let state = 'preamble' as 'preamble' | 'after-boundary' | 'headers' | 'body' | 'done';
  let part: { name: string; file?: UploadedFile; stream?: WriteStream; chunks: Buffer[]; size: number } | undefined;
  const openStreams: WriteStream[] = [];

  const emit = async (chunk: Buffer): Promise<void> => {
    if (!part || chunk.length === 0) return;
    part.size += chunk.length;
    if (part.stream) {
      part.file!.size += chunk.length;
      await writeChunk(part.stream, chunk);
    } else {
      if (part.size > maxFieldBytes) throw new LimitExceededError(`form field '${part.name}' is larger than ${maxFieldBytes} bytes`);
      part.chunks.push(chunk);
    }
  };
  const endPart = async (): Promise<void> => {
    if (!part) return;
    if (part.stream) {
      await closeStream(part.stream);
      result.files.push(part.file!);
    } else result.fields[part.name] = Buffer.concat(part.chunks).toString('utf8');
    part = undefined;
  };

  // Consumes as much of `buffer` as the state machine can; returns when it needs more bytes.
  const step = async (final: boolean): Promise<void> => {
    for (;;) {
      if (state === 'preamble') {
        const at = buffer.indexOf(opening);
        if (at < 0) {
          if (final) throw new AnnoconvError('invalid-request', 'multipart body has no boundary');
          return;
        }
        buffer = buffer.subarray(at + opening.length);
        state = 'after-boundary';
      } else if (state === 'after-boundary') {
        if (buffer.length < 2) {
          if (final) throw new AnnoconvError('invalid-request', 'multipart body ends early');
          return;
        }
        if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
          state = 'done';
          return;
        }
        if (!buffer.subarray(0, 2).equals(CRLF)) throw new AnnoconvError('invalid-request', 'malformed multipart boundary');
        buffer = buffer.subarray(2);
        state = 'headers';
      } else if (state === 'headers') {
        const at = buffer.indexOf(HEADER_END);
        if (at < 0) {
          if (buffer.length > 16 * 1024) throw new AnnoconvError('invalid-request', 'multipart part headers are too long');
          if (final) throw new AnnoconvError('invalid-request', 'multipart body ends early');
          return;
        }
        const disposition = parseDisposition(buffer.subarray(0, at).toString('utf8'));
        buffer = buffer.subarray(at + HEADER_END.length);
        const name = disposition.name ?? '';
        part = { name, chunks: [], size: 0 };
        if (disposition.filename !== undefined) {
          if (!options.fileFields.includes(name)) throw new AnnoconvError('invalid-request', `unexpected file field '${name}'`);
          const filename = sanitizeFilename(disposition.filename);
          // One file per field; the folder is this request's own, so the name cannot collide with anything else.
          if (result.files.some((file) => file.field === name)) throw new AnnoconvError('invalid-request', `more than one file in field '${name}'`);
          const path = join(options.dir, `${name}-${filename}`);
          part.file = { field: name, filename, path, size: 0 };
          part.stream = createWriteStream(path, { flags: 'wx' });
          openStreams.push(part.stream);
        }
        state = 'body';
      } else if (state === 'body') {
        const at = buffer.indexOf(delimiter);
        if (at >= 0) {
          await emit(buffer.subarray(0, at));
          buffer = buffer.subarray(at + delimiter.length);
          await endPart();
          state = 'after-boundary';
          continue;
        }
        if (final) throw new AnnoconvError('invalid-request', 'multipart body ends early');
        const keep = delimiter.length - 1;
        if (buffer.length > keep) {
          await emit(buffer.subarray(0, buffer.length - keep));
          buffer = Buffer.from(buffer.subarray(buffer.length - keep));
        }
        return;
      } else return;
    }
  };

  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > options.maxBytes) throw new LimitExceededError(`the upload is larger than the limit of ${options.maxBytes} bytes`);
      buffer = buffer.length === 0 ? Buffer.from(value) : Buffer.concat([buffer, value]);
      await step(false);
    }
    if (state !== 'done') await step(true);
    if (state !== 'done') throw new AnnoconvError('invalid-request', 'multipart body ends early');
    return result;
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    for (const stream of openStreams) if (!stream.closed) stream.destroy();
    throw error;
  }
}
