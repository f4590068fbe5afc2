// Test harness: a server on a random loopback port over a fresh data folder, and a small client that sends
// requests the way CVAT clients do (Token header, JSON bodies, multipart uploads).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type StartOptions } from '../server.js';
import { silentLogger } from '../logger.js';

export interface Harness {
  server: RunningServer;
  token: string;
  dataDir: string;
  api: (method: string, path: string, body?: unknown, token?: string | null) => Promise<{ status: number; json: any; text: string; headers: Headers }>;
  upload: (path: string, field: string, filename: string, content: string | Uint8Array, fields?: Record<string, string>) => Promise<{ status: number; json: any }>;
  close: () => Promise<void>;
}

export async function startHarness(options: Partial<StartOptions> = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'annoconv-server-'));
  const server = await startServer({ host: '127.0.0.1', port: 0, logger: silentLogger(), useWorkers: false, ...options, dataDir });
  const token = server.initialToken!;
  const api: Harness['api'] = async (method, path, body, useToken = token) => {
    const headers: Record<string, string> = {};
    if (useToken !== null) headers.authorization = `Token ${useToken}`;
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(`${server.url}${path}`, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text, headers: response.headers };
  };
  const upload: Harness['upload'] = async (path, field, filename, content, fields = {}) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append(field, new Blob([typeof content === 'string' ? content : Buffer.from(content)]), filename);
    const response = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Token ${token}` }, body: form });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };
  return {
    server,
    token,
    dataDir,
    api,
    upload,
    close: async () => {
      await server.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls a request until it is finished or failed. */
export async function waitForRequest(h: Harness, rqId: string): Promise<any> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const { json } = await h.api('GET', `/api/requests/${encodeURIComponent(rqId)}`);
    if (json?.status === 'finished' || json?.status === 'failed') return json;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`request ${rqId} did not end`);
}

/** A task body: two labels (one with attributes), a skeleton, ten 640×480 frames in jobs of 4 with overlap 1. */
export const TASK_BODY = {
  name: 'doc task',
  labels: [
    {
      name: 'car',
      attributes: [
        { name: 'color', mutable: false, input_type: 'select', default_value: 'red', values: ['red', 'blue'] },
        { name: 'parked', mutable: true, input_type: 'checkbox', default_value: 'false', values: ['false'] },
      ],
    },
    { name: 'person' },
    { name: 'pose', type: 'skeleton', sublabels: [{ name: 'head' }, { name: 'hand' }], svg: '<circle data-type="element node" data-element-id="1" data-node-id="1" data-label-name="head" cx="0.5" cy="0.2" r="0.1"></circle>' },
  ],
  frames: Array.from({ length: 10 }, (_, index) => ({ name: `images/frame_${String(index).padStart(3, '0')}.jpg`, width: 640, height: 480 })),
  segment_size: 4,
  overlap: 1,
};
