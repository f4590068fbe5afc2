// Import / export requests survive a real server process killed with SIGKILL: after the restart on the same data
// folder a finished export is answered as it was and its zip is still served, requests that were running come
// back failed saying the server restarted, and nothing of them is left on disk. The child runs a bundle of the
// sources (the compiled dataset worker next to it, so the requests run in worker threads as in production).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interruptedRequestMessage } from '@annoconv/engine';
import { bundleChild, spawnServer } from './test-support/bundle-child.js';
import { TASK_BODY } from './test-support/harness.js';
import { client } from './test-support/child-client.js';

let bundle: Awaited<ReturnType<typeof bundleChild>>;
const requestsDir = mkdtempSync(join(tmpdir(), 'annoconv-restart-requests-'));
const children: ChildProcess[] = [];

beforeAll(async () => {
  bundle = await bundleChild();
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(requestsDir, { recursive: true, force: true });
  bundle?.remove();
});

const rect = (frame: number, x: number) => ({ type: 'rectangle', frame, label_id: 1, points: [x, 0, x + 10, 10] });

describe('kill and restart with import / export requests', () => {
  it('answers a finished export and serves its zip after SIGKILL; requests killed mid-way come back failed', async () => {
    const first = await spawnServer(bundle.entry, requestsDir, children);
    const token = first.token!;
    const api = client(first.url, token);
    const taskId = (await api('POST', '/api/tasks', TASK_BODY)).json.id;
    const shapes = 5_000;
    expect((await api('PUT', `/api/tasks/${taskId}/annotations`, { shapes: Array.from({ length: shapes }, (_, index) => rect(index % 10, index % 600)) })).status).toBe(200);
    const poll = async (call: typeof api, rqId: string) => {
      for (let attempt = 0; attempt < 600; attempt++) {
        const { json } = await call('GET', `/api/requests/${encodeURIComponent(rqId)}`);
        if (json?.status === 'finished' || json?.status === 'failed') return json;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`request ${rqId} did not end`);
    };
    const download = (url: string, path: string) => fetch(`${url}${path}`, { headers: { authorization: `Token ${token}` } });

    const done = (await api('POST', `/api/tasks/${taskId}/dataset/export?format=COCO%201.0`)).json.rq_id;
    const finished = await poll(api, done);
    expect(finished.status).toBe('finished');
    const zip = new Uint8Array(await (await download(first.url, finished.result_url)).arrayBuffer());
    expect([...zip.subarray(0, 2)]).toEqual([0x50, 0x4b]);

    // Two big requests running (concurrency 2) when the process dies: an export and an import of 5,000 boxes.
    const exporting = await api('POST', `/api/tasks/${taskId}/dataset/export?format=CVAT%20for%20images%201.1`);
    const coco = {
      images: TASK_BODY.frames.map((frame, index) => ({ id: index + 1, file_name: frame.name, width: 640, height: 480 })),
      annotations: Array.from({ length: shapes }, (_, index) => ({ id: index + 1, image_id: (index % 10) + 1, category_id: 1, bbox: [index % 600, 2, 3, 4], area: 12, iscrowd: 0, segmentation: [] })),
      categories: [{ id: 1, name: 'car' }],
    };
    const form = new FormData();
    form.append('annotation_file', new Blob([JSON.stringify(coco)]), 'instances_default.json');
    const importing = await fetch(`${first.url}/api/tasks/${taskId}/annotations?format=COCO%201.0`, { method: 'POST', headers: { authorization: `Token ${token}` }, body: form });
    expect([exporting.status, importing.status]).toEqual([202, 202]);
    const killedExport = exporting.json.rq_id;
    const killedImport = ((await importing.json()) as { rq_id: string }).rq_id;
    // Both must still be running when the signal goes, or this test would prove nothing about them.
    for (const rqId of [killedExport, killedImport]) expect(['queued', 'started']).toContain((await api('GET', `/api/requests/${encodeURIComponent(rqId)}`)).json.status);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await spawnServer(bundle.entry, requestsDir, children);
    const again = client(second.url, token);
    expect((await again('GET', `/api/requests/${encodeURIComponent(done)}`)).json).toEqual(finished);
    const served = await download(second.url, finished.result_url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/zip');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(zip);

    const failedExport = (await again('GET', `/api/requests/${encodeURIComponent(killedExport)}`)).json;
    expect(failedExport).toMatchObject({ id: killedExport, status: 'failed', result_url: null, operation: { type: 'export:annotations', task_id: taskId, format: 'CVAT for images 1.1' } });
    expect(failedExport.message).toMatch(/^ServerRestartError: the server restarted (while|before)/);
    expect([interruptedRequestMessage('started'), interruptedRequestMessage('queued')]).toContain(failedExport.message);
    expect(Date.parse(failedExport.expiry_date)).toBeGreaterThan(Date.parse(failedExport.finished_date));
    const failedImport = (await again('GET', `/api/requests/${encodeURIComponent(killedImport)}`)).json;
    expect(failedImport).toMatchObject({ id: killedImport, status: 'failed', operation: { type: 'import:annotations', format: 'COCO 1.0' } });
    expect(failedImport.message).toMatch(/^ServerRestartError: the server restarted/);
    expect((await again('GET', '/api/requests?status=failed')).json.results.map((request: any) => request.id).sort()).toEqual([killedExport, killedImport].sort());
    // The killed import wrote nothing; its upload and the killed export's partial file are gone, the finished
    // export's file is the only one left.
    expect((await again('GET', `/api/tasks/${taskId}/annotations`)).json.shapes).toHaveLength(shapes);
    expect(readdirSync(join(requestsDir, 'uploads'))).toEqual([]);
    expect(readdirSync(join(requestsDir, 'exports'))).toHaveLength(1);

    // The failed export can be sent again under the same id, and finishes.
    expect((await again('POST', `/api/tasks/${taskId}/dataset/export?format=CVAT%20for%20images%201.1`)).status).toBe(202);
    expect((await poll(again, killedExport)).status).toBe('finished');
    second.child.kill('SIGTERM');
  });
});
