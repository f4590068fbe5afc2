import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@annoconv/core';
import { formatDiagnostics, groupDiagnostics } from './diagnostics-report.js';

const dropped = (index: number): Diagnostic => ({
  code: 'shape-unsupported',
  severity: 'warning',
  message: 'an ellipse was dropped',
  where: { file: 'labels/a.txt', line: index + 1, frameName: 'a.jpg', objectKind: 'shape', objectId: index },
});

describe('diagnostics report', () => {
  const diagnostics: Diagnostic[] = [
    ...Array.from({ length: 5 }, (_, index) => dropped(index)),
    { code: 'field-ignored', severity: 'info', message: 'licenses ignored' },
    { code: 'shape-unsupported', severity: 'error', message: 'worse' },
  ];

  it('groups by code in order of appearance, counting, with the worst severity', () => {
    expect(groupDiagnostics(diagnostics).map(({ code, severity, count }) => ({ code, severity, count }))).toEqual([
      { code: 'shape-unsupported', severity: 'error', count: 6 },
      { code: 'field-ignored', severity: 'info', count: 1 },
    ]);
  });

  it('shows the first three of each group with file, line, frame and object', () => {
    expect(formatDiagnostics(diagnostics)).toBe(
      [
        '6 warnings, 1 note:',
        '  shape-unsupported (error) ×6',
        "    - labels/a.txt:1, frame 'a.jpg', shape 0: an ellipse was dropped",
        "    - labels/a.txt:2, frame 'a.jpg', shape 1: an ellipse was dropped",
        "    - labels/a.txt:3, frame 'a.jpg', shape 2: an ellipse was dropped",
        '    … and 3 more (--verbose shows all)',
        '  field-ignored (info) ×1',
        '    - licenses ignored',
        '',
      ].join('\n'),
    );
  });

  it('shows everything with verbose, and nothing for no diagnostics', () => {
    const text = formatDiagnostics(diagnostics, { verbose: true });
    expect(text).toContain('labels/a.txt:5');
    expect(text).toContain('- worse');
    expect(text).not.toContain('more (--verbose');
    expect(formatDiagnostics([])).toBe('');
  });
});
