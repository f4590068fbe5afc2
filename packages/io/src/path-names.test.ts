import { expect, it } from 'vitest';
import { extensionOf, isImagePath, withoutExtension } from './path-names.js';

it('splits the extension of the last component only', () => {
  expect(extensionOf('a.b/c.JPG')).toBe('.JPG');
  expect(extensionOf('a.b/c')).toBe('');
  expect(extensionOf('dir/.hidden')).toBe('');
  expect(withoutExtension('a/b.tar.png')).toBe('a/b.tar');
  expect(withoutExtension('a.b/c')).toBe('a.b/c');
  expect(isImagePath('x/y.PNG')).toBe(true);
  expect(isImagePath('x/y.txt')).toBe(false);
  expect(isImagePath('x/y.heic', new Set(['.heic']))).toBe(true);
});
