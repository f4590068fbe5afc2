// `annoconv serve` and `annoconv token create` run in-process: the first start prints a token that works, a token
// created by the command works too, and an abort stops the server with exit code 0.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';

const dataDir = mkdtempSync(join(tmpdir(), 'annoconv-serve-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function capture() {
  let text = '';
  return { stream: { write: (chunk: string) => (text += chunk) }, text: () => text };
}

async function until(predicate: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !predicate(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('annoconv serve / token create', () => {
  it('serves on a free port, prints the first token, accepts created tokens and stops on abort', async () => {
    const out = capture();
    const controller = new AbortController();
    const running = main(['serve', '--port', '0', '--data', dataDir, '--log-level', 'silent', '--no-workers'], { stdout: out.stream, stderr: capture().stream, signal: controller.signal });
    await until(() => /API token[^\n]*\n[0-9a-f]{40}\n/.test(out.text()));
    const url = /serving on (http:\/\/\S+)/.exec(out.text())![1]!;
    const token = /\n([0-9a-f]{40})\n/.exec(out.text())![1]!;
    expect((await fetch(`${url}/api/server/health`)).status).toBe(200);
    expect((await fetch(`${url}/api/tasks`, { headers: { authorization: `Token ${token}` } })).status).toBe(200);
    expect((await fetch(`${url}/api/tasks`)).status).toBe(401);

    const created = capture();
    expect(await main(['token', 'create', '--data', dataDir, '--user', 'alice'], { stdout: created.stream, stderr: capture().stream })).toBe(0);
    const key = created.text().trim();
    expect(key).toMatch(/^[0-9a-f]{40}$/);
    expect((await fetch(`${url}/api/users/self`, { headers: { authorization: `Token ${key}` } }).then((response) => response.json())) as unknown).toMatchObject({ username: 'alice' });

    controller.abort();
    expect(await running).toBe(0);
  });

  it('a second start on the same database prints no token', async () => {
    const out = capture();
    const controller = new AbortController();
    const running = main(['serve', '--port', '0', '--data', dataDir, '--log-level', 'silent'], { stdout: out.stream, stderr: capture().stream, signal: controller.signal });
    await until(() => out.text().includes('serving on'));
    controller.abort();
    expect(await running).toBe(0);
    expect(out.text()).not.toContain('API token');
  });

  it('refuses a bad port as a usage error', async () => {
    expect(await main(['serve', '--port', '70000', '--data', dataDir], { stdout: capture().stream, stderr: capture().stream })).toBe(2);
  });
});
