// Writes XML the way CVAT's dumper (Python's SAX XMLGenerator) does: UTF-8 declaration, 2-space indentation,
// explicit start and end tags (never self-closing), attributes in the order given, Python's escaping rules.

/** XMLGenerator's text escaping: `&`, `<`, `>`. */
export function escapeText(value: string): string {
  if (!/[&<>]/.test(value)) return value;
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const NEEDS_QUOTING = /[&<>"\n\r\t]/;

/** XMLGenerator's `quoteattr`: escapes text plus newline / CR / tab, and picks the quote character. */
export function quoteAttribute(value: string): string {
  if (!NEEDS_QUOTING.test(value)) return `"${value}"`;
  let escaped = escapeText(value);
  if (/[\n\r\t]/.test(escaped)) escaped = escaped.replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
  if (escaped.includes('"')) {
    if (escaped.includes("'")) return `"${escaped.replace(/"/g, '&quot;')}"`;
    return `'${escaped}'`;
  }
  return `"${escaped}"`;
}

export type XmlAttributes = ReadonlyArray<readonly [string, string]>;

/** One attribute rendered as start-tag text: ` name="value"` (escaped as `quoteAttribute` does). */
export function attribute(name: string, value: string): string {
  return ` ${name}=${quoteAttribute(value)}`;
}

/** Accumulates the document as string parts; `take()` hands over what is ready so output can be streamed. */
export class XmlWriter {
  private parts: string[] = [];
  private level = 0;

  declaration(): void {
    this.parts.push('<?xml version="1.0" encoding="utf-8"?>\n');
  }

  /** `\n` plus two spaces per level, made once per level. */
  private readonly indents: string[] = [];

  private indent(): void {
    let indent = this.indents[this.level];
    if (indent === undefined) {
      indent = '\n' + '  '.repeat(this.level);
      this.indents[this.level] = indent;
    }
    this.parts.push(indent);
  }

  private startTag(name: string, attributes: XmlAttributes): string {
    let tag = '<' + name;
    for (const [key, value] of attributes) tag += ' ' + key + '=' + quoteAttribute(value);
    return tag + '>';
  }

  /** The root: written without a leading newline, as CVAT does. */
  openRoot(name: string): void {
    this.parts.push(`<${name}>`);
    this.level++;
  }

  closeRoot(name: string): void {
    this.level--;
    this.indent();
    this.parts.push(`</${name}>`);
    this.indent();
  }

  /** A start tag; `attributes` are pairs, or start-tag text already rendered (see `attribute`). */
  open(name: string, attributes: XmlAttributes | string = []): void {
    this.indent();
    this.parts.push(typeof attributes === 'string' ? `<${name}${attributes}>` : this.startTag(name, attributes));
    this.level++;
  }

  close(name: string): void {
    this.level--;
    this.indent();
    this.parts.push(`</${name}>`);
  }

  /** `<name attrs>text</name>` on one line. */
  leaf(name: string, text: string, attributes: XmlAttributes = []): void {
    this.indent();
    this.parts.push(this.startTag(name, attributes) + escapeText(text) + `</${name}>`);
  }

  /** Approximate buffered length, to decide when to flush. */
  get pending(): number {
    return this.parts.length;
  }

  take(): string {
    const text = this.parts.join('');
    this.parts = [];
    return text;
  }
}
