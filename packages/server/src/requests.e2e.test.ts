// Import and export requests over loopback HTTP: 202 with CVAT's rq_ids, request status with CVAT's fields,
// download of the result, an import that fails leaving the task as it was, and 409 while the same export runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openZipFromBytes } from '@annoconv/io';
import { startHarness, TASK_BODY, waitForRequest, type Harness } from './test-support/harness.js';

let h: Harness;
let taskId: number;

beforeAll(async () => {
  h = await startHarness();
  taskId = (await h.api('POST', '/api/tasks', TASK_BODY)).json.id;
});
afterAll(async () => h.close());

const cocoFile = (names: string[], category = 'car') =>
  JSON.stringify({
    images: names.map((name, index) => ({ id: index + 1, file_name: name, width: 640, height: 480 })),
    annotations: names.map((_, index) => ({ id: index + 1, image_id: index + 1, category_id: 1, bbox: [10 + index, 20, 30, 40], area: 1200, iscrowd: 0, segmentation: [] })),
    categories: [{ id: 1, name: category, supercategory: '' }],
  });

describe('import', () => {
  it('imports a COCO file (202 + rq_id), the request finishes and the shapes land on the matching frames', async () => {
    await h.api('PUT', `/api/tasks/${taskId}/annotations`, { tags: [{ frame: 0, label_id: 2 }] });
    const response = await h.upload(`/api/tasks/${taskId}/annotations/?format=COCO%201.0`, 'annotation_file', 'instances_default.json', cocoFile(['images/frame_002.jpg', 'frame_005.jpg']));
    expect(response.status).toBe(202);
    expect(response.json.rq_id).toBe(`action=import&target=task&target_id=${taskId}&subresource=annotations`);
    const request = await waitForRequest(h, response.json.rq_id);
    expect(request).toMatchObject({ status: 'finished', message: '', progress: 0, result_url: null, operation: { type: 'import:annotations', target: 'task', task_id: taskId, format: 'COCO 1.0' } });
    expect(Object.keys(request).sort()).toEqual(['created_date', 'expiry_date', 'finished_date', 'id', 'message', 'operation', 'owner', 'progress', 'result_id', 'result_url', 'started_date', 'status'].sort());
    const annotations = (await h.api('GET', `/api/tasks/${taskId}/annotations`)).json;
    // replace (the default) removed the tag.
    expect(annotations.tags).toEqual([]);
    expect(annotations.shapes.map((shape: any) => [shape.frame, shape.label_id, shape.type, shape.points])).toEqual([
      [2, 1, 'rectangle', [10, 20, 40, 60]],
      [5, 1, 'rectangle', [11, 20, 41, 60]],
    ]);

    const append = await h.upload(`/api/tasks/${taskId}/annotations?format=COCO%201.0&import_mode=append`, 'annotation_file', 'a.json', cocoFile(['frame_007.jpg']));
    expect((await waitForRequest(h, append.json.rq_id)).status).toBe('finished');
    expect((await h.api('GET', `/api/tasks/${taskId}/annotations`)).json.shapes.map((shape: any) => shape.frame)).toEqual([2, 5, 7]);
  });

  it('a failing import (unknown label) is a failed request and changes nothing', async () => {
    const before = (await h.api('GET', `/api/tasks/${taskId}/annotations`)).json;
    const response = await h.upload(`/api/tasks/${taskId}/annotations?format=COCO%201.0`, 'annotation_file', 'bad.json', cocoFile(['frame_001.jpg'], 'bicycle'));
    expect(response.status).toBe(202);
    const request = await waitForRequest(h, response.json.rq_id);
    expect(request.status).toBe('failed');
    expect(request.message).toContain("Label 'bicycle' is not registered for this task");
    expect((await h.api('GET', `/api/tasks/${taskId}/annotations`)).json).toEqual(before);

    const broken = await h.upload(`/api/tasks/${taskId}/annotations?format=COCO%201.0`, 'annotation_file', 'broken.json', '{"images": [');
    expect((await waitForRequest(h, broken.json.rq_id)).status).toBe('failed');
    expect((await h.api('GET', `/api/tasks/${taskId}/annotations`)).json).toEqual(before);
  });

  it('imports into a job: only what lies on the job frames is written, the rest of the task stays', async () => {
    const before = (await h.api('GET', `/api/tasks/${taskId}/annotations`)).json;
    const job = (await h.api('GET', `/api/jobs?task_id=${taskId}`)).json.results[2];
    const response = await h.upload(`/api/jobs/${job.id}/annotations?format=COCO%201.0&import_mode=append`, 'annotation_file', 'job.json', cocoFile(['frame_001.jpg', 'frame_008.jpg']));
    expect(response.status).toBe(202);
    expect(response.json.rq_id).toBe(`action=import&target=job&target_id=${job.id}&subresource=annotations`);
    expect((await waitForRequest(h, response.json.rq_id)).status).toBe('finished');
    const after = (await h.api('GET', `/api/tasks/${taskId}/annotations`)).json;
    expect(after.shapes.map((shape: any) => shape.frame)).toEqual([...before.shapes.map((shape: any) => shape.frame), 8]);
  });

  it('a cancelled import disappears (404) and writes nothing', async () => {
    const before = (await h.api('GET', `/api/tasks/${taskId}/annotations`)).json;
    const response = await h.upload(`/api/tasks/${taskId}/annotations?format=COCO%201.0`, 'annotation_file', 'c.json', cocoFile(['frame_003.jpg']));
    const path = `/api/requests/${encodeURIComponent(response.json.rq_id)}`;
    expect((await h.api('POST', `${path}/cancel`)).status).toBe(200);
    expect((await h.api('GET', path)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await h.api('GET', `/api/tasks/${taskId}/annotations`)).json).toEqual(before);
    // Its upload is gone too.
    expect(readdirSync(join(h.dataDir, 'uploads'))).toEqual([]);
  });

  it('refuses an unknown format, a bad import_mode and a missing file with 400', async () => {
    expect((await h.upload(`/api/tasks/${taskId}/annotations`, 'annotation_file', 'a.json', '{}')).status).toBe(400);
    expect((await h.upload(`/api/tasks/${taskId}/annotations?format=Nope%201.0`, 'annotation_file', 'a.json', '{}')).json).toEqual({ detail: "Unknown input format 'Nope 1.0'" });
    expect((await h.upload(`/api/tasks/${taskId}/annotations?format=COCO%201.0&import_mode=merge`, 'annotation_file', 'a.json', '{}')).status).toBe(400);
    expect((await h.upload(`/api/tasks/${taskId}/annotations?format=COCO%201.0`, 'other_file', 'a.json', '{}')).status).toBe(400);
  });

  it('creates a task from a dataset file: labels, frames and annotations come from the file', async () => {
    const response = await h.upload('/api/tasks', 'dataset_file', 'instances.json', cocoFile(['a.jpg', 'b.jpg', 'c.jpg']), { name: 'from coco', format: 'COCO 1.0', segment_size: '2' });
    expect(response.status).toBe(201);
    const id = response.json.id;
    expect(response.json).toMatchObject({ name: 'from coco', size: 3, segment_size: 2, jobs: { count: 2 } });
    expect((await h.api('GET', `/api/labels?task_id=${id}`)).json.results.map((label: any) => label.name)).toEqual(['car']);
    expect((await h.api('GET', `/api/tasks/${id}/annotations`)).json.shapes).toHaveLength(3);
    expect((await h.api('DELETE', `/api/tasks/${id}`)).status).toBe(204);
    expect((await h.api('GET', `/api/tasks/${id}`)).status).toBe(404);
  });
});

