// The streaming multipart reader: parts split anywhere across chunks, file parts on disk under a sanitised name,
// fields in memory, the size bound, malformed bodies.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { boundaryOf, receiveMultipart, sanitizeFilename } from './multipart-upload.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'annoconv-multipart-'));
  dirs.push(dir);
  return dir;
}

function streamOf(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

async function encode(form: FormData): Promise<{ bytes: Uint8Array; type: string }> {
  const request = new Request('http://x/', { method: 'POST', body: form });
  return { bytes: new Uint8Array(await request.arrayBuffer()), type: request.headers.get('content-type')! };
}

describe('receiveMultipart', () => {
  const content = Buffer.from(Array.from({ length: 5000 }, (_, index) => index % 251));

  it.each([1, 7, 64, 4096, 1 << 20])('reads fields and files split into %i-byte chunks', async (chunkSize) => {
    const form = new FormData();
    form.append('conv_mask_to_poly', 'false');
    form.append('annotation_file', new Blob([content]), '../../etc/évil name.json');
    const { bytes, type } = await encode(form);
    const dir = tempDir();
    const result = await receiveMultipart(streamOf(bytes, chunkSize), type, { dir, maxBytes: 1 << 20, fileFields: ['annotation_file'] });
    expect(result.fields).toEqual({ conv_mask_to_poly: 'false' });
    expect(result.files).toHaveLength(1);
    expect(result.files[0]).toMatchObject({ field: 'annotation_file', filename: '_vil_name.json', size: content.length });
    expect(readdirSync(dir)).toEqual(['annotation_file-_vil_name.json']);
    expect(readFileSync(result.files[0]!.path).equals(content)).toBe(true);
  });

  it('stops past the size bound and refuses unexpected file fields and malformed bodies', async () => {
    const form = new FormData();
    form.append('annotation_file', new Blob([content]), 'a.json');
    const { bytes, type } = await encode(form);
    await expect(receiveMultipart(streamOf(bytes, 512), type, { dir: tempDir(), maxBytes: 1000, fileFields: ['annotation_file'] })).rejects.toMatchObject({ code: 'limit-exceeded' });
    await expect(receiveMultipart(streamOf(bytes, 512), type, { dir: tempDir(), maxBytes: 1 << 20, fileFields: ['dataset_file'] })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(receiveMultipart(streamOf(bytes.subarray(0, bytes.length - 20), 512), type, { dir: tempDir(), maxBytes: 1 << 20, fileFields: ['annotation_file'] })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    await expect(receiveMultipart(streamOf(bytes, 512), 'application/json', { dir: tempDir(), maxBytes: 1 << 20, fileFields: ['annotation_file'] })).rejects.toMatchObject({ code: 'invalid-request' });
  });
});

describe('names', () => {
  it('keeps only a plain base name', () => {
    expect(sanitizeFilename('../../x/y.zip')).toBe('y.zip');
    expect(sanitizeFilename('C:\\a\\b.xml')).toBe('b.xml');
    expect(sanitizeFilename('..')).toBe('upload');
    expect(sanitizeFilename('.hidden')).toBe('hidden');
    expect(sanitizeFilename(undefined)).toBe('upload');
  });
  it('reads the boundary, quoted or not', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(boundaryOf('application/json')).toBeUndefined();
  });
});
