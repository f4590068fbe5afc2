import { describe, expect, it } from 'vitest';

describe('@annoconv/cli public exports', () => {
  it('are exactly these', async () => {
    expect(Object.keys(await import('./index.js')).sort()).toEqual(['EXIT', 'VERSION', 'buildProgram', 'commands', 'exitCodeFor', 'main']);
  });
});
