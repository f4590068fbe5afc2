// `label_map.pbtxt`: `item { id: N name: 'label' }` blocks. Read leniently as Datumaro does (id and name in either
// order, single or double quotes, other fields such as display_name ignored); written as Datumaro writes it.

export interface LabelMapEntry {
  id: number;
  name: string;
}

export function parseLabelMap(text: string): LabelMapEntry[] {
  const entries: LabelMapEntry[] = [];
  for (const block of text.matchAll(/item\s*\{([^}]*)\}/g)) {
    const body = block[1]!;
    const id = /\bid\s*:\s*(-?\d+)/.exec(body)?.[1];
    const name = /\bname\s*:\s*(?:'([^']*)'|"([^"]*)")/.exec(body);
    if (id === undefined || !name) continue;
    entries.push({ id: Number(id), name: name[1] ?? name[2] ?? '' });
  }
  return entries.sort((a, b) => a.id - b.id);
}

export function writeLabelMap(names: readonly string[]): string {
  return names.map((name, index) => `item {\n\tid: ${index + 1}\n\tname: '${name.replace(/'/g, '')}'\n}\n\n`).join('');
}
