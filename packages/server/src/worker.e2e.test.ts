// Imports and exports in a real server process run in a worker thread (the bundled child has the compiled
// worker next to it); while a big import is read there, the server keeps answering other requests.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, spawnServer } from './test-support/bundle-child.js';
import { client } from './test-support/child-client.js';
import { TASK_BODY } from './test-support/harness.js';

let bundle: Awaited<ReturnType<typeof bundleChild>>;
const dataDir = mkdtempSync(join(tmpdir(), 'annoconv-worker-'));
const children: ChildProcess[] = [];

beforeAll(async () => {
  bundle = await bundleChild();
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  bundle?.remove();
});

describe('worker threads', () => {
  it('imports in a worker while health and annotation requests keep being answered', async () => {
    const server = await spawnServer(bundle.entry, dataDir, children);
    const api = client(server.url, server.token!);
    const taskId = (await api('POST', '/api/tasks', TASK_BODY)).json.id;
    const count = 1_000;
    const coco = {
      images: TASK_BODY.frames.map((frame, index) => ({ id: index + 1, file_name: frame.name, width: 640, height: 480 })),
      annotations: Array.from({ length: count }, (_, index) => ({ id: index + 1, image_id: (index % 10) + 1, category_id: 1, bbox: [index % 600, 2, 3, 4], area: 12, iscrowd: 0, segmentation: [] })),
      categories: [{ id: 1, name: 'car' }],
    };
    const form = new FormData();
    form.append('annotation_file', new Blob([JSON.stringify(coco)]), 'instances_default.json');
    const imported = await fetch(`${server.url}/api/tasks/${taskId}/annotations?format=COCO%201.0`, { method: 'POST', headers: { authorization: `Token ${server.token}` }, body: form });
    expect(imported.status).toBe(202);
    const rqId = ((await imported.json()) as { rq_id: string }).rq_id;

    let status = '';
    let answeredWhileStarted = 0;
    for (let attempt = 0; attempt < 1000 && status !== 'finished' && status !== 'failed'; attempt++) {
      status = (await api('GET', `/api/requests/${encodeURIComponent(rqId)}`)).json.status;
      if (status === 'started') {
        const health = await fetch(`${server.url}/api/server/health`);
        if (health.status === 200) answeredWhileStarted++;
      }
      if (status !== 'finished') await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(status).toBe('finished');
    expect(answeredWhileStarted).toBeGreaterThan(0);
    expect((await api('GET', `/api/tasks/${taskId}/annotations`)).json.shapes).toHaveLength(count);

    const exported = await api('POST', `/api/tasks/${taskId}/dataset/export?format=YOLO%201.1`);
    expect(exported.status).toBe(202);
    let request: any;
    for (let attempt = 0; attempt < 1000; attempt++) {
      request = (await api('GET', `/api/requests/${encodeURIComponent(exported.json.rq_id)}`)).json;
      if (request.status === 'finished' || request.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(request.status).toBe('finished');
    const download = await fetch(`${server.url}${request.result_url}`, { headers: { authorization: `Token ${server.token}` } });
    expect(download.status).toBe(200);
    expect((await download.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    server.child.kill('SIGTERM');
  });
});
