// Positions in text files for error messages: 1-based lines of character offsets (by binary search over line
// starts, so a big file is indexed once), and model-style paths turned into XML element paths.

/** Line starts of a text, for turning offsets into 1-based line numbers. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) this.starts.push(index + 1);
  }

  /** The 1-based line holding the character at `offset`. */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

/** `['annotation', 'object', 2, 'bndbox']` → `annotation/object[3]/bndbox` (array indices are 1-based in XML paths). */
export function elementPath(path: ReadonlyArray<PropertyKey>): string {
  let element = '';
  for (const key of path) {
    if (typeof key === 'number') element += `[${key + 1}]`;
    else element += (element ? '/' : '') + String(key);
  }
  return element;
}
