// The requests of CVAT's annotation documentation, run as written against a local server over loopback HTTP:
// GET, PUT, PATCH create / update / delete, DELETE, tracks, the batch example, formats; plus job-level writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, TASK_BODY, type Harness } from './test-support/harness.js';

let h: Harness;
let taskId: number;

beforeAll(async () => {
  h = await startHarness();
  const created = await h.api('POST', '/api/tasks', TASK_BODY);
  expect(created.status).toBe(201);
  taskId = created.json.id;
});
afterAll(async () => h.close());

const rectangle = (frame: number, x: number, extra: Record<string, unknown> = {}) => ({
  type: 'rectangle',
  frame,
  label_id: 1,
  group: 0,
  source: 'manual',
  occluded: false,
  points: [x, 100, x + 100, 200],
  attributes: [],
  ...extra,
});

describe('tasks, labels, jobs, meta', () => {
  it('reads the task, its labels with attributes and skeleton, its jobs and its frames', async () => {
    const task = await h.api('GET', `/api/tasks/${taskId}/`);
    expect(task.status).toBe(200);
    expect(task.json).toMatchObject({ id: taskId, name: 'doc task', size: 10, segment_size: 4, overlap: 1, mode: 'annotation', jobs: { count: 3 } });

    const labels = await h.api('GET', `/api/labels?task_id=${taskId}`);
    expect(labels.json.count).toBe(3);
    const [car, , pose] = labels.json.results;
    expect(car).toMatchObject({ id: 1, name: 'car', has_parent: false, parent_id: null, task_id: taskId });
    expect(car.attributes.map((spec: any) => [spec.id, spec.name, spec.mutable])).toEqual([
      [1, 'color', false],
      [2, 'parked', true],
    ]);
    expect(pose.type).toBe('skeleton');
    expect(pose.sublabels.map((sub: any) => [sub.name, sub.parent_id, sub.has_parent])).toEqual([
      ['head', pose.id, true],
      ['hand', pose.id, true],
    ]);
    // CVAT rewrites data-label-name to the sub-label's id.
    expect(pose.svg).toContain(`data-label-id="${pose.sublabels[0].id}"`);

    const jobs = await h.api('GET', `/api/jobs?task_id=${taskId}`);
    expect(jobs.json.results.map((job: any) => [job.start_frame, job.stop_frame])).toEqual([
      [0, 3],
      [3, 6],
      [6, 9],
    ]);

    const meta = await h.api('GET', `/api/tasks/${taskId}/data/meta`);
    expect(meta.json.size).toBe(10);
    expect(meta.json.frames[2]).toEqual({ name: 'images/frame_002.jpg', width: 640, height: 480, related_files: 0, has_related_context: false });

    const list = await h.api('GET', '/api/tasks');
    expect(list.json.results.map((item: any) => item.id)).toContain(taskId);
  });

  it('refuses a task body CVAT would refuse', async () => {
    const bad = await h.api('POST', '/api/tasks', { name: 'x', labels: [], frames: [] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json)).toEqual(expect.arrayContaining(['labels', 'frames']));
  });
});

