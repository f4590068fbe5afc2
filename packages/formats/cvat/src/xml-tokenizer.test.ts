// The tokenizer: events with lines, entity handling without expansion, and refusals that name element and line.
import { describe, expect, it } from 'vitest';
import { ParseError } from '@annoconv/core';
import { tokenizeXml } from './xml-tokenizer.js';
import { readTopLevelElements, type XmlElement } from './xml-element.js';

function events(source: string): string[] {
  const out: string[] = [];
  tokenizeXml(source, 'a.xml', {
    open: (name, attributes, line, selfClosing) => out.push(`open ${name} ${JSON.stringify(attributes)} @${line}${selfClosing ? ' /' : ''}`),
    close: (name) => out.push(`close ${name}`),
    text: (reader, start, end) => {
      const text = reader.read(start, end);
      if (text.trim()) out.push(`text ${text}`);
    },
  });
  return out;
}

function parseError(source: string): ParseError {
  try {
    events(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return error as ParseError;
  }
  throw new Error('no error');
}

describe('tokenizeXml', () => {
  it('reports tags, attributes, text and lines', () => {
    expect(events('<?xml version="1.0"?>\n<a x="1" y=\'2\'>\n  <b/>t&amp;u&#65;&#x42;<!-- c --><![CDATA[<raw>]]>\n</a>\n')).toEqual([
      'open a {"x":"1","y":"2"} @2',
      'open b {} @3 /',
      'close b',
      'text t&uAB',
      'text <raw>',
      'close a',
    ]);
  });

  it('decodes attribute entities and keeps a `__proto__` attribute as a plain name', () => {
    expect(events('<a v="&lt;x&gt; &quot;q&quot;" __proto__="p"/>')).toEqual(['open a {"v":"<x> \\"q\\"","__proto__":"p"} @1 /', 'close a']);
  });

  it('refuses DTDs and unknown entities', () => {
    expect(parseError('<!DOCTYPE a [<!ENTITY x "y">]>\n<a/>').message).toMatch(/document type declarations/);
    const error = parseError('<a>\n&x;</a>');
    expect(error.message).toMatch(/unknown entity '&x;'/);
    expect(error.where?.line).toBe(2);
  });

  it('names the element and line of mismatched, unclosed and malformed tags', () => {
    const mismatched = parseError('<a>\n<b>\n</c></a>');
    expect(mismatched.where).toMatchObject({ file: 'a.xml', line: 3, element: 'c' });
    expect(parseError('<a>\n<b>').message).toMatch(/<b> is not closed/);
    expect(parseError('<a>\n\n<b x=1/></a>').where?.line).toBe(3);
    expect(parseError('<a x="1" x="2"/>').message).toMatch(/duplicate attribute/);
    expect(parseError('<a/><b/>').message).toMatch(/second root/);
    expect(parseError('text').message).toMatch(/outside the root/);
    expect(parseError('').message).toMatch(/no root/);
  });
});

describe('readTopLevelElements', () => {
  it('hands over each child of the root with element paths', () => {
    const seen: XmlElement[] = [];
    readTopLevelElements('<annotations><image id="0"><box/><box/><tag/></image><image/></annotations>', 'f', 'annotations', (element) => seen.push(element));
    expect(seen.map((element) => element.path)).toEqual(['annotations/image[1]', 'annotations/image[2]']);
    expect(seen[0]!.children.map((element) => element.path)).toEqual(['annotations/image[1]/box[1]', 'annotations/image[1]/box[2]', 'annotations/image[1]/tag[1]']);
  });

  it('checks the root element', () => {
    expect(() => readTopLevelElements('<annotation/>', 'f', 'annotations', () => {})).toThrow(/root element is <annotation>/);
  });
});
