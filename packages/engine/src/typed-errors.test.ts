import { describe, expect, it } from 'vitest';
import { AnnoconvError } from '@annoconv/core';
import { GeometryError } from '@annoconv/geometry';
import { withTypedErrors } from './typed-errors.js';

describe('withTypedErrors', () => {
  it('turns a geometry refusal into a schema error naming the input', async () => {
    const failing = withTypedErrors(async () => {
      throw new GeometryError('interpolation-unsupported', 'CVAT cannot interpolate mask tracks');
    }, 'dataset.zip');
    await expect(failing).rejects.toSatisfy((error) => AnnoconvError.isInstance(error) && error.code === 'schema' && /dataset\.zip: CVAT cannot interpolate/.test(error.message));
  });
  it('passes other errors and results through', async () => {
    await expect(withTypedErrors(async () => 7, 'x')).resolves.toBe(7);
    const plain = new TypeError('bug');
    await expect(withTypedErrors(async () => { throw plain; }, 'x')).rejects.toBe(plain);
  });
});
