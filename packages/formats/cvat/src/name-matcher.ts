// Matches a name from the annotations against a list of known names the way CVAT matches dataset items to task
// frames (`match_dm_item`, FORMATS.md sheet B §A.3): the exact path, the path without extension, a shared path
// suffix (a different root folder on one side), then the number of a `frame_000123` name.
import { withoutExtension } from '@annoconv/io';

/** `frame_000123` → 123, else undefined. */
export function videoFrameNumber(name: string): number | undefined {
  const match = /(?:^|\/)frame_(\d+)$/.exec(withoutExtension(name));
  return match ? Number(match[1]) : undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export class NameMatcher {
  private readonly exact = new Map<string, number>();
  private readonly stems = new Map<string, number>();
  private readonly byBase = new Map<string, number[]>();
  private readonly byNumber = new Map<number, number>();

  /** `names[i]` is found as i; `numbers[i]`, when given, is the frame number a `frame_N` name refers to. */
  constructor(
    private readonly names: readonly string[],
    numbers?: readonly number[],
  ) {
    names.forEach((name, index) => {
      if (!this.exact.has(name)) this.exact.set(name, index);
      const stem = withoutExtension(name);
      if (!this.stems.has(stem)) this.stems.set(stem, index);
      const base = baseName(stem);
      const list = this.byBase.get(base);
      if (list) list.push(index);
      else this.byBase.set(base, [index]);
      const number = numbers ? numbers[index] : videoFrameNumber(name);
      if (number !== undefined && !this.byNumber.has(number)) this.byNumber.set(number, index);
    });
  }

  /** The index of the first name that matches, trying each candidate spelling in turn at every step. */
  find(...candidates: string[]): number | undefined {
    for (const name of candidates) {
      const index = this.exact.get(name);
      if (index !== undefined) return index;
    }
    for (const name of candidates) {
      const index = this.stems.get(withoutExtension(name));
      if (index !== undefined) return index;
    }
    for (const name of candidates) {
      const wanted = withoutExtension(name);
      for (const index of this.byBase.get(baseName(wanted)) ?? []) {
        const candidate = withoutExtension(this.names[index]!);
        if (candidate.endsWith('/' + wanted) || wanted.endsWith('/' + candidate)) return index;
      }
    }
    for (const name of candidates) {
      const number = videoFrameNumber(name);
      const index = number === undefined ? undefined : this.byNumber.get(number);
      if (index !== undefined) return index;
    }
    return undefined;
  }
}
