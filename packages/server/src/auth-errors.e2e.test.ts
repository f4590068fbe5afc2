// Authentication and error answers over loopback HTTP: 401 without or with a wrong token, another owner's task
// is 404, CVAT's 400 bodies for invalid annotation requests (which change nothing), 413 past the body limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from './tokens.js';
import { startHarness, TASK_BODY, type Harness } from './test-support/harness.js';

let h: Harness;
let taskId: number;

beforeAll(async () => {
  h = await startHarness({ maxBodyBytes: 64 * 1024 });
  taskId = (await h.api('POST', '/api/tasks', TASK_BODY)).json.id;
});
afterAll(async () => h.close());

describe('authentication', () => {
  it('answers the health check without a token and nothing else', async () => {
    expect((await h.api('GET', '/api/server/health', undefined, null)).status).toBe(200);
    const none = await h.api('GET', `/api/tasks/${taskId}/annotations`, undefined, null);
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ detail: 'Authentication credentials were not provided.' });
    const wrong = await h.api('GET', '/api/server/annotation/formats', undefined, 'not-a-key');
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ detail: 'Invalid token.' });
  });

  it("hides another owner's task, jobs, labels and annotations behind 404", async () => {
    const other = createToken(h.server.context.db, 'someone-else').key;
    const job = (await h.api('GET', `/api/jobs?task_id=${taskId}`)).json.results[0];
    for (const path of [`/api/tasks/${taskId}`, `/api/tasks/${taskId}/annotations`, `/api/jobs/${job.id}/annotations`, `/api/labels?task_id=${taskId}`, `/api/tasks/${taskId}/data/meta`]) {
      expect((await h.api('GET', path, undefined, other)).status, path).toBe(404);
    }
    expect((await h.api('PUT', `/api/tasks/${taskId}/annotations`, {}, other)).status).toBe(404);
    expect((await h.api('DELETE', `/api/tasks/${taskId}`, undefined, other)).status).toBe(404);
    expect((await h.api('GET', '/api/tasks', undefined, other)).json.count).toBe(0);
    expect((await h.api('GET', `/api/tasks/${taskId}`)).status).toBe(200);
  });
});

describe('400 answers change nothing', () => {
  it('answers CVAT bodies for invalid PUT / PATCH requests', async () => {
    await h.api('PUT', `/api/tasks/${taskId}/annotations`, { shapes: [{ type: 'rectangle', frame: 0, label_id: 1, points: [1, 2, 3, 4] }] });
    const before = (await h.api('GET', `/api/tasks/${taskId}/annotations`)).json;

    const badPoints = await h.api('PATCH', `/api/tasks/${taskId}/annotations?action=create`, { shapes: [{ type: 'rectangle', frame: 0, label_id: 1, points: [1, 2, 3] }] });
    expect(badPoints.status).toBe(400);
    expect(badPoints.json).toEqual({ shapes: [{ points: ["invalid length for shape type 'rectangle'"] }] });

    const withId = await h.api('PUT', `/api/tasks/${taskId}/annotations`, { shapes: [{ id: 5, type: 'rectangle', frame: 0, label_id: 1, points: [1, 2, 3, 4] }] });
    expect(withId.status).toBe(400);
    expect(JSON.stringify(withId.json)).toContain('must be absent');

    // The first object is valid; the second's label is not: nothing of the request is kept.
    const badLabel = await h.api('PATCH', `/api/tasks/${taskId}/annotations?action=create`, {
      shapes: [
        { type: 'rectangle', frame: 1, label_id: 1, points: [1, 2, 3, 4] },
        { type: 'rectangle', frame: 1, label_id: 99, points: [1, 2, 3, 4] },
      ],
    });
    expect(badLabel.status).toBe(400);
    expect(badLabel.json).toEqual(['label_id `99` is invalid']);

    const badAction = await h.api('PATCH', `/api/tasks/${taskId}/annotations?action=merge`, {});
    expect(badAction.status).toBe(400);
    expect(badAction.json).toEqual(["Please specify a correct 'action' for the request"]);

    const noId = await h.api('PATCH', `/api/tasks/${taskId}/annotations?action=delete`, { shapes: [{ type: 'rectangle', frame: 0, label_id: 1, points: [1, 2, 3, 4] }] });
    expect(noId.status).toBe(400);

    const badJson = await h.api('PUT', `/api/tasks/${taskId}/annotations`, '{"shapes": [');
    expect(badJson.status).toBe(400);

    expect((await h.api('GET', `/api/tasks/${taskId}/annotations`)).json).toEqual(before);
  });

  it('answers 413 past the body limit, 404 for unknown ids and routes, 410 for legacy export parameters', async () => {
    const huge = { shapes: Array.from({ length: 2000 }, () => ({ type: 'rectangle', frame: 0, label_id: 1, points: [1, 2, 3, 4] })) };
    expect((await h.api('PATCH', `/api/tasks/${taskId}/annotations?action=create`, huge)).status).toBe(413);
    expect((await h.api('GET', '/api/tasks/999999/annotations')).status).toBe(404);
    expect((await h.api('GET', '/api/jobs/999999/annotations')).status).toBe(404);
    expect((await h.api('GET', '/api/tasks/abc')).status).toBe(404);
    expect((await h.api('GET', '/api/nothing-here')).status).toBe(404);
    expect((await h.api('GET', `/api/tasks/${taskId}/annotations?format=COCO%201.0`)).status).toBe(410);
  });
});
