// Prints diagnostics grouped by code and counted, with the first few examples of each group (all with
// --verbose), each naming the file, the place and the object it concerns.
import type { Diagnostic } from '@annoconv/core';
import { formatWhere } from '@annoconv/core';

export const EXAMPLES_PER_CODE = 3;

export interface DiagnosticGroup {
  code: string;
  severity: Diagnostic['severity'];
  count: number;
  items: Diagnostic[];
}

/** Groups by code in order of first appearance; a group's severity is the most severe of its items. */
export function groupDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticGroup[] {
  const groups = new Map<string, DiagnosticGroup>();
  const rank = { error: 2, warning: 1, info: 0 } as const;
  for (const diagnostic of diagnostics) {
    let group = groups.get(diagnostic.code);
    if (!group) {
      group = { code: diagnostic.code, severity: diagnostic.severity, count: 0, items: [] };
      groups.set(diagnostic.code, group);
    }
    group.count++;
    group.items.push(diagnostic);
    if (rank[diagnostic.severity] > rank[group.severity]) group.severity = diagnostic.severity;
  }
  return [...groups.values()];
}

export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: { verbose?: boolean } = {}): string {
  if (diagnostics.length === 0) return '';
  const groups = groupDiagnostics(diagnostics);
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity !== 'info').length;
  const infos = diagnostics.length - warnings;
  const lines = [`${plural(warnings, 'warning')}${infos ? `, ${plural(infos, 'note')}` : ''}:`];
  for (const group of groups) {
    lines.push(`  ${group.code} (${group.severity}) ×${group.count}`);
    const shown = options.verbose ? group.items : group.items.slice(0, EXAMPLES_PER_CODE);
    for (const item of shown) {
      const where = formatWhere(item.where);
      lines.push(`    - ${where ? `${where}: ` : ''}${item.message}`);
    }
    if (shown.length < group.items.length) lines.push(`    … and ${group.items.length - shown.length} more (--verbose shows all)`);
  }
  return `${lines.join('\n')}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
