// A real server process killed with SIGKILL while writes are in flight restarts on the same data folder with
// every acknowledged change and no partial one. The child runs a bundle of the sources.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild, spawnServer } from './test-support/bundle-child.js';
import { TASK_BODY } from './test-support/harness.js';
import { client } from './test-support/child-client.js';

let bundle: Awaited<ReturnType<typeof bundleChild>>;
const dataDir = mkdtempSync(join(tmpdir(), 'annoconv-restart-'));
const children: ChildProcess[] = [];

beforeAll(async () => {
  bundle = await bundleChild();
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  bundle?.remove();
});

const rect = (frame: number, x: number) => ({ type: 'rectangle', frame, label_id: 1, points: [x, 0, x + 10, 10] });

describe('kill and restart', () => {
  it('keeps every acknowledged write and no partial one', async () => {
    const first = await spawnServer(bundle.entry, dataDir, children);
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

    // A big write in flight when the process dies: it must be there whole or not at all.
    const inFlight = api('PATCH', `/api/tasks/${taskId}/annotations?action=create`, { shapes: Array.from({ length: 5000 }, (_, index) => rect(index % 10, 5000 + index)) }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    await inFlight;

    const second = await spawnServer(bundle.entry, dataDir, children);
    expect(second.token).toBeNull();
    const again = client(second.url, first.token!);
    const after = (await again('GET', `/api/tasks/${taskId}/annotations`)).json;
    const ids = new Set(after.shapes.map((shape: any) => shape.id));
    for (const id of acknowledged) expect(ids.has(id), `shape ${id}`).toBe(!gone.has(id));
    const partial = after.shapes.filter((shape: any) => shape.points[0] >= 5000).length;
    expect([0, 5000]).toContain(partial);

    // Sequences survived too: a new object gets an id never used before.
    const fresh = await again('PATCH', `/api/tasks/${taskId}/annotations?action=create`, { shapes: [rect(0, 1)] });
    expect(Math.max(...acknowledged, ...ids as Set<number>)).toBeLessThan(fresh.json.shapes[0].id);
    second.child.kill('SIGTERM');
  });
});
