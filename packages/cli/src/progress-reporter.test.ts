import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './progress-reporter.js';

function capture(isTTY: boolean) {
  const env = { stdout: { write: () => true }, stderr: { text: '', isTTY, columns: 80, write(text: string) { this.text += text; return true; } } };
  return env;
}

describe('progress reporter', () => {
  it('prints one plain line per stage when stderr is not a terminal', () => {
    const env = capture(false);
    const reporter = createProgressReporter(env, true);
    reporter.update({ stage: 'reading', done: 0 });
    reporter.update({ stage: 'reading', done: 5, total: 10 });
    reporter.update({ stage: 'writing', done: 0 });
    reporter.stop();
    expect(env.stderr.text).toBe('reading…\nwriting…\n');
  });

  it('draws a bar on a terminal', () => {
    const env = capture(true);
    const reporter = createProgressReporter(env, true);
    reporter.update({ stage: 'reading', done: 5, total: 10 });
    reporter.stop();
    expect(env.stderr.text).toContain('reading [');
    expect(env.stderr.text).toContain('5/10');
  });

  it('prints nothing when disabled', () => {
    const env = capture(true);
    const reporter = createProgressReporter(env, false);
    reporter.update({ stage: 'reading', done: 5, total: 10 });
    reporter.stop();
    expect(env.stderr.text).toBe('');
  });
});
