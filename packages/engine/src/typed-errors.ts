// Errors from @annoconv/geometry carry a code but are not AnnoconvErrors (geometry depends on nothing of ours):
// data that geometry refuses (a mask track CVAT cannot interpolate, two keyframes on one frame, a broken RLE) is
// invalid input, not a bug, so the engine gives it the model's error type before it reaches a caller.
import { AnnoconvError } from '@annoconv/core';

function isGeometryError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && error.name === 'GeometryError' && typeof (error as { code?: unknown }).code === 'string';
}

/** Runs `work`, turning a geometry refusal into a schema error that names what was refused. */
export async function withTypedErrors<T>(work: () => Promise<T>, subject: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isGeometryError(error)) throw new AnnoconvError('schema', `${subject}: ${error.message} (${error.code})`, { cause: error });
    throw error;
  }
}