describe("the documentation's annotation requests", () => {
  it('PUT replaces everything and answers the created objects with ids; GET reads them back', async () => {
    const put = await h.api('PUT', `/api/tasks/${taskId}/annotations/`, {
      version: 0,
      tags: [],
      shapes: [{ type: 'rectangle', frame: 0, label_id: 1, points: [100, 100, 200, 200], occluded: false, group: 0, source: 'manual', attributes: [] }],
      tracks: [],
    });
    expect(put.status).toBe(200);
    expect(put.json.shapes).toHaveLength(1);
    expect(put.json.shapes[0].id).toBeGreaterThan(0);

    const get = await h.api('GET', `/api/tasks/${taskId}/annotations/`);
    expect(get.status).toBe(200);
    expect(Object.keys(get.json)).toEqual(['version', 'tags', 'shapes', 'tracks', 'intervals']);
    const [shape] = get.json.shapes;
    expect(Object.keys(shape)).toEqual(['id', 'label_id', 'type', 'frame', 'group', 'source', 'score', 'occluded', 'outside', 'z_order', 'rotation', 'points', 'attributes', 'elements']);
    // Attributes completed with the label's defaults on read.
    expect(shape.attributes).toEqual([
      { spec_id: 1, value: 'red' },
      { spec_id: 2, value: 'false' },
    ]);
  });

  it('PATCH create, update, delete, then DELETE all', async () => {
    const created = await h.api('PATCH', `/api/tasks/${taskId}/annotations/?action=create`, {
      shapes: [{ type: 'rectangle', frame: 0, label_id: 1, group: 0, source: 'manual', occluded: false, points: [100, 100, 200, 200], attributes: [] }],
    });
    expect(created.status).toBe(200);
    const id = created.json.shapes[0].id;

    const updated = await h.api('PATCH', `/api/tasks/${taskId}/annotations/?action=update`, {
      shapes: [{ id, type: 'rectangle', label_id: 1, frame: 0, points: [150, 150, 250, 250], occluded: true }],
    });
    expect(updated.status).toBe(200);
    expect(updated.json.shapes[0]).toMatchObject({ id, points: [150, 150, 250, 250], occluded: true });

    const before = await h.api('GET', `/api/tasks/${taskId}/annotations`);
    expect(before.json.shapes.find((shape: any) => shape.id === id).points).toEqual([150, 150, 250, 250]);

    // The documentation's delete body ({"id": 123}) is incomplete for CVAT's serializer, which wants whole objects.
    const deleteBody = { shapes: [{ id, type: 'rectangle', frame: 0, label_id: 1, points: [150, 150, 250, 250] }, { id: 987654, type: 'rectangle', frame: 0, label_id: 1, points: [1, 1, 2, 2] }] };
    const deleted = await h.api('PATCH', `/api/tasks/${taskId}/annotations/?action=delete`, deleteBody);
    expect(deleted.status).toBe(200);
    expect(deleted.json.shapes.map((shape: any) => shape.id)).toEqual([id, 987654]);
    const after = await h.api('GET', `/api/tasks/${taskId}/annotations`);
    expect(after.json.shapes.some((shape: any) => shape.id === id)).toBe(false);

    const removed = await h.api('DELETE', `/api/tasks/${taskId}/annotations/`);
    expect(removed.status).toBe(204);
    const empty = await h.api('GET', `/api/tasks/${taskId}/annotations`);
    expect(empty.json).toEqual({ version: 0, tags: [], shapes: [], tracks: [], intervals: [] });

    // Sequences never go back: a new shape after DELETE gets a new id.
    const again = await h.api('PATCH', `/api/tasks/${taskId}/annotations?action=create`, { shapes: [rectangle(1, 10)] });
    expect(again.json.shapes[0].id).toBeGreaterThan(id);
  });

  it("creates the documentation's track and its keyframes get ids", async () => {
    const track = {
      label_id: 1,
      frame: 0,
      group: 0,
      source: 'manual',
      attributes: [],
      shapes: [0, 1, 2].map((frame) => ({ type: 'rectangle', frame, points: [100 + 5 * frame, 100 + 5 * frame, 200 + 5 * frame, 200 + 5 * frame], occluded: false, outside: false, attributes: [] })),
    };
    const response = await h.api('PATCH', `/api/tasks/${taskId}/annotations/?action=create`, { tracks: [track] });
    expect(response.status).toBe(200);
    expect(response.json.tracks[0].id).toBeGreaterThan(0);
    expect(response.json.tracks[0].shapes.map((shape: any) => shape.id).every((value: unknown) => typeof value === 'number')).toBe(true);
  });

  it('runs the batch example: ten rectangles in one create', async () => {
    await h.api('DELETE', `/api/tasks/${taskId}/annotations`);
    const shapes = Array.from({ length: 10 }, (_, frame) => ({ type: 'rectangle', frame, label_id: 1, group: 0, source: 'auto', occluded: false, points: [100 + frame * 10, 100, 200 + frame * 10, 200], attributes: [] }));
    const response = await h.api('PATCH', `/api/tasks/${taskId}/annotations/?action=create`, { shapes, tracks: [], tags: [] });
    expect(response.status).toBe(200);
    expect(response.json.shapes).toHaveLength(10);
    const get = await h.api('GET', `/api/tasks/${taskId}/annotations`);
    expect(get.json.shapes.map((shape: any) => shape.frame)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('answers the formats listing', async () => {
    const formats = await h.api('GET', '/api/server/annotation/formats');
    expect(formats.status).toBe(200);
    expect(formats.json.importers.length).toBeGreaterThan(0);
    expect(formats.json.exporters.find((format: any) => format.name === 'COCO 1.0')).toMatchObject({ ext: 'ZIP', version: '1.0', enabled: true, dimension: '2d' });
  });
});

describe('job-level writes', () => {
  it('a job PUT replaces only that job and leaves the rest of the task untouched', async () => {
    await h.api('DELETE', `/api/tasks/${taskId}/annotations`);
    await h.api('PUT', `/api/tasks/${taskId}/annotations`, { shapes: [rectangle(0, 10), rectangle(5, 20), rectangle(8, 30)], tags: [{ frame: 9, label_id: 2 }] });
    const before = await h.api('GET', `/api/tasks/${taskId}/annotations`);
    const jobs = (await h.api('GET', `/api/jobs?task_id=${taskId}`)).json.results;
    const second = jobs[1];

    const jobGet = await h.api('GET', `/api/jobs/${second.id}/annotations/`);
    expect(jobGet.json.shapes.map((shape: any) => shape.frame)).toEqual([5]);

    const put = await h.api('PUT', `/api/jobs/${second.id}/annotations/`, { shapes: [rectangle(4, 40)] });
    expect(put.status).toBe(200);
    const after = await h.api('GET', `/api/tasks/${taskId}/annotations`);
    const outside = (body: any) => body.shapes.filter((shape: any) => shape.frame < second.start_frame || shape.frame > second.stop_frame);
    expect(outside(after.json)).toEqual(outside(before.json));
    expect(after.json.tags).toEqual(before.json.tags);
    expect(after.json.shapes.filter((shape: any) => shape.frame >= 3 && shape.frame <= 6).map((shape: any) => shape.points[0])).toEqual([40]);

    const patched = await h.api('PATCH', `/api/jobs/${jobs[2].id}/annotations?action=create`, { shapes: [rectangle(7, 50)] });
    expect(patched.status).toBe(200);
    const removed = await h.api('DELETE', `/api/jobs/${jobs[0].id}/annotations`);
    expect(removed.status).toBe(204);
    const final = await h.api('GET', `/api/tasks/${taskId}/annotations`);
    expect(final.json.shapes.map((shape: any) => [shape.frame, shape.points[0]])).toEqual([
      [4, 40],
      [7, 50],
      [8, 30],
    ]);
  });
});
