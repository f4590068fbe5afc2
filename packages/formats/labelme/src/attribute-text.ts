// LabelMe's `<attributes>` text as Datumaro reads and writes it: `name=value` pairs joined by ", ", with `\`, `=`,
// `"` and `,` escaped by a backslash; a bare token is a flag (`token = True`); values read as booleans
// (true/false), quoted strings, numbers that print back identically, or plain strings (DM `LabelMePath`).

export type AttributeValue = boolean | number | string;

export interface ParsedAttribute {
  name: string;
  value: AttributeValue;
  /** The value as written (unescaped, quotes removed): kept for numbers so `1.50` stays `1.50`. */
  text: string;
}

/** Splits on commas not preceded by an unescaped backslash. */
function splitUnescaped(text: string, separator: string, limit = Infinity): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\\' && index + 1 < text.length) {
      current += char + text[index + 1];
      index++;
    } else if (char === separator && parts.length < limit) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** A number the text stands for when Python's int() or float() reads it and prints it back identically. */
function numberOf(text: string): number | undefined {
  if (/^[+-]?\d+$/.test(text)) return String(Number(text)) === text.replace(/^\+/, '') ? Number(text) : undefined;
  if (!/^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  const printed = Number.isInteger(value) && Math.abs(value) < 1e16 ? `${value}.0` : String(value);
  return printed === text ? value : undefined;
}

export function parseAttributeText(text: string): ParsedAttribute[] {
  const result: ParsedAttribute[] = [];
  for (const raw of splitUnescaped(text, ',')) {
    const token = raw.trim();
    if (token === '') continue;
    const [rawName, rawValue] = splitUnescaped(token, '=', 1);
    const name = unescape(rawName!.trim());
    if (rawValue === undefined) {
      result.push({ name, value: true, text: 'true' });
      continue;
    }
    const valueText = rawValue.trim();
    if (/^(true|false)$/i.test(valueText)) result.push({ name, value: valueText.toLowerCase() === 'true', text: valueText.toLowerCase() });
    else if (valueText.length >= 2 && valueText.startsWith('"') && valueText.endsWith('"') && !valueText.endsWith('\\"')) {
      const inner = unescape(valueText.slice(1, -1));
      result.push({ name, value: inner, text: inner });
    } else {
      const number = numberOf(valueText);
      if (number !== undefined) result.push({ name, value: number, text: valueText });
      else {
        const plain = unescape(valueText);
        result.push({ name, value: plain, text: plain });
      }
    }
  }
  return result;
}

function escape(text: string): string {
  return text.replace(/[\\=",]/g, (char) => `\\${char}`);
}

/**
 * `name=value, …` as Datumaro writes it: booleans as Python's True / False, numbers with str(), strings escaped and
 * quoted when they would read back as a number (or, beyond Datumaro, as a boolean).
 */
export function formatAttributeText(attributes: ReadonlyArray<{ name: string; value: AttributeValue; numberText?: string }>): string {
  return attributes
    .map(({ name, value, numberText }) => {
      let text: string;
      if (typeof value === 'boolean') text = value ? 'True' : 'False';
      else if (typeof value === 'number') text = numberText ?? String(value);
      else if (numberOf(value) !== undefined || /^(true|false)$/i.test(value)) text = `"${escape(value)}"`;
      else text = escape(value);
      return `${escape(name)}=${text}`;
    })
    .join(', ');
}
