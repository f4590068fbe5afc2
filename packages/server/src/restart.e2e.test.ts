// A real server process killed with SIGKILL while writes are in flight restarts on the same data folder with
// every acknowledged change and no partial one. The child runs a bundle of the sources (and the dataset worker,
// so imports here run in a worker thread).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild } from './test-support/bundle-child.js';
import { TASK_BODY } from './test-support/harness.js';

let entry: string;
const dataDir = mkdtempSync(join(tmpdir(), 'annoconv-restart-'));
const children: ChildProcess[] = [];

beforeAll(async () => {
  entry = await bundleChild();
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function spawnServer(): Promise<{ child: ChildProcess; url: string; token: string | null }> {
  const child = spawn(process.execPath, [entry, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, ...(JSON.parse(first) as { url: string; token: string | null }) };
}

function client(url: string, token: string) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Token ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };
}

const rect = (frame: number, x: number) => ({ type: 'rectangle', frame, label_id: 1, points: [x, 0, x + 10, 10] });

describe('kill and restart', () => {
  it('keeps every acknowledged write and no partial one', async () => {
    const first = await spawnServer();
    expect(first.token).toBeTruthy();
    const api = client(first.url, first.token!);
    const taskId = (await api('POST', '/api/tasks', TASK_BODY)).json.id;
    const jobs = (await api('GET', `/api/jobs?task_id=${taskId}`)).json.results;
    const acknowledged: number[] = [];
    const put = await api('PUT', `/api/tasks/${taskId}/annotations`, { shapes: Array.from({ length: 200 }, (_, index) => rect(index % 10, index)) });
    expect(put.status).toBe(200);
    acknowledged.push(...put.json.shapes.map((shape: any) => shape.id));
    for (let round = 0; round < 5; round++) {
      const created = await api('PATCH', `/api/jobs/${jobs[round % 3].id}/annotations?action=create`, { shapes: [rect(jobs[round % 3].start_frame, 1000 + round)] });
      expect(created.status).toBe(200);
      acknowledged.push(created.json.shapes[0].id);
    }
    const deleted = put.json.shapes.slice(0, 20);
    expect((await api('PATCH', `/api/tasks/${taskId}/annotations?action=delete`, { shapes: deleted })).status).toBe(200);
    const gone = new Set(deleted.map((shape: any) => shape.id));

    // An import through the worker thread, acknowledged as finished.
    const form = new FormData();
    form.append('annotation_file', new Blob([JSON.stringify({ images: [{ id: 1, file_name: 'frame_004.jpg', width: 640, height: 480 }], annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [1, 2, 3, 4], area: 12, iscrowd: 0, segmentation: [] }], categories: [{ id: 1, name: 'person' }] })]), 'import.json');
    const imported = await fetch(`${first.url}/api/tasks/${taskId}/annotations?format=COCO%201.0&import_mode=append`, { method: 'POST', headers: { authorization: `Token ${first.token}` }, body: form });
    const rqId = ((await imported.json()) as { rq_id: string }).rq_id;
    let status = '';
    for (let attempt = 0; attempt < 300 && status !== 'finished' && status !== 'failed'; attempt++) {
      status = (await api('GET', `/api/requests/${encodeURIComponent(rqId)}`)).json.status;
      if (status !== 'finished') await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).toBe('finished');

    // A big write in flight when the process dies: it must be there whole or not at all.
    const inFlight = api('PATCH', `/api/tasks/${taskId}/annotations?action=create`, { shapes: Array.from({ length: 5000 }, (_, index) => rect(index % 10, 5000 + index)) }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    await inFlight;

    const second = await spawnServer();
    expect(second.token).toBeNull();
    const again = client(second.url, first.token!);
    const after = (await again('GET', `/api/tasks/${taskId}/annotations`)).json;
    const ids = new Set(after.shapes.map((shape: any) => shape.id));
    for (const id of acknowledged) expect(ids.has(id), `shape ${id}`).toBe(!gone.has(id));
    expect(after.shapes.filter((shape: any) => shape.label_id === 2)).toHaveLength(1);
    const partial = after.shapes.filter((shape: any) => shape.points[0] >= 5000).length;
    expect([0, 5000]).toContain(partial);

    // Sequences survived too: a new object gets an id never used before.
    const fresh = await again('PATCH', `/api/tasks/${taskId}/annotations?action=create`, { shapes: [rect(0, 1)] });
    expect(Math.max(...acknowledged, ...ids as Set<number>)).toBeLessThan(fresh.json.shapes[0].id);
    second.child.kill('SIGTERM');
  });
});
