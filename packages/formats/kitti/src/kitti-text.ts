// The text files of KITTI 1.0: `label_2/<id>.txt` rows (every fault a ParseError with file and line) and
// `label_colors.txt` (`R G B name` per line, line order = class index), read and written as Datumaro does.
import { ParseError } from '@annoconv/core';
import type { KittiObject, LabelColor, Rgb } from './schema.js';

function number(token: string, file: string, line: number, column: string): number {
  const value = Number(token);
  if (!Number.isFinite(value)) throw new ParseError(`${column} is not a number: '${token}'`, { file, line });
  return value;
}

/** Every object of a label_2 file; blank lines are skipped. */
export function parseLabel2(text: string, file: string): KittiObject[] {
  const objects: KittiObject[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!.trim();
    if (raw === '') continue;
    const line = index + 1;
    const tokens = raw.split(/\s+/);
    // Datumaro asserts 15 or 16 tokens, so a class name cannot hold a space.
    if (tokens.length !== 15 && tokens.length !== 16)
      throw new ParseError(`expected 15 or 16 space-separated columns (type, truncated, occluded, alpha, 4 box, 3 dimensions, 3 location, rotation_y[, score]), got ${tokens.length}`, { file, line });
    const object: KittiObject = {
      line,
      type: tokens[0]!,
      truncated: number(tokens[1]!, file, line, 'truncated'),
      occluded: number(tokens[2]!, file, line, 'occluded'),
      alpha: number(tokens[3]!, file, line, 'alpha'),
      box: [number(tokens[4]!, file, line, 'left'), number(tokens[5]!, file, line, 'top'), number(tokens[6]!, file, line, 'right'), number(tokens[7]!, file, line, 'bottom')],
      threeD: tokens.slice(8, 15).map((token, offset) => number(token, file, line, ['height', 'width', 'length', 'x', 'y', 'z', 'rotation_y'][offset]!)),
    };
    if (tokens.length === 16) {
      object.score = number(tokens[15]!, file, line, 'score');
      object.scoreText = tokens[15]!;
    }
    objects.push(object);
  }
  return objects;
}

/** `label_colors.txt`: `#` comments and blank lines skipped; the name is the 4th token, the colour the ones before the last. */
export function parseLabelColors(text: string, file: string): LabelColor[] {
  const entries: LabelColor[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const line = index + 1;
    const tokens = raw.split(/\s+/);
    let entry: LabelColor;
    if (tokens.length > 2) {
      if (tokens.length !== 4) throw new ParseError(`expected 'R G B name' (a name cannot hold spaces), got ${tokens.length} tokens`, { file, line });
      const color = tokens.slice(0, 3).map((token) => Number(token));
      if (color.some((value) => !Number.isInteger(value) || value < 0 || value > 255)) throw new ParseError(`colour '${tokens.slice(0, 3).join(' ')}' is not three integers 0..255`, { file, line });
      entry = { name: tokens[3]!, color: color as Rgb };
    } else {
      entry = { name: tokens[tokens.length - 1]! };
    }
    if (seen.has(entry.name)) throw new ParseError(`label '${entry.name}' is defined twice`, { file, line });
    seen.add(entry.name);
    entries.push(entry);
  }
  return entries;
}

export function formatLabelColors(entries: readonly LabelColor[]): string {
  return entries.map((entry) => `${entry.color ? entry.color.join(' ') : ''} ${entry.name}\n`).join('');
}
