// Parsing and writing the text files of MOT 1.1: `gt/gt.txt` rows (every fault a ParseError with file and line),
// `labels.txt` (one name per line) and `seqinfo.ini`.
import { ParseError } from '@annoconv/core';
import { SEQINFO_KEYS, seqinfoSchema, type MotRow, type Seqinfo } from './schema.js';

function number(text: string, file: string, line: number, column: string): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw new ParseError(`column ${column} is not a number: '${text}'`, { file, line });
  return value;
}

/** Every row of a gt.txt; blank lines are skipped. */
export function parseGtText(text: string, file: string): MotRow[] {
  const rows: MotRow[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!.replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const line = index + 1;
    const columns = raw.split(',').map((column) => column.trim());
    // Datumaro's reader needs the first seven columns and accepts MOT16's 8th–10th (class, visibility, world x/y/z).
    if (columns.length < 7 || columns.length > 10)
      throw new ParseError(`expected 7 to 10 comma-separated columns (frame, id, left, top, width, height, conf[, class, visibility, …]), got ${columns.length}`, { file, line });
    const frame = number(columns[0]!, file, line, 'frame');
    if (!Number.isInteger(frame)) throw new ParseError(`frame '${columns[0]}' is not an integer`, { file, line });
    if (frame < 1) throw new ParseError(`frame ${frame}: MOT frames are 1-based`, { file, line });
    const id = number(columns[1]!, file, line, 'id');
    const row: MotRow = {
      line,
      frame,
      id,
      x: number(columns[2]!, file, line, 'bb_left'),
      y: number(columns[3]!, file, line, 'bb_top'),
      width: number(columns[4]!, file, line, 'bb_width'),
      height: number(columns[5]!, file, line, 'bb_height'),
      confidence: number(columns[6]!, file, line, 'conf'),
    };
    if (columns.length > 7 && columns[7] !== '') {
      const classId = number(columns[7]!, file, line, 'class');
      if (!Number.isInteger(classId)) throw new ParseError(`class '${columns[7]}' is not an integer`, { file, line });
      if (classId > 0) row.classId = classId;
    }
    if (columns.length > 8 && columns[8] !== '') {
      row.visibility = number(columns[8]!, file, line, 'visibility');
      row.visibilityText = columns[8]!;
    }
    rows.push(row);
  }
  return rows;
}

/** Label names, one per line; blank lines are skipped (Datumaro strips each line). */
export function parseLabelsText(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** `seqinfo.ini`: a `[Sequence]` section of `key=value`, keys compared lower-cased, exactly the seven standard keys. */
export function parseSeqinfo(text: string, file: string): Seqinfo {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!.trim();
    if (raw === '' || raw.startsWith(';') || raw.startsWith('#') || raw.startsWith('[')) continue;
    const equals = raw.indexOf('=');
    if (equals < 0) throw new ParseError(`expected key=value, got '${raw}'`, { file, line: index + 1 });
    const key = raw.slice(0, equals).trim().toLowerCase();
    if (!(SEQINFO_KEYS as readonly string[]).includes(key))
      throw new ParseError(`unknown key '${key}'; seqinfo.ini holds exactly ${SEQINFO_KEYS.join(', ')}`, { file, line: index + 1 });
    values[key] = raw.slice(equals + 1).trim();
  }
  const result = seqinfoSchema.safeParse(values);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ParseError(`${issue.path.join('.') || 'seqinfo'}: ${issue.message}`, { file });
  }
  return result.data;
}
