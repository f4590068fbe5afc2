// Load benchmark over loopback HTTP: GET and PATCH (create / update one shape) of the annotations of a task with
// 100,000 shapes, sequential requests, bounded in count. vitest bench reports requests per second (hz) and the
// p99 latency. Setup runs at module level (vitest bench runs no hooks before benches). A control line sends the
// same GET bytes from a bare node:http server: the cost of moving that many bytes to the client, which no
// server-side work can go below.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bench, describe } from 'vitest';
import { startHarness, TASK_BODY } from './test-support/harness.js';

const SHAPES = 100_000;
const h = await startHarness();
const taskId: number = (await h.api('POST', '/api/tasks', TASK_BODY)).json.id;
const put = await h.api('PUT', `/api/tasks/${taskId}/annotations`, {
  shapes: Array.from({ length: SHAPES }, (_, index) => ({ type: 'rectangle', frame: index % 10, label_id: 1, points: [index % 600, index % 400, (index % 600) + 20, (index % 400) + 20] })),
});
if (put.status !== 200) throw new Error(`setup PUT failed: ${put.status}`);
const target: { id: number } = put.json.shapes[0];
const headers = { authorization: `Token ${h.token}`, 'content-type': 'application/json' };
let x = 0;

const answer = Buffer.from(await (await fetch(`${h.server.url}/api/tasks/${taskId}/annotations`, { headers })).arrayBuffer());
const bare = createServer((_, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.byteLength });
  response.end(answer);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
bare.unref();
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

async function request(method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${h.server.url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status}`);
}

describe(`task of ${SHAPES.toLocaleString('en')} shapes over loopback HTTP`, () => {
  // Between writes the answer is served from the read cache (the task's JSON kept until the next write).
  bench('GET /api/tasks/{id}/annotations (unchanged task)', () => request('GET', `/api/tasks/${taskId}/annotations`), { iterations: 30, time: 0, warmupIterations: 1, warmupTime: 0 });
  bench(
    `control: the same ${(answer.byteLength / 1e6).toFixed(0)} MB from a bare node:http server`,
    async () => {
      await (await fetch(bareUrl)).arrayBuffer();
    },
    { iterations: 30, time: 0, warmupIterations: 1, warmupTime: 0 },
  );
  // After a write the GET rebuilds the answer from the kept JSON of each object (one object re-serialised).
  bench(
    'PATCH update + GET (GET rebuilds the answer after the write)',
    async () => {
      await request('PATCH', `/api/tasks/${taskId}/annotations?action=update`, { shapes: [{ id: target.id, type: 'rectangle', frame: 0, label_id: 1, points: [x++ % 100, 0, 50, 50] }] });
      await request('GET', `/api/tasks/${taskId}/annotations`);
    },
    { iterations: 5, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
  bench(
    'PATCH ?action=create (one shape)',
    () => request('PATCH', `/api/tasks/${taskId}/annotations?action=create`, { shapes: [{ type: 'rectangle', frame: 1, label_id: 2, points: [1, 2, 3, 4] }] }),
    { iterations: 50, time: 0, warmupIterations: 2, warmupTime: 0 },
  );
  bench(
    'PATCH ?action=update (one shape)',
    () => request('PATCH', `/api/tasks/${taskId}/annotations?action=update`, { shapes: [{ id: target.id, type: 'rectangle', frame: 0, label_id: 1, points: [x++ % 100, 0, 50, 50] }] }),
    { iterations: 50, time: 0, warmupIterations: 2, warmupTime: 0 },
  );
});
