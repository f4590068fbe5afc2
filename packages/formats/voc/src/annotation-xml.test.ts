import { describe, expect, it } from 'vitest';
import { ParseError } from '@annoconv/core';
import { parseVocAnnotationXml } from './annotation-xml.js';

function parseError(text: string): ParseError {
  try {
    parseVocAnnotationXml(text, 'Annotations/a.xml');
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError');
}

describe('parseVocAnnotationXml', () => {
  it('reads size, objects, parts, actions and attributes with object lines', () => {
    const text = [
      '<?xml version="1.0"?>',
      '<annotation>',
      '  <filename>a.jpg</filename>',
      '  <size><width>20</width><height>10</height><depth></depth></size>',
      '  <object>',
      '    <name>person</name><pose>Left</pose><truncated>1</truncated><difficult>0</difficult>',
      '    <bndbox><xmin>1.5</xmin><ymin>2</ymin><xmax>3</xmax><ymax>4.25</ymax></bndbox>',
      '    <part><name>head</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></part>',
      '    <actions><jumping>1</jumping></actions>',
      '    <attributes><attribute><name>rotation</name><value>30.0</value></attribute><attribute><name>x</name><value></value></attribute></attributes>',
      '  </object>',
      '  <object><name>cat</name><bndbox><xmin>0</xmin><ymin>0</ymin><xmax>1</xmax><ymax>1</ymax></bndbox></object>',
      '</annotation>',
    ].join('\n');
    const { annotation, objectLines } = parseVocAnnotationXml(text, 'a.xml');
    expect(objectLines).toEqual([5, 12]);
    expect(annotation.filename).toBe('a.jpg');
    expect(annotation.size).toEqual({ width: 20, height: 10 });
    expect(annotation.object[0]).toEqual({
      name: 'person',
      pose: 'Left',
      truncated: '1',
      difficult: '0',
      bndbox: { xmin: 1.5, ymin: 2, xmax: 3, ymax: 4.25 },
      part: [{ name: 'head', bndbox: { xmin: 1, ymin: 1, xmax: 2, ymax: 2 } }],
      actions: { jumping: '1' },
      attributes: { attribute: [{ name: 'rotation', value: '30.0' }, { name: 'x', value: '' }] },
    });
    expect(annotation.object[1]).toMatchObject({ name: 'cat', part: [] });
  });

  it('accepts an annotation without objects or size', () => {
    expect(parseVocAnnotationXml('<annotation><folder></folder><segmented>0</segmented></annotation>', 'a.xml').annotation).toEqual({ object: [] });
  });

  it('names the line of malformed XML', () => {
    const error = parseError('<annotation>\n<object>\n</annotation>');
    expect(error.where).toMatchObject({ file: 'Annotations/a.xml', line: 3 });
    expect(error.message).toContain('malformed XML');
  });

  it('names the element and line of a bad coordinate', () => {
    const error = parseError('<annotation>\n<object><name>a</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object>\n<object>\n<name>b</name>\n<bndbox>\n<xmin>x</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object>\n</annotation>');
    expect(error.where).toEqual({ file: 'Annotations/a.xml', element: 'annotation/object[2]/bndbox/xmin', line: 5 });
    expect(error.message).toContain('must be a number');
  });

  it('rejects a missing bndbox, flags other than 0/1, a bad size and a wrong root', () => {
    expect(parseError('<annotation><object><name>a</name></object></annotation>').where?.element).toBe('annotation/object[1]/bndbox');
    const flag = parseError('<annotation><object><name>a</name><difficult>yes</difficult><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object></annotation>');
    expect(flag.where?.element).toBe('annotation/object[1]/difficult');
    expect(flag.message).toContain('must be 0 or 1');
    expect(parseError('<annotation><size><width>2.5</width></size></annotation>').where?.element).toBe('annotation/size/width');
    expect(parseError('<doc></doc>').message).toContain('annotation');
  });
});

describe('parseVocAnnotationXml whitespace', () => {
  it('treats blank container elements as absent and keeps text values as written', () => {
    const { annotation } = parseVocAnnotationXml('<annotation>\n  <size>\n  </size>\n  <object>\n    <name> a b </name>\n    <actions>\n    </actions>\n    <attributes>\n    </attributes>\n    <bndbox>\n <xmin> 1 </xmin><ymin>2</ymin><xmax>3</xmax><ymax>4</ymax></bndbox>\n  </object>\n</annotation>\n', 'a.xml');
    expect(annotation.size).toBeUndefined();
    expect(annotation.object[0]).toEqual({ name: ' a b ', bndbox: { xmin: 1, ymin: 2, xmax: 3, ymax: 4 }, part: [] });
  });
});