describe('export', () => {
  it('exports COCO (202 + rq_id), the request finishes with a result_url, the download is the zip', async () => {
    const response = await h.api('POST', `/api/tasks/${taskId}/dataset/export?format=COCO%201.0&save_images=false`);
    expect(response.status).toBe(202);
    const rqId = response.json.rq_id;
    expect(rqId).toBe(`action=export&target=task&target_id=${taskId}&user_id=1&format=COCO_1~0&subresource=annotations`);
    const request = await waitForRequest(h, rqId);
    expect(request.status).toBe('finished');
    expect(request.operation).toMatchObject({ type: 'export:annotations', target: 'task', task_id: taskId, format: 'COCO 1.0' });
    expect(request.result_url).toBe(`/api/tasks/${taskId}/dataset/download?rq_id=${encodeURIComponent(rqId)}`);
    const download = await fetch(`${h.server.url}${request.result_url}`, { headers: { authorization: `Token ${h.token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="task_\d+_COCO_1.0_\d+T\d+\.zip"$/);
    const zip = await openZipFromBytes(new Uint8Array(await download.arrayBuffer()));
    const names = zip.entries().map((entry) => entry.path);
    expect(names).toContain('annotations/instances_default.json');
  });

  it('exports a job with only its frames', async () => {
    const job = (await h.api('GET', `/api/jobs?task_id=${taskId}`)).json.results[1];
    const response = await h.api('POST', `/api/jobs/${job.id}/dataset/export?format=COCO%201.0`);
    expect(response.status).toBe(202);
    const request = await waitForRequest(h, response.json.rq_id);
    expect(request).toMatchObject({ status: 'finished', operation: { target: 'job', job_id: job.id } });
    const download = await fetch(`${h.server.url}${request.result_url}`, { headers: { authorization: `Token ${h.token}` } });
    expect(download.status).toBe(200);
  });

  it('answers 409 with the same rq_id while the same export runs, 400 for an unknown format', async () => {
    const big = { shapes: Array.from({ length: 2_000 }, (_, index) => ({ type: 'polygon', frame: index % 10, label_id: 1, points: [index % 600, 1, 30, 40, 50, 60, 20, 70] })) };
    expect((await h.api('PATCH', `/api/tasks/${taskId}/annotations?action=create`, big)).status).toBe(200);
    const [first, second] = await Promise.all([
      h.api('POST', `/api/tasks/${taskId}/dataset/export?format=CVAT%20for%20images%201.1`),
      h.api('POST', `/api/tasks/${taskId}/dataset/export?format=CVAT%20for%20images%201.1`),
    ]);
    expect([first.status, second.status].sort()).toEqual([202, 409]);
    expect(second.json.rq_id).toBe(first.json.rq_id);
    expect((await waitForRequest(h, first.json.rq_id)).status).toBe('finished');
    // Finished: a new export of the same id is accepted again.
    expect((await h.api('POST', `/api/tasks/${taskId}/dataset/export?format=CVAT%20for%20images%201.1`)).status).toBe(202);
    await waitForRequest(h, first.json.rq_id);

    expect((await h.api('POST', `/api/tasks/${taskId}/dataset/export?format=Nope`)).json).toEqual({ detail: 'Unknown format specified for the request' });
  });

  it('answers 404 for an unknown request id', async () => {
    const missing = await h.api('GET', `/api/requests/${encodeURIComponent('action=export&target=task&target_id=999&user_id=1&format=COCO_1~0&subresource=annotations')}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ detail: 'There is no request with specified id' });
  });
});
