import { describe, expect } from 'vitest';
import { fc, it } from '@fast-check/vitest';
import { formatAttributeText, parseAttributeText } from './attribute-text.js';

describe('LabelMe attribute text', () => {
  it('reads flags, booleans, quoted strings, exact numbers and escapes as Datumaro does', () => {
    expect(parseAttributeText('gfd lkj lkj hi')).toEqual([{ name: 'gfd lkj lkj hi', value: true, text: 'true' }]);
    expect(parseAttributeText('a=1, b=1.50, c=0.5, d="7", e=TRUE, f=x\\,y\\=z, g\\=h=\\"q\\"')).toEqual([
      { name: 'a', value: 1, text: '1' },
      { name: 'b', value: '1.50', text: '1.50' },
      { name: 'c', value: 0.5, text: '0.5' },
      { name: 'd', value: '7', text: '7' },
      { name: 'e', value: true, text: 'true' },
      { name: 'f', value: 'x,y=z', text: 'x,y=z' },
      { name: 'g=h', value: '"q"', text: '"q"' },
    ]);
  });
  it('writes Python booleans, str() numbers and quotes strings that would read back otherwise', () => {
    expect(formatAttributeText([
      { name: 'flag', value: true }, { name: 'rotation', value: 0, numberText: '0.0' }, { name: 'id', value: '42' }, { name: 'yes', value: 'false' }, { name: 'a,b', value: 'c=d' },
    ])).toBe('flag=True, rotation=0.0, id="42", yes="false", a\\,b=c\\=d');
  });
  it.prop([fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 12 }).filter((name) => name.trim() === name && name !== ''), value: fc.oneof(fc.boolean(), fc.string({ maxLength: 12 }).filter((value) => value.trim() === value)) }), { maxLength: 5 })])(
    'reads back the names and values it writes (strings without edge spaces, booleans)',
    (attributes) => {
      const back = parseAttributeText(formatAttributeText(attributes));
      expect(back.map(({ name, value }) => ({ name, value }))).toEqual(attributes);
    },
  );
});
